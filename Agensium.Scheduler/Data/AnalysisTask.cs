namespace Agensium.Scheduler.Data;

/// <summary>A row of the tasks table.</summary>
public sealed class AnalysisTask
{
    public string TaskId { get; set; } = "";
    public long UserId { get; set; }
    public string ToolId { get; set; } = "";
    public string Agents { get; set; } = "[]";
    public string Status { get; set; } = TaskStatuses.Created;
    public int Progress { get; set; }
    public string? CurrentAgent { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? UploadStartedAt { get; set; }
    public DateTime? ProcessingStartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public DateTime? FailedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    public DateTime? ExpiredAt { get; set; }
    public bool S3Cleaned { get; set; }
    public string? Queue { get; set; }
    public int Attempt { get; set; }
    public DateTime? NextRetryAt { get; set; }
}
