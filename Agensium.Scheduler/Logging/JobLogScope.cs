using Agensium.Scheduler.Jobs;
using Quartz;

namespace Agensium.Scheduler.Logging;

/// <summary>Log context of a job: JobName and TaskId on every line written while it runs.</summary>
public static class JobLogScope
{
    public static IDisposable? Begin(ILogger logger, IJobExecutionContext context, JobRunInfo info) =>
        logger.BeginScope(new Dictionary<string, object?>
        {
            ["JobName"] = context.JobDetail.Key.Name,
            ["TaskId"] = info.TaskId ?? context.FireInstanceId,
            ["FireInstanceId"] = context.FireInstanceId,
        });
}
