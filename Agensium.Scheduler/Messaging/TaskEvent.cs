using System.Text.Json.Serialization;

namespace Agensium.Scheduler.Messaging;

/// <summary>The JSON pushed on a task's and its user's Redis channels at each state or progress change.</summary>
public sealed record TaskEvent(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("user_id")] long UserId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("progress")] int Progress,
    [property: JsonPropertyName("current_agent")] string? CurrentAgent,
    [property: JsonPropertyName("error_code")] string? ErrorCode,
    [property: JsonPropertyName("at")] DateTime At);
