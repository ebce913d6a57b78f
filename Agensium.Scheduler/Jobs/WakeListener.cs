using Agensium.Scheduler.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz.Extensibility;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Quartz finds work queued by another node only when it next polls (at least a second later, up to
/// Scheduler:IdleWaitTime). This listens for the NOTIFY that sql/005 sends whenever triggers are inserted and wakes
/// the local scheduler thread the new triggers are for at once (the NOTIFY names their scheduler, sql/018: a submission
/// wakes the analyses' scheduler, a cron job run now through another node the maintenance scheduler; an empty payload,
/// sent after a resume, wakes both), so a task submitted through any node starts within milliseconds on whichever
/// node has a free slot. Polling stays as the fallback; a lost connection is re-opened. The LISTEN is session state, and
/// pooled connections are not reset when they are returned (<see cref="Data.DatabaseOptions.ResetSessionOnReturn"/>), so
/// the listener's connection is outside the pool: closing it ends its session.
/// </summary>
public sealed class WakeListener(IOptions<Data.DatabaseOptions> database, IOptions<SchedulerOptions> scheduler, IServiceProvider services,
    MaintenanceScheduler maintenance, ILogger<WakeListener> logger) : BackgroundService
{
    public const string Channel = "agensium_wake";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetService<ISchedulerSignaler>() is not { } analyses
            || services.GetKeyedService<ISchedulerSignaler>(maintenance.Name) is not { } cron)
        {
            logger.WakeUnavailable();
            return;
        }
        var signaler = new Signalers(scheduler.Value.InstanceName, analyses, maintenance.Name, cron);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = new NpgsqlConnection(ConnectionString(database.Value));
                await conn.OpenAsync(stoppingToken);
                conn.Notification += (_, e) => _ = signaler.SignalSchedulingChange(e.Payload, CancellationToken.None);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", conn))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                failures = 0;
                // Work may have arrived while the connection was down.
                await signaler.SignalSchedulingChange(WakeBoth, stoppingToken);
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

    /// <summary>The service's connection string, tuned as every other connection, outside the pool.</summary>
    public static string ConnectionString(Data.DatabaseOptions options) =>
        Data.DatabaseOptions.Unpooled(options.Tuned());

    /// <summary>The payload that wakes both schedulers (sent by OperatorActions after a resume, and by sql/005 before sql/018).</summary>
    public const string WakeBoth = "";

    /// <summary>
    /// Wakes the scheduler a NOTIFY names: the analyses' or the maintenance one, both for an empty payload, neither for
    /// another scheduler's name (another cluster sharing the tables: its triggers are not acquired here).
    /// </summary>
    private sealed record Signalers(string AnalysesName, ISchedulerSignaler Analyses, string CronName, ISchedulerSignaler Cron)
    {
        public async Task SignalSchedulingChange(string payload, CancellationToken ct)
        {
            if (payload.Length == 0 || payload == AnalysesName)
            {
                await Analyses.SignalSchedulingChange(null, ct);
            }
            if (payload.Length == 0 || payload == CronName)
            {
                await Cron.SignalSchedulingChange(null, ct);
            }
        }
    }
}
