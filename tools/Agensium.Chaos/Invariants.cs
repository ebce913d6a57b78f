using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Npgsql;

namespace Agensium.Chaos;

/// <summary>The state of one accepted task as the database shows it, with its analysis attempts.</summary>
public sealed record TaskState(string TaskId, string? Status, string? ErrorCode, int Attempts, int CompletedAttempts, int RunningAttempts,
    int LostAttempts, int SkippedAttempts, bool CompletionMatchesAttempt);

/// <summary>The checks of the issue, by SQL over tasks/job_history and by listing S3.</summary>
public sealed class Invariants(ChaosOptions options, NpgsqlDataSource db) : IDisposable
{
    public static readonly HashSet<string> Final = ["COMPLETED", "FAILED", "CANCELLED", "EXPIRED", "UPLOAD_FAILED"];

    private readonly AmazonS3Client _s3 = new(new BasicAWSCredentials("S3RVER", "S3RVER"), new AmazonS3Config
    {
        ServiceURL = $"http://127.0.0.1:{options.S3Port}",
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    public async Task<Dictionary<string, TaskState>> ReadAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        // A task's completed_at is written in the transaction that closes its COMPLETED attempt, so it lies within
        // that attempt's run; a completion outside it came from another attempt. (Double runs that leave no such trace
        // in the tables, e.g. a frozen node finishing work already completed elsewhere, are found in the node logs.)
        await using var cmd = db.CreateCommand("""
            SELECT t.task_id, t.status, t.error_code,
                   count(h.id) AS attempts,
                   count(h.id) FILTER (WHERE h.status = 'COMPLETED') AS completed,
                   count(h.id) FILTER (WHERE h.status = 'RUNNING') AS running,
                   count(h.id) FILTER (WHERE h.status = 'LOST') AS lost,
                   count(h.id) FILTER (WHERE h.status = 'SKIPPED') AS skipped,
                   bool_or(h.status = 'COMPLETED' AND t.completed_at BETWEEN h.started_at AND h.finished_at) AS matches
              FROM tasks t LEFT JOIN job_history h ON h.task_id = t.task_id AND h.job_name = 'process-analysis'
             WHERE t.task_id = ANY(@ids)
             GROUP BY t.task_id, t.status, t.error_code
            """);
        cmd.Parameters.AddWithValue("ids", ids.ToArray());
        var states = new Dictionary<string, TaskState>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetString(0);
            states[id] = new TaskState(id, reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                (int)reader.GetInt64(3), (int)reader.GetInt64(4), (int)reader.GetInt64(5), (int)reader.GetInt64(6), (int)reader.GetInt64(7),
                !reader.IsDBNull(8) && reader.GetBoolean(8));
        }
        return states;
    }

    /// <summary>Waits until every task is final (or the deadline passes); returns the last reading.</summary>
    public async Task<Dictionary<string, TaskState>> WaitFinalAsync(IReadOnlyCollection<string> ids, TimeSpan deadline, CancellationToken ct)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            Dictionary<string, TaskState> states;
            try
            {
                states = await ReadAsync(ids, ct);
            }
            catch (NpgsqlException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(1000, ct);
                continue;
            }
            var open = ids.Count(id => !states.TryGetValue(id, out var s) || !Final.Contains(s.Status!) || s.RunningAttempts > 0);
            if (open == 0 || DateTime.UtcNow > until)
            {
                return states;
            }
            await Task.Delay(1000, ct);
        }
    }

    /// <summary>Applies the per-task checks; adds violations, returns (lost, duplicated).</summary>
    public static (int Lost, int Duplicated) Judge(IReadOnlyCollection<string> ids, Dictionary<string, TaskState> states, List<string> violations)
    {
        int lost = 0, duplicated = 0;
        foreach (var id in ids)
        {
            if (!states.TryGetValue(id, out var s))
            {
                lost++;
                violations.Add($"task {id}: accepted but its row is gone");
                continue;
            }
            if (!Final.Contains(s.Status!))
            {
                lost++;
                violations.Add($"task {id}: still {s.Status} after the deadline ({s.Attempts} attempts, {s.RunningAttempts} running)");
                continue;
            }
            if (s.RunningAttempts > 0)
            {
                violations.Add($"task {id}: {s.Status} with {s.RunningAttempts} job_history attempt(s) still RUNNING");
            }
            if (s.CompletedAttempts > 1)
            {
                duplicated++;
                violations.Add($"task {id}: {s.CompletedAttempts} COMPLETED attempts");
            }
            else if (s.Status == "COMPLETED" && (s.CompletedAttempts == 0 || !s.CompletionMatchesAttempt))
            {
                duplicated++;
                violations.Add($"task {id}: COMPLETED by an attempt other than its recorded one ({s.CompletedAttempts} COMPLETED, {s.LostAttempts} LOST attempts) — run twice");
            }
            else if (s.Status != "COMPLETED" && s.CompletedAttempts > 0)
            {
                violations.Add($"task {id}: {s.Status} but an attempt is recorded COMPLETED");
            }
        }
        return (lost, duplicated);
    }

    /// <summary>job_history rows of any job left RUNNING (an attempt without an end).</summary>
    public async Task<List<string>> OpenAttemptsAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT job_name || ' ' || coalesce(task_id, '-') || ' on ' || node_instance_id || ' since ' || started_at FROM job_history WHERE status = 'RUNNING'");
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    /// <summary>Outputs in S3 of tasks of this run that are not COMPLETED (all tasks of the database, accepted or not).</summary>
    public async Task<List<string>> OrphanOutputsAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT task_id, user_id, status FROM tasks WHERE status <> 'COMPLETED'");
        var candidates = new List<(string Id, long User, string Status)>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                candidates.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
            }
        }
        var orphans = new List<string>();
        foreach (var (id, user, status) in candidates)
        {
            var listed = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = options.Bucket, Prefix = $"users/{user}/tasks/{id}/outputs/" }, ct);
            foreach (var o in listed.S3Objects ?? [])
            {
                orphans.Add($"{o.Key} (task {status})");
            }
        }
        return orphans;
    }

    public async Task<long> CompletedCountAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT count(*) FROM tasks WHERE status = 'COMPLETED'");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Analysis attempts a node is running now (task id, attempt number).</summary>
    public async Task<List<(string TaskId, int Attempt)>> RunningOnAsync(string instanceId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT task_id, attempt FROM job_history WHERE node_instance_id = @n AND status = 'RUNNING' AND job_name = 'process-analysis'");
        cmd.Parameters.AddWithValue("n", instanceId);
        var rows = new List<(string, int)>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1)));
        }
        return rows;
    }

    /// <summary>How many of the stranded attempts have been taken over: a later attempt on another node, or the task is final.</summary>
    public async Task<int> TakenOverAsync(string instanceId, IReadOnlyList<(string TaskId, int Attempt)> stranded, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT count(*) FROM tasks t
             WHERE t.task_id = ANY(@ids)
               AND (t.status IN ('COMPLETED', 'FAILED', 'CANCELLED')
                    OR EXISTS (SELECT 1 FROM job_history h WHERE h.task_id = t.task_id AND h.job_name = 'process-analysis'
                                AND h.node_instance_id <> @n AND h.started_at >= (SELECT max(s.started_at) FROM job_history s
                                    WHERE s.task_id = t.task_id AND s.node_instance_id = @n)))
            """);
        cmd.Parameters.AddWithValue("ids", stranded.Select(s => s.TaskId).ToArray());
        cmd.Parameters.AddWithValue("n", instanceId);
        return (int)(long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Attempts of the stranded tasks that a node recorded COMPLETED (to check a frozen node did not finish recovered work).</summary>
    public async Task<List<string>> CompletedByAsync(string instanceId, IReadOnlyList<(string TaskId, int Attempt)> stranded, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT h.task_id FROM job_history h
             WHERE h.task_id = ANY(@ids) AND h.node_instance_id = @n AND h.status = 'COMPLETED' AND h.job_name = 'process-analysis'
               AND EXISTS (SELECT 1 FROM job_history o WHERE o.task_id = h.task_id AND o.node_instance_id <> @n AND o.job_name = 'process-analysis')
            """);
        cmd.Parameters.AddWithValue("ids", stranded.Select(s => s.TaskId).ToArray());
        cmd.Parameters.AddWithValue("n", instanceId);
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    public async Task<long> CountAsync(string sql, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public void Dispose() => _s3.Dispose();
}
