using Agensium.Scheduler.Logging;
using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// The one place that records executions: job_history rows for every job, and the task status transitions
/// around analysis jobs. Job bodies only compute an outcome.
/// </summary>
public sealed class JobHistoryListener(JobHistoryRecorder history, TaskLifecycle lifecycle, FireGates gates, ILogger<JobHistoryListener> logger) : IJobListener
{
    public string Name => "agensium-job-history";

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var info = JobRunInfo.From(context);
        using var scope = JobLogScope.Begin(logger, context, info);
        try
        {
            await history.StartAsync(context, info, cancellationToken);
            if (context.JobDetail.Key.Equals(ProcessAnalysisJob.Key) && info.TaskId is not null)
            {
                gates.Set(context.FireInstanceId, await lifecycle.BeginAsync(info.TaskId, cancellationToken));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.ListenerFailed(e, "start");
            gates.Set(context.FireInstanceId, TaskGate.Fail(ErrorCodes.InternalError, "Could not record the start of the job: " + e.Message));
        }
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var info = JobRunInfo.From(context);
        using var scope = JobLogScope.Begin(logger, context, info);
        gates.Take(context.FireInstanceId);
        var outcome = context.Result as JobOutcome
            ?? JobOutcome.Failed(ErrorCodes.InternalError, jobException?.Message ?? "The job ended without an outcome");
        try
        {
            if (context.JobDetail.Key.Equals(ProcessAnalysisJob.Key) && info.TaskId is not null)
            {
                await lifecycle.EndAsync(info.TaskId, outcome, cancellationToken);
            }
            await history.FinishAsync(context, outcome, cancellationToken);
            logger.JobFinished(context.JobDetail.Key.Name, outcome.Status, outcome.ErrorCode, (long)context.JobRunTime.TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.ListenerFailed(e, "end");
        }
    }
}
