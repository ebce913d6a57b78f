using System.Diagnostics;
using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Messaging;
using Agensium.Scheduler.Tasks;
using Agensium.Scheduler.Worker;
using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// The seed's queue.tasks.process_analysis(task_id, user_id, tool_id). One durable job; each submission (and each
/// retry) is a trigger named after its task. The listener has already checked the task and set PROCESSING
/// (<see cref="TaskGate"/>); this body runs the tool and leaves the outcome in context.Result for the listener.
/// </summary>
public sealed class ProcessAnalysisJob(
    AnalysisRunner runner,
    TaskStore store,
    FireStates fires,
    ITaskEventPublisher publisher,
    TimeProvider time,
    ILogger<ProcessAnalysisJob> logger) : IJob
{
    /// <summary>Also named in sql/008, whose pause/insert ordering applies to this job's triggers only.</summary>
    public static readonly JobKey Key = new("process-analysis", "analysis");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var info = JobRunInfo.From(context);
        using var scope = JobLogScope.Begin(logger, context, info);
        var clock = Stopwatch.StartNew();
        var state = fires.Get(context.FireInstanceId);
        if (info.TaskId is null || info.UserId is null || state?.Gate is not { } gate)
        {
            context.Result = JobOutcome.Failed(ErrorCodes.InternalError, "The job was fired without its task data");
            return;
        }
        if (gate.Kind != TaskGateKind.Proceed)
        {
            context.Result = gate.Kind == TaskGateKind.Skip
                ? JobOutcome.Skipped(gate.ErrorCode!, gate.Message!)
                : JobOutcome.Failed(gate.ErrorCode!, gate.Message!, transient: gate.Transient);
            return;
        }

        logger.AnalysisStarting(info.ToolId, info.UserId);
        JobOutcome outcome;
        try
        {
            var toolId = info.ToolId ?? (await store.FindAsync(info.TaskId, cancellationToken))?.ToolId ?? "";
            await using var progress = new TaskProgressReporter(info.TaskId, state.Attempt, info.UserId.Value, store, publisher, time, logger);
            var run = new TaskRun(info.TaskId, info.UserId.Value, toolId, gate.Agents, state.Attempt, context.FireInstanceId);
            outcome = await runner.RunAsync(run, progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = JobOutcome.Abandoned();
        }
        catch (Exception e) when (RunFailure.Of(e) is var (code, transient) && code != RunFailure.InternalError)
        {
            // A dependency's connection or timeout failure is retried. The node's own disk full, or its work folder
            // unwritable (read-only, refused, removed), while the run's folder is made and the inputs downloaded is
            // STORAGE_ERROR, final, as a disk that fails during the analysis is: it was taken for a broken connection and
            // retried, or was INTERNAL_ERROR (s44 review). The runner has removed the run's folder, with what was downloaded.
            outcome = JobOutcome.Failed(code, RunFailure.MessageOf(e), transient: transient);
        }
        catch (Exception e)
        {
            logger.AnalysisCrashed(e);
            outcome = JobOutcome.Failed(ErrorCodes.InternalError, e.Message);
        }
        outcome.Result["execution_time_ms"] = clock.ElapsedMilliseconds;
        outcome.Result["task_id"] = info.TaskId;
        if (outcome.ErrorCode is not null)
        {
            logger.AnalysisFailed(outcome.ErrorCode, outcome.ErrorMessage ?? "");
        }
        context.Result = outcome;
    }
}
