using System.Diagnostics;
using Agensium.Scheduler.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// The clock of the cluster: this machine's clock corrected by its offset from PostgreSQL's (measured at start and
/// every <see cref="SchedulerOptions.ClockSyncInterval"/>, halfway through the round trip). Quartz's clustering
/// compares check-in times written by different nodes, so a node whose clock is off by more than the check-in
/// threshold declares the others dead and runs their jobs again (found by the chaos runner with one node 30 s ahead);
/// on the database's clock every node agrees. Quartz takes the container's TimeProvider, and so does every timestamp
/// the service writes. Timers and durations still use the monotonic clock.
/// </summary>
public sealed class DatabaseClock(NpgsqlDataSource db, IOptions<SchedulerOptions> options, ILogger<DatabaseClock> logger)
    : TimeProvider, IHostedService, IDisposable
{
    private long _offsetTicks;
    private CancellationTokenSource? _stop;
    private Task? _loop;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Measures the offset (best of three round trips); keeps the last one when the database does not answer.</summary>
    public async Task SyncAsync(CancellationToken ct)
    {
        TimeSpan? best = null;
        var bestRoundTrip = TimeSpan.MaxValue;
        await using var conn = await db.OpenConnectionAsync(ct);
        for (var i = 0; i < 3; i++)
        {
            await using var cmd = new NpgsqlCommand("SELECT clock_timestamp()", conn);
            var sent = System.GetUtcNow();
            var watch = Stopwatch.StartNew();
            var server = (DateTime)(await cmd.ExecuteScalarAsync(ct))!;
            var roundTrip = watch.Elapsed;
            if (roundTrip < bestRoundTrip)
            {
                bestRoundTrip = roundTrip;
                best = new DateTimeOffset(DateTime.SpecifyKind(server, DateTimeKind.Utc)) - (sent + roundTrip / 2);
            }
        }
        var offset = best!.Value;
        var previous = Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
        if (Math.Abs(offset.Ticks - previous) > TimeSpan.TicksPerSecond)
        {
            logger.ClockOffset(offset.TotalMilliseconds, bestRoundTrip.TotalMilliseconds);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before Quartz starts (this service is registered first): its first check-in already uses the corrected clock.
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await SyncAsync(timeout.Token);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            logger.ClockSyncFailed(e);
        }
        _stop = new CancellationTokenSource();
        _loop = PeriodicLoop.RunAsync(options.Value.ClockSyncInterval, SyncAsync, logger.ClockSyncFailed, _stop.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop is not null)
        {
            await _stop.CancelAsync();
        }
        if (_loop is not null)
        {
            await _loop;
        }
    }

    public void Dispose() => _stop?.Dispose();
}
