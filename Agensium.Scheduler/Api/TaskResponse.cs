using System.Text.Json;
using Agensium.Scheduler.Data;

namespace Agensium.Scheduler.Api;

/// <summary>GET /api/tasks/{task_id}: the task row as JSON (snake_case by the API's naming policy).</summary>
public sealed record TaskResponse(
    string TaskId, long UserId, string ToolId, IReadOnlyList<string> Agents, string Status, int Progress,
    string? CurrentAgent, string? ErrorCode, string? ErrorMessage, DateTime CreatedAt, DateTime UpdatedAt,
    DateTime? UploadStartedAt, DateTime? ProcessingStartedAt, DateTime? CompletedAt, DateTime? FailedAt,
    DateTime? CancelledAt, DateTime? ExpiredAt, bool S3Cleaned, string? Queue, int Attempt, DateTime? NextRetryAt, bool DownloadsAvailable)
{
    public static TaskResponse From(AnalysisTask t) => new(
        t.TaskId, t.UserId, t.ToolId, JsonSerializer.Deserialize<string[]>(t.Agents) ?? [], t.Status, t.Progress,
        t.CurrentAgent, t.ErrorCode, t.ErrorMessage, t.CreatedAt, t.UpdatedAt, t.UploadStartedAt, t.ProcessingStartedAt,
        t.CompletedAt, t.FailedAt, t.CancelledAt, t.ExpiredAt, t.S3Cleaned, t.Queue, t.Attempt, t.NextRetryAt, t.Status == TaskStatuses.Completed);
}
