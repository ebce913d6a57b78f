using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Agensium.Benchmarks.Scheduler;

/// <summary>
/// Backlog scaling: submit N tasks while no node runs jobs (they wait in the Quartz store), then start the workers
/// and time the drain. The ids are kept in a table so the two steps can run in separate processes.
/// </summary>
public static class BacklogRun
{
    public static async Task<string> SubmitAsync(BenchOptions o, CancellationToken ct)
    {
        using var submitter = new Submitter(o);
        var clock = Stopwatch.StartNew();
        var ids = await submitter.SubmitManyAsync(o.Count, o.Parallel, ct);
        await using var db = NpgsqlDataSource.Create(o.Connection);
        await using (var create = db.CreateCommand("CREATE TABLE IF NOT EXISTS bench_backlog (task_id varchar(36) PRIMARY KEY); TRUNCATE bench_backlog"))
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        await using (var insert = db.CreateCommand("INSERT INTO bench_backlog SELECT unnest(@ids)"))
        {
            insert.Parameters.AddWithValue("ids", ids.ToArray());
            await insert.ExecuteNonQueryAsync(ct);
        }
        var submitted = clock.Elapsed.TotalSeconds;
        var cloned = o.CloneTo > ids.Count ? await BacklogClone.CloneAsync(db, o.CloneTo - ids.Count, ct) : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"backlog queued={ids.Count + cloned} submitted={ids.Count} cloned={cloned} submit_s={submitted:F1} clone_s={clock.Elapsed.TotalSeconds - submitted:F1}");
    }

    public static async Task<string> DrainAsync(BenchOptions o, CancellationToken ct)
    {
        await using var db = NpgsqlDataSource.Create(o.Connection);
        var ids = new List<string>();
        await using (var cmd = db.CreateCommand("SELECT task_id FROM bench_backlog"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                ids.Add(r.GetString(0));
            }
        }
        if (o.Measure > 0 && o.Measure < ids.Count)
        {
            return await MeasureFirstAsync(db, ids.Count, o.Measure, ct);
        }
        // The drain starts with the first job start (the workers were started just before this).
        var (completed, other, lastEnd) = await Outcomes.WaitAllFinalAsync(db, ids, ct);
        await using var first = db.CreateCommand("SELECT min(started_at) FROM job_history WHERE task_id = ANY(@ids)");
        first.Parameters.AddWithValue("ids", ids.ToArray());
        var start = (DateTime)(await first.ExecuteScalarAsync(ct))!;
        var wall = (lastEnd - start).TotalSeconds;
        var extra = await Outcomes.ExtraAttemptsAsync(db, ids, ct);
        return string.Create(CultureInfo.InvariantCulture,
            $"drain queued={ids.Count} completed={completed} other={other} extra_attempts={extra} wall_s={wall:F2} jobs_per_s={ids.Count / wall:F0} ms_per_job={wall * 1000 / ids.Count:F3}");
    }

    /// <summary>
    /// The cost per job while the backlog is still large: first job start to the M-th completion, the rest left
    /// queued (the scratch database holds only this backlog, so plain counts of the tasks table are exact).
    /// </summary>
    private static async Task<string> MeasureFirstAsync(NpgsqlDataSource db, int queued, int measure, CancellationToken ct)
    {
        while (true)
        {
            await using var count = db.CreateCommand("SELECT count(*) FROM tasks WHERE status = 'COMPLETED'");
            if ((long)(await count.ExecuteScalarAsync(ct))! >= measure)
            {
                break;
            }
            await Task.Delay(200, ct);
        }
        // Analyses' attempts only: the cron jobs (health check, cleanup) write job_history rows without a task; one that
        // ran in the window is neither the drain's first start nor a second attempt of a task.
        await using var times = db.CreateCommand("""
            SELECT (SELECT min(started_at) FROM job_history WHERE task_id IS NOT NULL),
                   (SELECT completed_at FROM tasks WHERE status = 'COMPLETED' ORDER BY completed_at OFFSET @m - 1 LIMIT 1),
                   (SELECT count(*) - count(DISTINCT task_id) FROM job_history WHERE task_id IS NOT NULL)
            """);
        times.Parameters.AddWithValue("m", measure);
        await using var r = await times.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var wall = (r.GetDateTime(1) - r.GetDateTime(0)).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"drain queued={queued} measured={measure} extra_attempts={r.GetInt64(2)} wall_s={wall:F2} jobs_per_s={measure / wall:F0} ms_per_job={wall * 1000 / measure:F3}");
    }
}
