namespace Agensium.Scheduler.Api;

/// <summary>GET /api/tasks/{task_id}/explain: where a task stands in the scheduler and why it waits.</summary>
public sealed record TaskExplanation(
    string TaskId,
    string Status,
    string? Queue,
    int Attempt,
    DateTime? NextRetryAt,
    IReadOnlyList<TriggerInfo> Triggers,
    IReadOnlyList<FiringInfo> Firings,
    IReadOnlyList<NodeInfo> Nodes,
    int QueuedAhead,
    string Reason);

public sealed record TriggerInfo(string Name, string Group, string State, DateTime? DueAt, string? ExecutionGroup, int Priority);

public sealed record FiringInfo(string Node, string State, DateTime FiredAt);

public sealed record NodeInfo(string InstanceId, DateTime LastCheckin, bool Alive, int RunningInQueue);
