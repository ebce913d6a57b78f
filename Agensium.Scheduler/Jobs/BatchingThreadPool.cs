using Microsoft.Extensions.Options;
using Quartz.Extensibility;
using Quartz.Impl;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// The analyses' scheduler's job slots: Quartz's own pool (<see cref="TaskSchedulingThreadPool"/> on the default task
/// scheduler, <see cref="SchedulerOptions.Concurrency"/> slots), except that while the node drains a backlog it lets a
/// few slots free before it says how many are free (<see cref="SchedulerOptions.AcquireBatchWait"/>).
/// </summary>
/// <remarks>
/// <para>
/// Quartz's scheduler thread asks the pool how many slots are free and acquires and fires that many triggers (at most
/// its batch size, the pool's size) in one round: a transaction with ~6 round trips whatever the number fired. Quartz's
/// pool answers as soon as one slot is free, and under a backlog the slots free one at a time, so a 1-node drain fired
/// ~1.28 jobs per round (docs/benchmarks.md). Here, when the last round fired every slot it was offered (so due triggers
/// are very likely still waiting) and some slots are still running jobs, the answer waits until every slot is free or
/// until <see cref="SchedulerOptions.AcquireBatchWait"/> has passed since the first one freed, whichever comes first;
/// a slot whose job has run longer than <see cref="LongRunning"/> (a real analysis, not one of a burst of short jobs) is
/// not waited for.
/// </para>
/// <para>
/// It never waits otherwise: with every slot free (an idle node: a submission starts at once), when the last round
/// fired fewer than it was offered (nothing more was due, or a queue's limit held the rest back: waiting would only
/// delay the next submission), or with the setting at zero. Nothing is fired early or held locally: a trigger stays in
/// the store, where any other node may take it, until the round that fires it, so recovery, shutdown and the per-queue
/// limits are Quartz's, unchanged.
/// </para>
/// <para>
/// The members Quartz calls are <see cref="IThreadPool"/>'s; this class implements the interface again so that the two
/// it changes (the free-slot answer, and dispatch, which counts what runs) are its own and the rest are the base
/// class's. Only the scheduler thread calls either, one call at a time.
/// </para>
/// </remarks>
public sealed class BatchingThreadPool : TaskSchedulingThreadPool, IThreadPool
{
    private static readonly Func<object?, ValueTask> runCounted = RunCountedAsync;

    /// <summary>
    /// A job running longer than this is not waited for: it is likely a long analysis, and its slot would stay idle for
    /// the whole wait every round.
    /// </summary>
    public static readonly TimeSpan LongRunning = TimeSpan.FromSeconds(1);

    private readonly TimeSpan batchWait;
    private readonly TimeProvider time;

    /// <summary>Released once by every work item that ends; what a batch wait waits on.</summary>
    private readonly SemaphoreSlim ended = new(0);

    /// <summary>Work items handed on and not yet ended, with when each was. Guarded by itself.</summary>
    private readonly HashSet<Counted> running = [];

    /// <summary>What the last free-slot answer said; only the scheduler thread reads and writes it.</summary>
    private int offered;

    /// <summary>Work items handed on since the last free-slot answer; only the scheduler thread reads and writes it.</summary>
    private int dispatched;

    [ActivatorUtilitiesConstructor]
    public BatchingThreadPool(IOptions<SchedulerOptions> options, ILogger<TaskSchedulingThreadPool>? logger = null)
        : this(options.Value.Concurrency, options.Value.AcquireBatchWait, TimeProvider.System, logger)
    {
    }

    /// <param name="slots">Jobs that may run at once.</param>
    /// <param name="batchWait">Longest a free-slot answer waits for more slots to free; zero answers at once, as Quartz's pool does.</param>
    /// <param name="time">The clock of that wait.</param>
    /// <param name="logger">Quartz's pool logger.</param>
    public BatchingThreadPool(int slots, TimeSpan batchWait, TimeProvider time, ILogger<TaskSchedulingThreadPool>? logger = null)
        : base(slots, logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchWait, TimeSpan.Zero);
        this.batchWait = batchWait;
        this.time = time;
    }

    protected override TaskScheduler GetDefaultScheduler() => TaskScheduler.Default;

    async ValueTask<int> IThreadPool.WaitForAvailableThreads(CancellationToken cancellationToken)
    {
        var free = await WaitForAvailableThreads(cancellationToken).ConfigureAwait(false);
        var backlog = offered > 0 && dispatched >= offered;
        dispatched = 0;
        if (free > 0 && backlog && batchWait > TimeSpan.Zero && free < PoolSize)
        {
            free = await WaitForMoreAsync(free, cancellationToken).ConfigureAwait(false);
        }
        offered = free;
        return free;
    }

    ValueTask<bool> IThreadPool.TryRun(Func<ValueTask> action, CancellationToken cancellationToken) =>
        action is null ? ValueTask.FromResult(false) : ((IThreadPool)this).TryRunWithState(static s => ((Func<ValueTask>)s!)(), action, cancellationToken);

    async ValueTask<bool> IThreadPool.TryRunWithState(Func<object?, ValueTask> action, object? state, CancellationToken cancellationToken)
    {
        if (action is null)
        {
            return false;
        }
        var item = new Counted(this, action, state, time.GetTimestamp());
        lock (running)
        {
            running.Add(item);
        }
        var accepted = false;
        try
        {
            accepted = await TryRunWithState(runCounted, item, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!accepted)
            {
                Ended(item, signal: false);
            }
        }
        if (accepted)
        {
            dispatched++;
        }
        return accepted;
    }

    /// <summary>
    /// Waits until every slot is free but those of jobs running longer than <see cref="LongRunning"/>, the wait has run
    /// its course, or the scheduler stops (0: Quartz's loop then looks at its halt flag, as after its own pool's
    /// cancelled wait); the free slots then.
    /// </summary>
    private async ValueTask<int> WaitForMoreAsync(int free, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(batchWait, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        // Ends counted before this wait are already in the count read below.
        while (ended.Wait(0, CancellationToken.None))
        {
        }
        var target = PoolSize - LongRunningJobs();
        while ((free = Free()) < target)
        {
            try
            {
                await ended.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return 0;
                }
                free = Free();
                break;
            }
        }
        return free;
    }

    private int Free()
    {
        lock (running)
        {
            return Math.Max(0, PoolSize - running.Count);
        }
    }

    private int LongRunningJobs()
    {
        lock (running)
        {
            return running.Count(j => time.GetElapsedTime(j.Started) > LongRunning);
        }
    }

    private void Ended(Counted item, bool signal)
    {
        lock (running)
        {
            running.Remove(item);
        }
        if (signal)
        {
            ended.Release();
        }
    }

    private static async ValueTask RunCountedAsync(object? state)
    {
        var item = (Counted)state!;
        try
        {
            await item.Action(item.State).ConfigureAwait(false);
        }
        finally
        {
            item.Pool.Ended(item, signal: true);
        }
    }

    /// <summary>A dispatched job, and when it was dispatched (a timestamp of the pool's clock). Compared by reference.</summary>
    private sealed class Counted(BatchingThreadPool pool, Func<object?, ValueTask> action, object? state, long started)
    {
        public BatchingThreadPool Pool { get; } = pool;
        public Func<object?, ValueTask> Action { get; } = action;
        public object? State { get; } = state;
        public long Started { get; } = started;
    }
}
