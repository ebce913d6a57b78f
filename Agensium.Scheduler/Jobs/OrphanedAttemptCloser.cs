using Agensium.Scheduler.Logging;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Closes, within seconds, the RUNNING job_history rows of nodes that stopped checking in. Quartz's recovery closes
/// an analysis attempt when it runs the task again, but nothing runs again when the task was cancelled meanwhile (its
/// job is gone) or the job does not ask for recovery (the cron jobs): such rows stayed RUNNING until the 15-minute
/// cleanup. Every node runs this; the UPDATE is idempotent and reads only the partial index of RUNNING rows.
/// </summary>
public sealed class OrphanedAttemptCloser(JobHistoryRetention retention, IOptions<SchedulerOptions> options,
    ILogger<OrphanedAttemptCloser> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(options.Value.OrphanedAttemptsInterval, async ct =>
        {
            var closed = await retention.CloseOrphanedAsync(ct);
            if (closed > 0)
            {
                logger.OrphanedAttemptsClosed(closed);
            }
        }, logger.OrphanedAttemptsCloseFailed, stoppingToken);
}
