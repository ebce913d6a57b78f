namespace Agensium.Scheduler.Messaging;

/// <summary>
/// The newest event of each task, at most <c>capacity</c> tasks; beyond it the task whose kept event is oldest (by
/// <see cref="TaskEvent.At"/>, then task id) is dropped. An event never replaces a newer one of its task. Each call
/// costs O(log n): a dictionary by task plus a set ordered by age (it sorted every kept event on each call once
/// full, 10,000 of them while Redis was down, when events come fastest). Thread-safe.
/// </summary>
public sealed class LatestTaskEvents(int capacity)
{
    private static readonly Comparer<TaskEvent> ByAge = Comparer<TaskEvent>.Create((a, b) =>
    {
        int c = a.At.CompareTo(b.At);
        return c != 0 ? c : string.CompareOrdinal(a.TaskId, b.TaskId);
    });

    private readonly Dictionary<string, TaskEvent> _byTask = new(StringComparer.Ordinal);
    private readonly SortedSet<TaskEvent> _byAge = new(ByAge);
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byTask.Count;
            }
        }
    }

    /// <summary>
    /// Keeps <paramref name="taskEvent"/> unless its task's kept event is newer (one at the same time is replaced);
    /// returns whether it is kept (false also when it is the oldest of a full set, so dropped at once).
    /// </summary>
    public bool Keep(TaskEvent taskEvent)
    {
        lock (_lock)
        {
            if (_byTask.TryGetValue(taskEvent.TaskId, out var kept))
            {
                if (kept.At > taskEvent.At)
                {
                    return false;
                }
                _byAge.Remove(kept);
            }
            _byTask[taskEvent.TaskId] = taskEvent;
            _byAge.Add(taskEvent);
            while (_byTask.Count > capacity)
            {
                var oldest = _byAge.Min!;
                _byAge.Remove(oldest);
                _byTask.Remove(oldest.TaskId);
            }
            return _byTask.TryGetValue(taskEvent.TaskId, out var now) && now == taskEvent;
        }
    }

    /// <summary>The kept events, oldest first, as they are now.</summary>
    public IReadOnlyList<TaskEvent> Snapshot()
    {
        lock (_lock)
        {
            return [.. _byAge];
        }
    }

    /// <summary>Forgets <paramref name="taskEvent"/> if it is still its task's kept event (not if a newer one came meanwhile).</summary>
    public bool Remove(TaskEvent taskEvent)
    {
        lock (_lock)
        {
            if (!_byTask.TryGetValue(taskEvent.TaskId, out var kept) || kept != taskEvent)
            {
                return false;
            }
            _byTask.Remove(taskEvent.TaskId);
            _byAge.Remove(kept);
            return true;
        }
    }
}
