using System.Text.Json.Nodes;
using Agensium.Scheduler.Logging;
using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// The seed's queue.tasks.health_check (every 60 s): database SELECT 1, an S3 list of health-check-probe/,
/// and a Redis PING. Unlike the seed, an S3 failure is reported as an error rather than hidden as "ok".
/// </summary>
[DisallowConcurrentExecution]
public sealed class HealthCheckJob(DependencyProbe probe, TimeProvider time, ILogger<HealthCheckJob> logger) : IJob
{
    public static readonly JobKey Key = new("health-check", "maintenance");
    public static readonly TriggerKey TriggerKey = new("health-check-cron", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        using var scope = JobLogScope.Begin(logger, context, JobRunInfo.From(context));
        DependencyProbe.Report report;
        try
        {
            report = await probe.ProbeAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The node stops mid-check: nothing was found down, and the next minute's run checks again.
            context.Result = new JobOutcome(Data.JobRunStatuses.Cancelled, null, "The node stopped during the health check",
                new JsonObject { ["status"] = "cancelled" });
            return;
        }
        logger.HealthChecked(report.Database, report.S3, report.Redis);
        var result = new JsonObject
        {
            ["timestamp"] = time.GetUtcNow().UtcDateTime.ToString("O"),
            ["database"] = report.Database,
            ["s3"] = report.S3,
            ["redis"] = report.Redis,
            ["node"] = context.Scheduler.SchedulerInstanceId,
        };
        context.Result = report.AllOk
            ? JobOutcome.Completed(result)
            : JobOutcome.Failed("DEPENDENCY_DOWN", $"database {report.Database}, s3 {report.S3}, redis {report.Redis}", result);
    }
}
