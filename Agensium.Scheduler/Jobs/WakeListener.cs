using Agensium.Scheduler.Logging;
using Npgsql;
using Quartz.Extensibility;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Quartz finds work queued by another node only when it next polls (at least a second later, up to
/// Scheduler:IdleWaitTime). This listens for the NOTIFY that sql/005 sends whenever triggers are inserted and wakes
/// the local scheduler thread at once, so a task submitted through any node starts within milliseconds on whichever
/// node has a free slot. Polling stays as the fallback; a lost connection is re-opened.
/// </summary>
public sealed class WakeListener(NpgsqlDataSource db, IServiceProvider services, ILogger<WakeListener> logger) : BackgroundService
{
    public const string Channel = "agensium_wake";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService(typeof(ISchedulerSignaler)) is not ISchedulerSignaler signaler)
        {
            logger.WakeUnavailable();
            return;
        }
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await db.OpenConnectionAsync(stoppingToken);
                conn.Notification += (_, _) => _ = signaler.SignalSchedulingChange(null, CancellationToken.None).AsTask();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", conn))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                failures = 0;
                // Work may have arrived while the connection was down.
                await signaler.SignalSchedulingChange(null, stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await conn.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (failures++ % 30 == 0)
                {
                    logger.WakeListenerFailed(e);
                }
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
