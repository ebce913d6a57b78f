namespace Agensium.Scheduler.Jobs;

/// <summary>Keys of the JobDataMap of a submission (strings only: the store keeps them as properties).</summary>
public static class JobDataKeys
{
    public const string TaskId = "task_id";
    public const string UserId = "user_id";
    public const string ToolId = "tool_id";
    public const string Queue = "queue";

    /// <summary>When the attempt was meant to start (the trigger's own start time carries the queue's head start).</summary>
    public const string DueAt = "due_at";
}
