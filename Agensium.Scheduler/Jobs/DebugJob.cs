using System.Text.Json.Nodes;
using Agensium.Scheduler.Logging;
using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>The seed's debug_task: proves a node picks up and runs work. Returns {status: "ok", task_id}.</summary>
public sealed class DebugJob(ILogger<DebugJob> logger) : IJob
{
    public static readonly JobKey Key = new("debug", "maintenance");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var info = JobRunInfo.From(context);
        using var scope = JobLogScope.Begin(logger, context, info);
        var id = info.TaskId ?? context.FireInstanceId;
        logger.DebugRan(id);
        context.Result = JobOutcome.Completed(new JsonObject
        {
            ["status"] = "ok",
            ["task_id"] = id,
            ["node"] = context.Scheduler.SchedulerInstanceId,
        });
        return ValueTask.CompletedTask;
    }
}
