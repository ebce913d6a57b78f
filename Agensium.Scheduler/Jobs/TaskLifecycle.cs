using System.Text.Json;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Tasks;

namespace Agensium.Scheduler.Jobs;

/// <summary>Task status transitions around an analysis job, driven by the job listener.</summary>
public sealed class TaskLifecycle(TaskStore store, TaskEvents events)
{
    /// <summary>Before the job body: the seed's checks (task, state, user), then PROCESSING with progress 20.</summary>
    public async Task<TaskGate> BeginAsync(string taskId, CancellationToken ct)
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
        if (!await store.StartProcessingAsync(taskId, ct))
        {
            return TaskGate.Skip(ErrorCodes.InvalidTaskState, $"Task {taskId} changed state before it could start");
        }
        await events.PublishCurrentAsync(taskId, ct);
        var agents = JsonSerializer.Deserialize<string[]>(task.Agents) ?? [];
        return TaskGate.Proceed(agents);
    }

    /// <summary>After the job body: COMPLETED or FAILED, only from PROCESSING (or QUEUED for a failed gate), so a task cancelled meanwhile stays cancelled.</summary>
    public async Task EndAsync(string taskId, JobOutcome outcome, CancellationToken ct)
    {
        var changed = outcome.Status switch
        {
            JobRunStatuses.Completed => await store.CompleteAsync(taskId, ct),
            JobRunStatuses.Failed => await store.FailAsync(taskId, outcome.ErrorCode ?? ErrorCodes.ProcessingError,
                outcome.ErrorMessage ?? "Unknown error", [TaskStatuses.Queued, TaskStatuses.Processing], ct),
            _ => false,
        };
        if (changed)
        {
            await events.PublishCurrentAsync(taskId, ct);
        }
    }
}
