using Npgsql;

namespace Agensium.Benchmarks.Scheduler;

/// <summary>Reads what the cluster committed: the task rows and job_history are the truth, not the API's answers.</summary>
public static class Outcomes
{
    public static readonly string[] Final = ["COMPLETED", "FAILED", "CANCELLED", "EXPIRED"];

    /// <summary>Up to this many tasks (the latency step's one at a time) are polled every 50 ms.</summary>
    private const int SmallSet = 16;

    /// <summary>Waits until every task is final; returns (completed, failed-or-other, last completion time).</summary>
    /// <remarks>
    /// One data source for the whole run: a new one per call opened a fresh connection (a PostgreSQL backend forked, its
    /// types loaded) beside every measured job, which on 2 cores showed in the latency figures. A large set is polled every
    /// half second, not every 50 ms: each poll looks up every id (2,000 index probes), PostgreSQL work on the same 2 cores
    /// as the cluster under test, and the figures do not depend on when the end is noticed (they use the committed
    /// completion times).
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
            await Task.Delay(ids.Count > SmallSet ? 500 : 50, ct);
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
