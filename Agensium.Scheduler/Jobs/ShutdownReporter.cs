using Agensium.Scheduler.Logging;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Says in the log what a stopping node is waiting for: the jobs still running when the stop begins (task, tool) and,
/// if <see cref="SchedulerOptions.ShutdownGrace"/> runs out, which of them were left running, for another node to run
/// again once this one is seen dead. Registered after Quartz's hosted service, so it is stopped before it.
/// </summary>
public sealed class ShutdownReporter(FireStates fires, IOptions<SchedulerOptions> options, ILogger<ShutdownReporter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        var running = Describe();
        if (running.Count == 0)
        {
            return Task.CompletedTask;
        }

        logger.StoppingWithRunningJobs(running.Count, options.Value.ShutdownGrace, string.Join(", ", running));
        // The host cancels this token when the grace is over; if the process still lives then, say who is left.
        cancellationToken.Register(() =>
        {
            var left = Describe();
            if (left.Count > 0)
            {
                logger.ShutdownGraceOver(options.Value.ShutdownGrace, string.Join(", ", left));
            }
        });
        return Task.CompletedTask;
    }

    private List<string> Describe() =>
        [.. fires.Running.Select(f => f.TaskId is null ? $"{f.Job ?? "a job"}"
            : f.Attempt > 0 ? $"task {f.TaskId} ({f.ToolId ?? f.Job ?? "?"}, attempt {f.Attempt})"
            : $"task {f.TaskId} ({f.ToolId ?? f.Job ?? "?"}, starting)")];
}
