using System.Text.Json.Nodes;
using Agensium.Scheduler.Data;

namespace Agensium.Scheduler.Jobs;

/// <summary>What a job body hands to the listener through IJobExecutionContext.Result.</summary>
public sealed record JobOutcome(string Status, string? ErrorCode, string? ErrorMessage, JsonObject Result, bool Transient = false)
{
    public static JobOutcome Completed(JsonObject result) => new(JobRunStatuses.Completed, null, null, result);

    /// <summary>A failure; <paramref name="transient"/> failures (connections, timeouts of a dependency) are retried.</summary>
    public static JobOutcome Failed(string errorCode, string message, JsonObject? result = null, bool transient = false) =>
        new(JobRunStatuses.Failed, errorCode, message, result ?? ErrorResult(errorCode, message), transient);

    /// <summary>Nothing to do (task gone or not runnable): the task row is left as it is.</summary>
    public static JobOutcome Skipped(string errorCode, string message) =>
        new(JobRunStatuses.Skipped, errorCode, message, ErrorResult(errorCode, message));

    /// <summary>The task was cancelled (or deleted) while it ran; the run stopped, and its end records the removal of the task's outputs.</summary>
    public static JobOutcome Cancelled() =>
        new(JobRunStatuses.Cancelled, null, "Task was cancelled", new JsonObject { ["status"] = "cancelled" });

    /// <summary>The task was deleted while the attempt ran: recorded CANCELLED, its uploads removed.</summary>
    public static JobOutcome Deleted() =>
        new(JobRunStatuses.Cancelled, null, "Task was deleted while the attempt ran", new JsonObject { ["status"] = "cancelled" });

    /// <summary>The node is shutting down: the task is left as it is for another node to recover.</summary>
    public static JobOutcome Abandoned() =>
        new(JobRunStatuses.Lost, null, "node shut down during the attempt; left for recovery by another node", new JsonObject { ["status"] = "abandoned" });

    /// <summary>
    /// Another node took this attempt over while this node was unresponsive (frozen, cut off, its clock off), or the
    /// stale-task sweep closed it, or its task left PROCESSING by another hand: the run stopped and writes nothing
    /// more. Its result is discarded; the end of the attempt records it as the task and the attempt's row now stand.
    /// </summary>
    public static JobOutcome Superseded() =>
        new(JobRunStatuses.Lost, null, "another node took this attempt over; its result was discarded", new JsonObject { ["status"] = "superseded" });

    /// <summary>
    /// A run whose task left PROCESSING while it ran, by neither this attempt nor a cancel (the stale-task sweep, an
    /// operator's SQL): recorded FAILED with the task's error code, so the attempt ends as its task did, its result
    /// discarded.
    /// </summary>
    public static JobOutcome TaskMovedOn(string status, string? errorCode) =>
        Failed(errorCode ?? ErrorCodes.InvalidTaskState,
            $"Task became {status}{(errorCode is null ? "" : $" ({errorCode})")} while this attempt ran; its result was discarded");

    public bool IsSuperseded => Result["status"]?.GetValue<string>() == "superseded";

    private static JsonObject ErrorResult(string code, string message) =>
        new() { ["status"] = "error", ["error"] = message, ["error_code"] = code };
}
