using System.Globalization;
using Npgsql;

namespace Agensium.Benchmarks.Scheduler;

/// <summary>
/// One task at a time through a node that does not run jobs: the time from just before POST /process to the start
/// of the job on the executing node (job_history.started_at, written by that node; same machine, same clock), after
/// --warmup N jobs submitted at once and not measured.
/// </summary>
public static class LatencyRun
{
    public static async Task<string> RunAsync(BenchOptions o, CancellationToken ct)
    {
        using var submitter = new Submitter(o);
        await using var db = NpgsqlDataSource.Create(o.Connection);
        if (o.Warmup > 0)
        {
            // Both nodes reach their steady state first (tiered JIT of the submit and execution paths), as in a
            // service that has been up for a while; none of these is measured.
            await Outcomes.WaitAllFinalAsync(db, await submitter.SubmitManyAsync(o.Warmup, o.Parallel, ct), ct);
        }
        var samples = new List<double>();
        for (var i = -5; i < o.Count; i++)
        {
            var id = await submitter.CreateAsync(0, ct);
            var sent = DateTime.UtcNow;
            await submitter.ProcessAsync(0, id, ct);
            await Outcomes.WaitAllFinalAsync(db, [id], ct);
            await using var cmd = db.CreateCommand("SELECT min(started_at) FROM job_history WHERE task_id = @t");
            cmd.Parameters.AddWithValue("t", id);
            var started = (DateTime)(await cmd.ExecuteScalarAsync(ct))!;
            if (i >= 0)
            {
                samples.Add((started.ToUniversalTime() - sent).TotalMilliseconds);
            }
        }
        samples.Sort();
        double P(double q) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"latency count={samples.Count} p50_ms={P(0.50):F1} p99_ms={P(0.99):F1} max_ms={samples[^1]:F1} min_ms={samples[0]:F1}");
    }
}
