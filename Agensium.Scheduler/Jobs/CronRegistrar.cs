using Agensium.Scheduler.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Declares the cron triggers of the seed's beat schedule, once per cluster: fixed keys in the shared store. A trigger
/// that already exists with the same schedule is left untouched, so after downtime its missed fire is seen and run
/// once (FireAndProceed) rather than skipped or replayed for every missed period; a changed cron replaces it.
/// </summary>
public sealed class CronRegistrar(ISchedulerFactory schedulers, IOptions<SchedulerOptions> options, ILogger<CronRegistrar> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await EnsureAsync(scheduler, CleanupExpiredTasksJob.TriggerKey, CleanupExpiredTasksJob.Key, options.Value.CleanupCron, "Scheduler:CleanupCron", cancellationToken);
        await EnsureAsync(scheduler, HealthCheckJob.TriggerKey, HealthCheckJob.Key, options.Value.HealthCheckCron, "Scheduler:HealthCheckCron", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureAsync(IScheduler scheduler, TriggerKey key, JobKey job, string cron, string setting, CancellationToken ct)
    {
        // CronSettings refused a cron that never fires when the options were validated; one whose last fire time passed
        // since (a year that just ended) is refused here the same way: one line and exit 78, not a crash.
        if (CronSettings.Problem(setting, cron, DateTimeOffset.UtcNow) is { } problem)
        {
            throw new Hosting.StartupCheckException(problem);
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        var existing = await scheduler.GetTrigger(key, ct) as ICronTrigger;
        if (existing is null)
        {
            try
            {
                await scheduler.ScheduleNewAsync(trigger, ct);
                logger.CronScheduled(key.Name, cron);
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another node declared it at the same moment.
            }
        }
        else if (existing.CronExpressionString != cron)
        {
            await scheduler.RescheduleJob(key, trigger, ct);
            logger.CronRescheduled(key.Name, existing.CronExpressionString ?? "", cron);
        }
    }
}
