using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Agensium.Benchmarks.Scheduler;

/// <summary>N no-op tasks submitted at once through the API; wall time from the first submit to the last committed completion.</summary>
public static class ThroughputRun
{
    public static async Task<string> RunAsync(BenchOptions o, CancellationToken ct)
    {
        using var submitter = new Submitter(o);
        await using var db = NpgsqlDataSource.Create(o.Connection);
        // Warm the HTTP connections and the nodes' code paths (not counted): a service runs for days, so what is
        // measured is its steady state, after .NET's tiered JIT has compiled the hot paths with full optimisation.
        await Outcomes.WaitAllFinalAsync(db, await submitter.SubmitManyAsync(Math.Max(o.Api.Count * 4, o.Warmup), o.Parallel, ct), ct);

        var start = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var ids = await submitter.SubmitManyAsync(o.Count, o.Parallel, ct);
        var submitSeconds = clock.Elapsed.TotalSeconds;
        var (completed, other, lastEnd) = await Outcomes.WaitAllFinalAsync(db, ids, ct);
        var wall = (lastEnd - start).TotalSeconds;
        var extra = await Outcomes.ExtraAttemptsAsync(db, ids, ct);
        return string.Create(CultureInfo.InvariantCulture,
            $"throughput nodes={o.Api.Count} count={o.Count} completed={completed} other={other} extra_attempts={extra} submit_s={submitSeconds:F2} wall_s={wall:F2} jobs_per_s={o.Count / wall:F0}");
    }
}
