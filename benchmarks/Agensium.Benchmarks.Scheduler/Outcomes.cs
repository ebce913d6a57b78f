using Npgsql;

namespace Agensium.Benchmarks.Scheduler;

/// <summary>Reads what the cluster committed: the task rows and job_history are the truth, not the API's answers.</summary>
public static class Outcomes
{
    public static readonly string[] Final = ["COMPLETED", "FAILED", "CANCELLED", "EXPIRED"];

    /// <summary>Waits until every task is final; returns (completed, failed-or-other, last completion time).</summary>
    /// <remarks>
    /// One data source for the whole run: a new one per call opened a fresh connection (a PostgreSQL backend forked, its
    /// types loaded) beside every measured job, which on 2 cores showed in the latency figures.
    /// </remarks>
    public static async Task<(long Completed, long Other, DateTime LastEnd)> WaitAllFinalAsync(NpgsqlDataSource db, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var keys = ids.ToArray();
        while (true)
        {
            await using var cmd = db.CreateCommand("""
                SELECT count(*) FILTER (WHERE status = 'COMPLETED'),
                       count(*) FILTER (WHERE status IN ('FAILED','CANCELLED','EXPIRED')),
                       max(coalesce(completed_at, failed_at, cancelled_at, expired_at))
                FROM tasks WHERE task_id = ANY(@ids)
                """);
            cmd.Parameters.AddWithValue("ids", keys);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            var (done, other) = (r.GetInt64(0), r.GetInt64(1));
            if (done + other >= ids.Count)
            {
                return (done, other, r.GetDateTime(2));
            }
            await Task.Delay(50, ct);
        }
    }

    /// <summary>Attempts per task beyond one (must be 0: no job ran twice).</summary>
    public static async Task<long> ExtraAttemptsAsync(NpgsqlDataSource db, IReadOnlyList<string> ids, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT count(*) - count(DISTINCT task_id) FROM job_history WHERE task_id = ANY(@ids)");
        cmd.Parameters.AddWithValue("ids", ids.ToArray());
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
