using Agensium.Scheduler.Tasks;

namespace Agensium.Scheduler.Storage;

/// <summary>
/// Removes input objects that are no longer (or never were) a task's input: the object of an upload that failed or
/// was refused (S3 may still have taken the PUT, or take it once it resumes: a frozen store answers the requests it
/// holds when it wakes up) and the earlier version of a replaced file. Every upload writes its own key
/// (<see cref="TaskPaths.UploadedInput"/>) that only it commits, so an object that is not committed now never will be:
/// it is removed without any lock, after one short look at task_inputs (<see cref="TaskInputSlots.IsCommittedAsync"/>,
/// which also keeps the object of an upload whose commit went through although its answer was lost).
/// One loop does every removal in turn, so an S3 outage with thousands of failed uploads costs one S3 call and one
/// pooled connection at a time, never one each. Best effort, with retries: each object is deleted once S3 answers, then
/// looked for again a few times (a PUT held by a frozen store may land after the first delete). An object this misses
/// (the node stopped meanwhile, or more were pending than <see cref="Capacity"/>) is never used, and goes with the
/// task's prefix when the task is deleted or expires.
/// </summary>
public sealed class FailedUploadCleaner(TaskInputSlots slots, IObjectStore objects, ILogger<FailedUploadCleaner> logger) : BackgroundService
{
    /// <summary>How long to keep trying to reach S3 for one object before leaving it to the task's deletion or expiry.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(15);

    /// <summary>At most this many objects wait for removal; more are left to the task's deletion or expiry.</summary>
    public const int Capacity = 10_000;

    /// <summary>After a successful delete, the object is looked for again after each of these delays.</summary>
    private static readonly TimeSpan[] Rechecks = [TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60)];

    private sealed class Removal(string key)
    {
        public string Key { get; } = key;
        public DateTime GiveUpAt { get; } = DateTime.UtcNow + GiveUpAfter;
        public TimeSpan Backoff { get; set; } = TimeSpan.FromSeconds(1);
        public int Recheck { get; set; }
    }

    private readonly PriorityQueue<Removal, DateTime> _due = new();
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _arrived = new(0);

    /// <summary>Objects waiting for their (next) removal attempt.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _due.Count;
            }
        }
    }

    public void Enqueue(string key)
    {
        lock (_lock)
        {
            if (_due.Count >= Capacity)
            {
                logger.LogWarning("Too many objects wait for removal; {Key} is left to its task's deletion or expiry (it is never used)", key);
                return;
            }
            _due.Enqueue(new Removal(key), DateTime.UtcNow);
        }
        _arrived.Release();
    }

    private void Schedule(Removal removal, TimeSpan after)
    {
        lock (_lock)
        {
            _due.Enqueue(removal, DateTime.UtcNow + after);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                Removal? next = null;
                var wait = Timeout.InfiniteTimeSpan;
                lock (_lock)
                {
                    if (_due.TryPeek(out var first, out var dueAt))
                    {
                        var now = DateTime.UtcNow;
                        if (dueAt <= now)
                        {
                            next = _due.Dequeue();
                        }
                        else
                        {
                            wait = dueAt - now;
                        }
                    }
                }
                if (next is null)
                {
                    // A new object, or the earliest retry falling due, whichever comes first.
                    await _arrived.WaitAsync(wait, stoppingToken);
                    continue;
                }
                await RemoveAsync(next, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RemoveAsync(Removal removal, CancellationToken stop)
    {
        try
        {
            if (await slots.IsCommittedAsync(removal.Key, stop))
            {
                return; // a task's input after all (its upload's commit went through): never removed here
            }
            if ((await objects.ListAsync(removal.Key, stop)).Any(o => o.Key == removal.Key))
            {
                await objects.DeleteAsync(removal.Key, stop);
                logger.LogInformation("Removed the unused input object {Key}", removal.Key);
            }
            if (removal.Recheck < Rechecks.Length)
            {
                Schedule(removal, Rechecks[removal.Recheck++]);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            if (DateTime.UtcNow > removal.GiveUpAt)
            {
                logger.LogWarning("Gave up removing the unused input object {Key} (it is never used, and goes with its task): {Reason}", removal.Key, e.Message);
                return;
            }
            removal.Backoff = TimeSpan.FromSeconds(Math.Min(30, removal.Backoff.TotalSeconds * 2));
            Schedule(removal, removal.Backoff);
        }
    }

    public override void Dispose()
    {
        _arrived.Dispose();
        base.Dispose();
    }
}
