namespace Agensium.Scheduler.Data;

/// <summary>A row of job_history: one execution attempt of one job.</summary>
public sealed class JobHistoryEntry
{
    public long Id { get; set; }
    public string FireInstanceId { get; set; } = "";
    public string JobName { get; set; } = "";
    public string JobGroup { get; set; } = "";
    public string? TaskId { get; set; }
    public long? UserId { get; set; }
    public string? ToolId { get; set; }
    public string? Queue { get; set; }
    public string NodeInstanceId { get; set; } = "";
    public int Attempt { get; set; } = 1;
    public string Status { get; set; } = JobRunStatuses.Running;
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTime? ScheduledAt { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public long? DurationMs { get; set; }
    public string? Result { get; set; }
    public DateTime? NextRetryAt { get; set; }
    public bool Retryable { get; set; }
}
