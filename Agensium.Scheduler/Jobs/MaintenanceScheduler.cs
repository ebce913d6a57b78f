using Microsoft.Extensions.Options;
using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// The node's Quartz scheduler of the cron jobs (cleanup, health check), registered under
/// <see cref="SchedulerOptions.MaintenanceInstanceName"/> beside the analyses' scheduler (the container's unkeyed one):
/// whatever reads or changes a cron trigger asks this one.
/// </summary>
public sealed class MaintenanceScheduler(IServiceProvider services, IOptions<SchedulerOptions> options)
{
    /// <summary>The group of the jobs this scheduler holds (<see cref="JobNames"/>; <see cref="DebugJob"/> shares it, but runs in the analyses' scheduler).</summary>
    public static readonly string JobGroup = CleanupExpiredTasksJob.Key.Group;

    /// <summary>The jobs this scheduler holds (QuartzSetup registers them with it); every other job runs in the analyses' scheduler.</summary>
    public static readonly string[] JobNames = [CleanupExpiredTasksJob.Key.Name, HealthCheckJob.Key.Name];

    public string Name => options.Value.MaintenanceInstanceName;

    public ValueTask<IScheduler> GetAsync(CancellationToken ct) =>
        services.GetRequiredKeyedService<ISchedulerFactory>(Name).GetScheduler(ct);
}
