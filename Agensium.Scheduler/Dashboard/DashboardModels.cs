namespace Agensium.Scheduler.Dashboard;

public sealed record NodeRow(string Instance, string Host, int Pid, string Version, bool RunJobs, int Slots, DateTime StartedAt,
    DateTime LastSeen, DateTime? StoppedAt, float? Load1, int? WorkingSetMb, string State, long Busy, long Processed, long Failed,
    long Lost);

public sealed record QueueRow(string Queue, long Waiting, long Paused, long Running, bool IsPaused);

public sealed record RunningRow(string TaskId, long UserId, string Tool, string? Queue, int Progress, string? CurrentAgent, int Attempt,
    DateTime? StartedAt, string? Node);

public sealed record QueuedRow(string TaskId, long UserId, string Tool, string? Queue, int Attempt, DateTime QueuedAt,
    DateTime? NextRetryAt, string? TriggerState);

public sealed record CronRow(string Job, string Trigger, string? Cron, string State, DateTime? NextFire, DateTime? PreviousFire);

public sealed record HistoryRow(long Id, DateTime StartedAt, DateTime? FinishedAt, string Job, string? TaskId, long? UserId, string? Tool,
    string? Queue, string Node, int Attempt, string Status, string? ErrorCode, string? ErrorMessage, long? DurationMs);

public sealed record MinuteCount(DateTime Minute, long Completed, long Failed);

public sealed record ToolDuration(string Tool, long Runs, double P50Ms, double P95Ms);

public sealed record MinuteDepth(DateTime Minute, long Depth);

/// <summary>History filters; every field optional. Before is the keyset cursor (started_at, id) of the last row shown.</summary>
public sealed record HistoryFilter(string? Status, string? Tool, long? User, string? Node, string? Queue, string? TaskId,
    DateTime? From, DateTime? To, (DateTime StartedAt, long Id)? Before, string? Job = null);
