using Agensium.Scheduler.Logging;
using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// The one place that records executions: job_history rows for every job, and the task status transitions
/// (and retries) around analysis jobs. Job bodies only compute an outcome.
/// </summary>
public sealed class JobHistoryListener(JobHistoryRecorder history, TaskLifecycle lifecycle, FireStates fires,
    Metrics.SchedulerMetrics metrics, ILogger<JobHistoryListener> logger) : IJobListener
{
    public string Name => "agensium-job-history";

    private static bool IsAnalysis(IJobExecutionContext context, JobRunInfo info) =>
        context.JobDetail.Key.Equals(ProcessAnalysisJob.Key) && info.TaskId is not null;

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var info = JobRunInfo.From(context);
        using var scope = JobLogScope.Begin(logger, context, info);
        try
        {
            var attempt = await history.StartAsync(context, info, cancellationToken);
            metrics.Started(context.JobDetail.Key.Name, info);
            var gate = IsAnalysis(context, info) ? await lifecycle.BeginAsync(info.TaskId!, attempt, cancellationToken) : null;
            fires.Set(context.FireInstanceId, new FireState(attempt, gate));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.ListenerFailed(e, "start");
            fires.Set(context.FireInstanceId, new FireState(1, TaskGate.Fail(ErrorCodes.InternalError, "Could not record the start of the job: " + e.Message)));
        }
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var info = JobRunInfo.From(context);
        using var scope = JobLogScope.Begin(logger, context, info);
        var state = fires.Remove(context.FireInstanceId);
        var outcome = context.Result as JobOutcome
            ?? JobOutcome.Failed(ErrorCodes.InternalError, jobException?.Message ?? "The job ended without an outcome");
        try
        {
            // Recording the end must not be cut short by a shutdown: the work is done, only its record is left.
            if (IsAnalysis(context, info))
            {
                var attempt = state?.Attempt ?? 1;
                outcome = await lifecycle.EndAsync(context, info, attempt, outcome, lifecycle.PlanRetry(info, attempt, outcome), CancellationToken.None);
            }
            else
            {
                await history.FinishAsync(context, outcome, null, CancellationToken.None);
            }
            metrics.Finished(context.JobDetail.Key.Name, info, outcome, context.JobRunTime);
            logger.JobFinished(context.JobDetail.Key.Name, outcome.Status, outcome.ErrorCode, (long)context.JobRunTime.TotalMilliseconds);
        }
        catch (Exception e)
        {
            logger.ListenerFailed(e, "end");
        }
    }
}
