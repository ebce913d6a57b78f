using System.Collections.Concurrent;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Hands the listener's <see cref="TaskGate"/> to the job body of the same firing on this node. Quartz 4's
/// execution context has no per-firing bag; the entry lives only while the firing runs here.
/// </summary>
public sealed class FireGates
{
    private readonly ConcurrentDictionary<string, TaskGate> _gates = new(StringComparer.Ordinal);

    public void Set(string fireInstanceId, TaskGate gate) => _gates[fireInstanceId] = gate;

    public TaskGate? Take(string fireInstanceId) => _gates.TryRemove(fireInstanceId, out var gate) ? gate : null;
}
