using System.Diagnostics;
using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Messaging;
using Agensium.Scheduler.Tasks;
using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// The seed's queue.tasks.process_analysis(task_id, user_id, tool_id). One durable job; each submission is a
/// trigger named after its task. The listener has already checked the task and set PROCESSING (TaskGate);
/// this body runs the tool and leaves the outcome in context.Result for the listener to record.
/// </summary>
public sealed class ProcessAnalysisJob(
    AnalysisRunner runner,
    TaskStore store,
    FireGates gates,
    ITaskEventPublisher publisher,
    TimeProvider time,
    ILogger<ProcessAnalysisJob> logger) : IJob
{
    public static readonly JobKey Key = new("process-analysis", "analysis");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var info = JobRunInfo.From(context);
        using var scope = JobLogScope.Begin(logger, context, info);
        var clock = Stopwatch.StartNew();
        var gate = gates.Take(context.FireInstanceId);
        if (info.TaskId is null || info.UserId is null || gate is null)
        {
            context.Result = JobOutcome.Failed(ErrorCodes.InternalError, "The job was fired without its task data");
            return;
        }
        if (gate.Kind == TaskGateKind.Skip)
        {
            context.Result = JobOutcome.Skipped(gate.ErrorCode!, gate.Message!);
            return;
        }
        if (gate.Kind == TaskGateKind.Fail)
        {
            context.Result = JobOutcome.Failed(gate.ErrorCode!, gate.Message!);
            return;
        }

        logger.AnalysisStarting(info.ToolId, info.UserId);
        try
        {
            var task = await store.FindAsync(info.TaskId, cancellationToken);
            var toolId = info.ToolId ?? task?.ToolId ?? "";
            await using var progress = new TaskProgressReporter(info.TaskId, info.UserId.Value, store, publisher, time, logger);
            var outcome = await runner.RunAsync(info.TaskId, info.UserId.Value, toolId, gate.Agents, context.FireInstanceId, progress, cancellationToken);
            outcome.Result["execution_time_ms"] = clock.ElapsedMilliseconds;
            outcome.Result["task_id"] = info.TaskId;
            if (outcome.ErrorCode is not null)
            {
                logger.AnalysisFailed(outcome.ErrorCode, outcome.ErrorMessage ?? "");
            }
            context.Result = outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.AnalysisCrashed(e);
            context.Result = JobOutcome.Failed(ErrorCodes.InternalError, e.Message);
        }
    }
}
