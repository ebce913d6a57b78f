using System.Text.Json;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Tasks;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Jobs;

/// <summary>Task status transitions around an analysis job, driven by the job listener.</summary>
public sealed class TaskLifecycle(TaskStore store, TaskEvents events, TaskSubmitter submitter, IOptions<RetryOptions> retry, TimeProvider time)
{
    /// <summary>Before the job body: the seed's checks (task, state, user), then PROCESSING with progress 20.</summary>
    public async Task<TaskGate> BeginAsync(string taskId, int attempt, CancellationToken ct)
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
        if (!await store.StartProcessingAsync(taskId, attempt, ct))
        {
            return TaskGate.Skip(ErrorCodes.InvalidTaskState, $"Task {taskId} changed state before it could start");
        }
        await events.PublishCurrentAsync(taskId, ct);
        var agents = JsonSerializer.Deserialize<string[]>(task.Agents) ?? [];
        return TaskGate.Proceed(agents);
    }

    /// <summary>
    /// When a failed attempt is retried: a transient failure with retries left gets a due time (exponential backoff
    /// with full jitter); anything else gets none.
    /// </summary>
    public DateTimeOffset? PlanRetry(JobRunInfo info, int attempt, JobOutcome outcome) =>
        outcome.Status == JobRunStatuses.Failed && outcome.Transient && attempt <= retry.Value.MaxRetries && info.UserId is not null
            ? time.GetUtcNow() + retry.Value.DelayBefore(attempt + 1, Random.Shared)
            : null;

    /// <summary>
    /// After the job body (and after its job_history row is closed, so a final task always has complete history).
    /// COMPLETED or FAILED only from PROCESSING (or QUEUED for a failed gate), so a task cancelled meanwhile stays
    /// cancelled; with a planned retry it goes back to QUEUED with a retry trigger.
    /// </summary>
    public async Task EndAsync(JobRunInfo info, int attempt, JobOutcome outcome, DateTimeOffset? retryAt, CancellationToken ct)
    {
        var taskId = info.TaskId!;
        var changed = false;
        if (outcome.Status == JobRunStatuses.Completed)
        {
            changed = await store.CompleteAsync(taskId, ct);
        }
        else if (outcome.Status == JobRunStatuses.Failed)
        {
            var code = outcome.ErrorCode ?? ErrorCodes.ProcessingError;
            var message = outcome.ErrorMessage ?? "Unknown error";
            if (retryAt is { } at)
            {
                if (await store.ScheduleRetryAsync(taskId, code, message, at.UtcDateTime, ct))
                {
                    await submitter.ScheduleAsync(taskId, info.UserId!.Value, info.ToolId ?? "", info.Queue ?? QueueOptions.Default, attempt + 1, at, ct);
                    changed = true;
                }
            }
            else
            {
                changed = await store.FailAsync(taskId, code, message, [TaskStatuses.Queued, TaskStatuses.Processing], ct);
            }
        }
        if (changed)
        {
            await events.PublishCurrentAsync(taskId, ct);
        }
    }
}
