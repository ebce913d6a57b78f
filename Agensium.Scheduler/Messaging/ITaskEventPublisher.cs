namespace Agensium.Scheduler.Messaging;

/// <summary>Pushes task events to clients. A hint only: the task row is the truth, so a failed publish never fails a job.</summary>
public interface ITaskEventPublisher
{
    Task PublishAsync(TaskEvent taskEvent, CancellationToken cancellationToken);
}
