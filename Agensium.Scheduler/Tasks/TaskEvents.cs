using Agensium.Scheduler.Data;
using Agensium.Scheduler.Messaging;

namespace Agensium.Scheduler.Tasks;

/// <summary>Publishes a task's current row as an event (after each committed transition).</summary>
public sealed class TaskEvents(TaskStore store, ITaskEventPublisher publisher, TimeProvider time)
{
    public async Task PublishCurrentAsync(string taskId, CancellationToken ct)
    {
        var task = await store.FindAsync(taskId, ct);
        if (task is not null)
        {
            await PublishAsync(task, ct);
        }
    }

    /// <summary>The status of the event sent when a task is deleted: no task status, the last event of its channel.</summary>
    public const string DeletedStatus = "DELETED";

    public Task PublishAsync(AnalysisTask task, CancellationToken ct) => publisher.PublishAsync(Describe(task), ct);

    /// <summary>Tells subscribers (and the last-state key, which said COMPLETED) that the task is gone.</summary>
    public Task PublishDeletedAsync(AnalysisTask task, CancellationToken ct) => publisher.PublishAsync(Deleted(task), ct);

    /// <summary>The event of a deleted task: its last row with status <see cref="DeletedStatus"/>.</summary>
    public TaskEvent Deleted(AnalysisTask task) => Describe(task) with { Status = DeletedStatus };

    /// <summary>
    /// The event of a row read from the database (a stream's first event, a change found by reading the row again):
    /// stamped with the row's last change, not the moment it is read, so a late subscriber does not see a task that
    /// finished an hour ago as finished just now.
    /// </summary>
    public TaskEvent DescribeStored(AnalysisTask task) =>
        Event(task, task.UpdatedAt == default ? time.GetUtcNow().UtcDateTime : DateTime.SpecifyKind(task.UpdatedAt, DateTimeKind.Utc));

    /// <summary>The event that describes a task row as it is now.</summary>
    public TaskEvent Describe(AnalysisTask task) => Event(task, time.GetUtcNow().UtcDateTime);

    private static TaskEvent Event(AnalysisTask task, DateTime at) =>
        new(task.TaskId, task.UserId, task.Status, task.Progress, task.CurrentAgent, task.ErrorCode, at);
}
