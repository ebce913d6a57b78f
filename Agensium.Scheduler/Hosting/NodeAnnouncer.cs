using Agensium.Scheduler.Jobs;
using Agensium.Scheduler.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Agensium.Scheduler.Hosting;

/// <summary>Once Quartz has its instance id, puts it in every log line and says the node is up.</summary>
public sealed class NodeAnnouncer(ISchedulerFactory schedulers, NodeIdentity node, IOptions<SchedulerOptions> options,
    IHostApplicationLifetime lifetime, ILogger<NodeAnnouncer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        node.Set(scheduler.SchedulerInstanceId);
        lifetime.ApplicationStarted.Register(() =>
            logger.NodeStarted(scheduler.SchedulerInstanceId, scheduler.SchedulerName, options.Value.Concurrency));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
