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
    /// After the job body. COMPLETED or FAILED only from PROCESSING (or QUEUED for a failed gate), so a task cancelled
    /// meanwhile stays cancelled. A transient failure with retries left goes back to QUEUED with a retry trigger;
    /// returns when that retry is due.
    /// </summary>
    public async Task<DateTime?> EndAsync(JobRunInfo info, int attempt, JobOutcome outcome, CancellationToken ct)
    {
        var taskId = info.TaskId!;
        DateTime? retryAt = null;
        var changed = false;
        if (outcome.Status == JobRunStatuses.Completed)
        {
            changed = await store.CompleteAsync(taskId, ct);
        }
        else if (outcome.Status == JobRunStatuses.Failed)
        {
            var code = outcome.ErrorCode ?? ErrorCodes.ProcessingError;
            var message = outcome.ErrorMessage ?? "Unknown error";
            if (outcome.Transient && attempt <= retry.Value.MaxRetries && info.UserId is { } userId)
            {
                var at = time.GetUtcNow() + retry.Value.DelayBefore(attempt + 1, Random.Shared);
                if (await store.ScheduleRetryAsync(taskId, code, message, at.UtcDateTime, ct))
                {
                    await submitter.ScheduleAsync(taskId, userId, info.ToolId ?? "", info.Queue ?? QueueOptions.Default, attempt + 1, at, ct);
                    retryAt = at.UtcDateTime;
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
        return retryAt;
    }
}
