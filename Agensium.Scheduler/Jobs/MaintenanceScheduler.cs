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
    public string Name => options.Value.MaintenanceInstanceName;

    public ValueTask<IScheduler> GetAsync(CancellationToken ct) =>
        services.GetRequiredKeyedService<ISchedulerFactory>(Name).GetScheduler(ct);
}
