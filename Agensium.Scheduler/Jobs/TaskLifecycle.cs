using System.Text.Json;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Tasks;
using Agensium.Scheduler.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>Task status transitions around an analysis job, driven by the job listener.</summary>
public sealed class TaskLifecycle(
    TaskStore store,
    TaskEvents events,
    TaskSubmitter submitter,
    JobHistoryRecorder history,
    IDbContextFactory<AgensiumDbContext> contexts,
    StorageRemovalLoop removalLoop,
    IOptions<RetryOptions> retry,
    TimeProvider time,
    ILogger<TaskLifecycle> logger)
{
    /// <summary>
    /// Before the job body: the attempt's history row and the seed's checks (task, state, user) with PROCESSING and
    /// progress 20, in one statement on the usual path; only when the task did not move is it read again to say why.
    /// Returns the attempt number and what the job is to do.
    /// </summary>
    public async Task<(int Attempt, TaskGate Gate)> StartAsync(IJobExecutionContext context, JobRunInfo info, CancellationToken ct)
    {
        var taskId = info.TaskId!;
        var (attempt, started) = await history.StartAnalysisAsync(context, info, ct);
        if (started is null)
        {
            return (attempt, await WhyNotStartedAsync(taskId, ct));
        }
        await events.PublishAsync(started, ct);
        var agents = JsonSerializer.Deserialize<string[]>(started.Agents) ?? [];
        return (attempt, TaskGate.Proceed(agents));
    }

    private async Task<TaskGate> WhyNotStartedAsync(string taskId, CancellationToken ct)
    {
        var task = await store.FindAsync(taskId, ct);
        if (task is null)
        {
            return TaskGate.Skip(ErrorCodes.TaskNotFound, $"Task {taskId} not found");
        }
        if (task.Status is not (TaskStatuses.Queued or TaskStatuses.Processing))
        {
            return TaskGate.Skip(ErrorCodes.InvalidTaskState, $"Task {taskId} is {task.Status}, not QUEUED or PROCESSING");
        }
        if (!await store.UserExistsAsync(task.UserId, ct))
        {
            return TaskGate.Fail(ErrorCodes.UserNotFound, "User not found");
        }
        return TaskGate.Skip(ErrorCodes.InvalidTaskState, $"Task {taskId} changed state before it could start");
    }

    /// <summary>
    /// When a failed attempt is retried: a transient failure with retries left gets a due time (exponential backoff
    /// with full jitter); anything else gets none. The retries counted are the current run's
    /// (<see cref="JobHistoryRecorder.RetriesOfCurrentRunAsync"/>), not the task's attempt number: counted by attempt,
    /// an operator's retry of a task whose retries had run out got none at all, and every attempt lost with a node
    /// took one away.
    /// </summary>
    public async Task<DateTimeOffset?> PlanRetryAsync(JobRunInfo info, JobOutcome outcome, CancellationToken ct)
    {
        if (outcome.Status != JobRunStatuses.Failed || !outcome.Transient || info.UserId is null)
        {
            return null;
        }
        var used = await history.RetriesOfCurrentRunAsync(info.TaskId!, ct);
        return used < retry.Value.MaxRetries ? time.GetUtcNow() + retry.Value.DelayBefore(used + 2, Random.Shared) : null;
    }

    /// <summary>
    /// After the job body, in one transaction: the task's transition and the close of its job_history row, so the two
    /// always agree and no reader sees a final task with an open attempt. COMPLETED or FAILED only from PROCESSING
    /// (or QUEUED for a failed gate); with a planned retry, back to QUEUED and a retry trigger. If the task was
    /// cancelled (or cancelled and deleted) while the attempt ran, the attempt is recorded CANCELLED and the removal of
    /// the task's outputs (what it or an earlier attempt uploaded) is put on record in s3_removals by the same
    /// transaction, then done by the removal loop; so too when the start gate turned the attempt away (SKIPPED) because
    /// the task was cancelled or gone. A run whose task was moved otherwise (failed by the stale-task sweep, by an
    /// operator) is recorded FAILED with the task's error, not COMPLETED.
    /// A completed attempt on the usual path (not taken over, task still PROCESSING) is recorded by one statement
    /// (<see cref="JobHistoryRecorder.TryCompleteAnalysisAsync"/>); anything else by the transaction below.
    /// Returns the outcome as recorded.
    /// </summary>
    public async Task<JobOutcome> EndAsync(IJobExecutionContext context, JobRunInfo info, int attempt, JobOutcome outcome,
        DateTimeOffset? retryAt, CancellationToken ct)
    {
        var taskId = info.TaskId!;
        if (outcome.Status == JobRunStatuses.Completed
            && await history.TryCompleteAnalysisAsync(context, taskId, outcome, ct) is { } done)
        {
            await AfterCommitAsync(taskId, "its event", () => events.PublishAsync(done, ct));
            return outcome;
        }
        var recorded = outcome;
        var changed = false;
        AnalysisTask? completed = null;
        var removeOutputs = false;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await JobHistoryRecorder.IsSupersededAsync(db, context.FireInstanceId, lockRow: true, ct))
            {
                // Taken over by another node while this one was unresponsive: the task belongs to that attempt now
                // (found by the chaos runner: a node frozen past the check-in threshold completed work after SIGCONT
                // that had already been run again elsewhere).
                await tx.CommitAsync(ct);
                return JobOutcome.Superseded();
            }
            var tasks = store.Using(db);
            // The run stopped because its task left PROCESSING by another hand (its attempt still RUNNING, so not taken
            // over): it moves nothing; what it is recorded as is read from the task below.
            var stopped = outcome.IsSuperseded;
            if (!stopped && outcome.Status == JobRunStatuses.Completed)
            {
                completed = await tasks.CompleteAsync(taskId, ct);
                changed = completed is not null;
            }
            else if (!stopped && outcome.Status == JobRunStatuses.Failed)
            {
                var code = outcome.ErrorCode ?? ErrorCodes.ProcessingError;
                var message = outcome.ErrorMessage ?? "Unknown error";
                changed = retryAt is { } at
                    ? await tasks.ScheduleRetryAsync(taskId, code, message, at.UtcDateTime, ct)
                    : await tasks.FailAsync(taskId, code, message, [TaskStatuses.Queued, TaskStatuses.Processing], ct);
            }
            // Whether the task was cancelled or gone is asked of a run that completed or failed without moving it
            // (cancelled while the attempt ran, or deleted meanwhile: after a cancel, or by the cleanup or a user's
            // removal), and of an attempt the start gate turned away (a retry trigger firing after the cancel): either
            // way the task's outputs (this run's uploads, or an earlier attempt's) are removed.
            var askIfCancelled = (!changed && outcome.Status is JobRunStatuses.Completed or JobRunStatuses.Failed)
                || outcome.Status == JobRunStatuses.Skipped || stopped;
            var now = askIfCancelled ? await tasks.FindAsync(taskId, ct) : null;
            if (askIfCancelled && now is not { Status: not TaskStatuses.Cancelled })
            {
                if (outcome.Status != JobRunStatuses.Skipped)
                {
                    // Recorded CANCELLED, never COMPLETED over the cancel.
                    recorded = now is null ? JobOutcome.Deleted() : JobOutcome.Cancelled();
                }
                removeOutputs = info.UserId is not null;
            }
            else if (now is not null && (stopped || (!changed && outcome.Status == JobRunStatuses.Completed)))
            {
                // Moved by another hand while the attempt ran (failed by the stale-task sweep or an operator's SQL, queued
                // again by an operator's retry): the attempt ends FAILED with the task's error, never COMPLETED beside a
                // task that is not. Its outputs, if it uploaded any before it saw the move, are not served (the API
                // serves a COMPLETED task's only), and a later run of the task replaces them.
                recorded = JobOutcome.TaskMovedOn(now.Status, now.ErrorCode);
            }
            // Stopped by the cancel (the run saw the task CANCELLED or gone): it uploaded nothing, but an earlier attempt
            // may have (killed during its upload, or failed before a retry).
            if (outcome.Status == JobRunStatuses.Cancelled)
            {
                removeOutputs = info.UserId is not null;
            }
            if (removeOutputs)
            {
                // On record with the end, so that a node dying (or S3 failing) before the removal leaves them to
                // another node, not in S3 for ever under a task that is gone or cancelled.
                var outputs = TaskPaths.OutputsPrefix(info.UserId!.Value, taskId);
                await db.Database.ExecuteSqlAsync(StorageRemovals.RecordPrefix(outputs, taskId, StorageRemovals.CancelledOutputs), ct);
            }
            await history.FinishAsync(db, context, recorded, changed ? retryAt?.UtcDateTime : null, ct);
            await tx.CommitAsync(ct);
        }

        // The end is committed: what follows is tried on its own, never by recording the end again (a second try would
        // find its own attempt closed and take it for one taken over by another node).
        if (changed && retryAt is { } due && outcome.Status == JobRunStatuses.Failed)
        {
            // Left undone, the queued-task repair writes the missing retry trigger (Scheduler:QueuedRepairAfter).
            await AfterCommitAsync(taskId, "its retry trigger",
                () => submitter.ScheduleAsync(taskId, info.UserId!.Value, info.ToolId ?? "", info.Queue ?? QueueOptions.Default, attempt + 1, due, ct));
        }
        if (removeOutputs)
        {
            // On record with the end: this node's removal loop takes it now, and any node's later when S3 fails or this
            // node dies first. Not an S3 call here: S3 refusing or not answering then made the end throw out of the
            // listener or hold the job's thread for a minute of retries, with the row on record anyway.
            removalLoop.Wake();
        }
        if (completed is not null)
        {
            await AfterCommitAsync(taskId, "its event", () => events.PublishAsync(completed, ct));
        }
        else if (changed)
        {
            await AfterCommitAsync(taskId, "its event", () => events.PublishCurrentAsync(taskId, ct));
        }
        return recorded;
    }

    /// <summary>Tries a step after the end's commit up to <see cref="AfterCommitTries"/> times (1, 2, 4, … s apart) while a dependency is unreachable, then logs it as left undone.</summary>
    private async Task AfterCommitAsync(string taskId, string what, Func<Task> step)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                await step();
                return;
            }
            catch (ObjectAlreadyExistsException)
            {
                return; // the retry trigger was stored by a try whose answer was lost
            }
            catch (Exception e) when (Worker.ExceptionClassifier.IsTransient(e))
            {
                if (tries == AfterCommitTries)
                {
                    logger.LogError(e, "Task {TaskId}: its end is recorded, but {What} could not be done after {Tries} tries", taskId, what, tries);
                    return;
                }
                logger.LogWarning("Task {TaskId}: its end is recorded; {What} failed ({Reason}), trying again", taskId, what, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, tries - 1)), CancellationToken.None);
            }
        }
    }

    /// <summary>How often a step after the end's commit is tried (about a minute in all).</summary>
    public const int AfterCommitTries = 6;
}
