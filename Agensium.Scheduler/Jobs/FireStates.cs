using System.Collections.Concurrent;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// What the listener learnt before a firing (its attempt number and, for analysis jobs, the <see cref="TaskGate"/>),
/// handed to the job body and back to the listener on this node. Quartz 4's execution context has no per-firing bag;
/// an entry lives only while its firing runs here.
/// </summary>
public sealed class FireStates
{
    private readonly ConcurrentDictionary<string, FireState> _states = new(StringComparer.Ordinal);

    public void Set(string fireInstanceId, FireState state) => _states[fireInstanceId] = state;

    public FireState? Get(string fireInstanceId) => _states.TryGetValue(fireInstanceId, out var s) ? s : null;

    public FireState? Remove(string fireInstanceId) => _states.TryRemove(fireInstanceId, out var s) ? s : null;

    /// <summary>The firings this node runs now.</summary>
    public IReadOnlyList<FireState> Running => [.. _states.Values];
}

public sealed record FireState(int Attempt, TaskGate? Gate, string? Job = null, string? TaskId = null, string? ToolId = null);
