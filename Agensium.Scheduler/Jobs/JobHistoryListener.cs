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
        // Known as running from the first moment (attempt 0: not known yet), so a stop that begins while the start is
        // being recorded says in the log which job it waits for; the job itself reads the state only once this returns.
        fires.Set(context.FireInstanceId, new FireState(0, null, context.JobDetail.Key.Name, info.TaskId, info.ToolId));
        try
        {
            var (attempt, gate) = IsAnalysis(context, info)
                ? await lifecycle.StartAsync(context, info, cancellationToken)
                : (await history.StartAsync(context, info, cancellationToken), (TaskGate?)null);
            metrics.Started(context.JobDetail.Key.Name, info);
            fires.Set(context.FireInstanceId, new FireState(attempt, gate, context.JobDetail.Key.Name, info.TaskId, info.ToolId));
        }
        catch (OperationCanceledException)
        {
            fires.Remove(context.FireInstanceId); // the job will not run: no state left behind for the stop's report
            throw;
        }
        catch (Exception e)
        {
            logger.ListenerFailed(e, "start");
            // A database or network blip between acquiring the trigger and starting the job is not the task's fault:
            // it is retried (found by the chaos runner: tasks failed INTERNAL_ERROR across a PostgreSQL restart).
            var message = "Could not record the start of the job: " + e.Message;
            fires.Set(context.FireInstanceId, new FireState(1, Worker.ExceptionClassifier.IsTransient(e)
                ? TaskGate.FailTransient(message)
                : TaskGate.Fail(ErrorCodes.InternalError, message), context.JobDetail.Key.Name, info.TaskId, info.ToolId));
        }
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        fires.Remove(context.FireInstanceId); // a vetoed job does not run: JobWasExecuted will not come
        return ValueTask.CompletedTask;
    }

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var info = JobRunInfo.From(context);
        using var scope = JobLogScope.Begin(logger, context, info);
        var state = fires.Remove(context.FireInstanceId);
        var outcome = context.Result as JobOutcome
            ?? JobOutcome.Failed(ErrorCodes.InternalError, jobException?.Message ?? "The job ended without an outcome");
        DateTimeOffset? retryAt = null;
        var retryPlanned = !IsAnalysis(context, info);
        for (var tries = 1; ; tries++)
        {
            try
            {
                // Recording the end must not be cut short by a shutdown: the work is done, only its record is left.
                if (IsAnalysis(context, info))
                {
                    if (!retryPlanned)
                    {
                        retryAt = await lifecycle.PlanRetryAsync(info, outcome, CancellationToken.None);
                        retryPlanned = true;
                    }
                    outcome = await lifecycle.EndAsync(context, info, state?.Attempt ?? 1, outcome, retryAt, CancellationToken.None);
                }
                else
                {
                    await history.FinishAsync(context, outcome, null, CancellationToken.None);
                }
                if (outcome.IsSuperseded)
                {
                    logger.AttemptSuperseded(context.FireInstanceId);
                }
                metrics.Finished(context.JobDetail.Key.Name, info, outcome, context.JobRunTime);
                logger.JobFinished(context.JobDetail.Key.Name, outcome.Status, outcome.ErrorCode, (long)context.JobRunTime.TotalMilliseconds);
                return;
            }
            catch (Exception e) when (Worker.ExceptionClassifier.IsTransient(e) && tries < EndRecordTries)
            {
                // PostgreSQL restarting or paused: without this the task stayed PROCESSING with its attempt RUNNING
                // for ever (the firing itself is released by Quartz, which retries its own store writes).
                logger.ListenerRetrying(e, "end", tries);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, tries)), CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.ListenerFailed(e, "end");
                return;
            }
        }
    }

    /// <summary>Tries to record a job's end (1 + 2 + … + 10 s apart, about 15 minutes in all) while the database is unreachable.</summary>
    public const int EndRecordTries = 100;
}
