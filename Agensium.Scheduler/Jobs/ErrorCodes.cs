namespace Agensium.Scheduler.Jobs;

/// <summary>Task error codes of AGENSIUM.md §1.4 that the scheduler itself sets.</summary>
public static class ErrorCodes
{
    public const string UserNotFound = "USER_NOT_FOUND";
    public const string UnknownTool = "UNKNOWN_TOOL";
    public const string NoInputFiles = "NO_INPUT_FILES";
    public const string ProcessingError = "PROCESSING_ERROR";
    public const string InternalError = "INTERNAL_ERROR";
    public const string Timeout = "TIMEOUT";
    public const string StaleTask = "STALE_TASK";
    public const string TaskNotFound = "TASK_NOT_FOUND";
    public const string InvalidTaskState = "INVALID_TASK_STATE";
    public const string ToolNotImplemented = "TOOL_NOT_IMPLEMENTED";
    public const string WorkerCrashed = "WORKER_CRASHED";
    public const string TransientError = "TRANSIENT_ERROR";
}
