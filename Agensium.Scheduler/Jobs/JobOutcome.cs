using System.Text.Json.Nodes;
using Agensium.Scheduler.Data;

namespace Agensium.Scheduler.Jobs;

/// <summary>What a job body hands to the listener through IJobExecutionContext.Result.</summary>
public sealed record JobOutcome(string Status, string? ErrorCode, string? ErrorMessage, JsonObject Result)
{
    public static JobOutcome Completed(JsonObject result) => new(JobRunStatuses.Completed, null, null, result);

    public static JobOutcome Failed(string errorCode, string message, JsonObject? result = null) =>
        new(JobRunStatuses.Failed, errorCode, message, result ?? new JsonObject { ["status"] = "error", ["error"] = message });

    /// <summary>Nothing to do (task gone or not runnable): the task row is left as it is.</summary>
    public static JobOutcome Skipped(string errorCode, string message) =>
        new(JobRunStatuses.Skipped, errorCode, message, new JsonObject { ["status"] = "error", ["error"] = message, ["error_code"] = errorCode });
}
