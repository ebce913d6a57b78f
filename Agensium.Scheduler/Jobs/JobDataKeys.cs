namespace Agensium.Scheduler.Jobs;

/// <summary>Keys of the JobDataMap of a submission (strings only: the store keeps them as properties).</summary>
public static class JobDataKeys
{
    public const string TaskId = "task_id";
    public const string UserId = "user_id";
    public const string ToolId = "tool_id";
    public const string Queue = "queue";
}
