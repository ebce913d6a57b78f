using Agensium.Scheduler.Jobs;
using Quartz.Extensibility;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// The analyses' pool's answer to Quartz's "how many slots are free?" (Scheduler:AcquireBatchWait): while the node
/// drains a backlog it waits for more slots to free, up to the setting, so one acquisition round fires several jobs;
/// it answers at once on an idle node, when the last round found fewer due triggers than it was offered, and when the
/// scheduler stops. Quartz's loop is played by hand: an answer, then the round's dispatches.
/// </summary>
[TestClass]
public sealed class BatchingThreadPoolTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(5);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Busy_AfterARoundThatFilledEverySlot_ShouldWaitForTheOtherSlotsToFree()
    {
        var (pool, time) = await StartAsync(Wait);
        Assert.AreEqual(4, await pool.WaitForAvailableThreads(TestContext.CancellationToken), "an idle pool answers every slot");
        var jobs = await DispatchAsync(pool, 4);

        jobs[0].SetResult();
        var answer = pool.WaitForAvailableThreads(TestContext.CancellationToken).AsTask();
        // Quartz's pool answers 1 here: one slot free, three running after a round that filled every slot.
        await time.WaitArmedAsync(TestContext.CancellationToken);
        Assert.IsFalse(answer.IsCompleted);
        jobs[1].SetResult();
        jobs[2].SetResult();
        jobs[3].SetResult();

        Assert.AreEqual(4, await answer.WaitAsync(TimeSpan.FromSeconds(30), TestContext.CancellationToken),
            "every slot free ends the wait, the clock standing still");
    }

    [TestMethod]
    public async Task Busy_WhenTheWaitRunsOut_ShouldAnswerTheSlotsFreeThen()
    {
        var (pool, time) = await StartAsync(Wait);
        await pool.WaitForAvailableThreads(TestContext.CancellationToken);
        var jobs = await DispatchAsync(pool, 4);

        jobs[0].SetResult();
        var answer = pool.WaitForAvailableThreads(TestContext.CancellationToken).AsTask();
        await time.WaitArmedAsync(TestContext.CancellationToken);
        time.Advance(Wait - TimeSpan.FromMilliseconds(1));
        Assert.IsFalse(answer.IsCompleted, "not before the wait has run out");
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.AreEqual(1, await answer.WaitAsync(TimeSpan.FromSeconds(30), TestContext.CancellationToken));
        Finish(jobs.Skip(1));
    }

    [TestMethod]
    public async Task Busy_WithLongRunningJobs_ShouldNotWaitForTheirSlots()
    {
        var (pool, time) = await StartAsync(Wait);
        await pool.WaitForAvailableThreads(TestContext.CancellationToken);
        var jobs = await DispatchAsync(pool, 4);
        time.Advance(BatchingThreadPool.LongRunning + TimeSpan.FromMilliseconds(1));

        jobs[0].SetResult();

        // Three analyses running for over a second: the free slot takes work without the clock moving on.
        Assert.AreEqual(1, await pool.WaitForAvailableThreads(TestContext.CancellationToken).AsTask()
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.CancellationToken));
        Finish(jobs.Skip(1));
    }

    [TestMethod]
    public async Task AfterARoundThatFiredFewerThanOffered_ShouldNotWait()
    {
        var (pool, _) = await StartAsync(Wait);
        await pool.WaitForAvailableThreads(TestContext.CancellationToken);
        // Two due triggers for four free slots: no backlog, and the next submission must not wait for a running job.
        var jobs = await DispatchAsync(pool, 2);

        Assert.AreEqual(2, await pool.WaitForAvailableThreads(TestContext.CancellationToken).AsTask()
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.CancellationToken));
        Finish(jobs);
    }

    [TestMethod]
    public async Task AllEnded_ShouldAnswerEverySlot()
    {
        var (pool, _) = await StartAsync(Wait);
        await pool.WaitForAvailableThreads(TestContext.CancellationToken);
        Finish(await DispatchAsync(pool, 4));

        // All ended: a submission to an idle node starts without the clock moving on.
        Assert.AreEqual(4, await pool.WaitForAvailableThreads(TestContext.CancellationToken).AsTask()
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.CancellationToken));
    }

    [TestMethod]
    public async Task ZeroWait_ShouldAnswerAsQuartzsPoolDoes()
    {
        var (pool, _) = await StartAsync(TimeSpan.Zero);
        await pool.WaitForAvailableThreads(TestContext.CancellationToken);
        var jobs = await DispatchAsync(pool, 4);

        jobs[0].SetResult();

        Assert.AreEqual(1, await pool.WaitForAvailableThreads(TestContext.CancellationToken).AsTask()
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.CancellationToken));
        Finish(jobs.Skip(1));
    }

    [TestMethod]
    public async Task SchedulerStopping_DuringTheWait_ShouldAnswerNoSlots()
    {
        var (pool, time) = await StartAsync(Wait);
        await pool.WaitForAvailableThreads(TestContext.CancellationToken);
        var jobs = await DispatchAsync(pool, 4);
        using var halt = new CancellationTokenSource();

        jobs[0].SetResult();
        var answer = pool.WaitForAvailableThreads(halt.Token).AsTask();
        await time.WaitArmedAsync(TestContext.CancellationToken);
        await halt.CancelAsync();

        Assert.AreEqual(0, await answer.WaitAsync(TimeSpan.FromSeconds(30), TestContext.CancellationToken),
            "Quartz's loop reads 0 after a halt as 'look at the halt flag'");
        Finish(jobs.Skip(1));
    }

    [TestMethod]
    public async Task Dispatch_ShouldRunTheWorkWithItsState_AndDrainShouldWaitForIt()
    {
        var (pool, _) = await StartAsync(Wait);
        var ran = new TaskCompletionSource<object?>();
        var release = new TaskCompletionSource();

        Assert.IsTrue(await pool.TryRunWithState(async s => { ran.SetResult(s); await release.Task; }, "state", TestContext.CancellationToken));
        Assert.AreEqual("state", await ran.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.CancellationToken));
        var drain = pool.Drain(TestContext.CancellationToken).AsTask();
        Assert.IsFalse(drain.IsCompleted, "a drain waits for the running work");
        release.SetResult();

        Assert.IsTrue(await drain.WaitAsync(TimeSpan.FromSeconds(30), TestContext.CancellationToken));
        Assert.IsFalse(await pool.TryRunWithState(_ => ValueTask.CompletedTask, null, TestContext.CancellationToken), "a drained pool takes no work");
    }

    private static void Finish(IEnumerable<TaskCompletionSource> jobs)
    {
        foreach (var job in jobs)
        {
            job.SetResult();
        }
    }

    private static async Task<(IThreadPool Pool, ManualTime Time)> StartAsync(TimeSpan wait)
    {
        var time = new ManualTime();
        IThreadPool pool = new BatchingThreadPool(4, wait, time);
        await pool.Initialize();
        return (pool, time);
    }

    /// <summary>One round's dispatches: jobs that run until their source is set.</summary>
    private async Task<List<TaskCompletionSource>> DispatchAsync(IThreadPool pool, int count)
    {
        var jobs = new List<TaskCompletionSource>();
        for (var i = 0; i < count; i++)
        {
            var job = new TaskCompletionSource();
            jobs.Add(job);
            Assert.IsTrue(await pool.TryRunWithState(s => new ValueTask(((TaskCompletionSource)s!).Task), job, TestContext.CancellationToken));
        }
        return jobs;
    }

    /// <summary>A clock that moves when told to, with timers that fire when it passes their due time.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private readonly Lock gate = new();
        private readonly List<Timer> timers = [];
        private readonly TaskCompletionSource armed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private DateTimeOffset now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow()
        {
            lock (gate)
            {
                return now;
            }
        }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => GetUtcNow().UtcTicks;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new Timer(this, callback, state);
            timer.Change(dueTime, period);
            return timer;
        }

        /// <summary>Completes once a timer is armed: the pool has begun a batch wait.</summary>
        public Task WaitArmedAsync(CancellationToken cancellationToken)
        {
            lock (gate)
            {
                return armed.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
        }

        public void Advance(TimeSpan by)
        {
            List<Timer> due;
            lock (gate)
            {
                now += by;
                due = timers.Where(t => t.Due <= now).ToList();
                timers.RemoveAll(due.Contains);
            }
            foreach (var timer in due)
            {
                timer.Fire();
            }
        }

        private sealed class Timer(ManualTime time, TimerCallback callback, object? state) : ITimer
        {
            public DateTimeOffset Due { get; private set; }

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                lock (time.gate)
                {
                    time.timers.Remove(this);
                    if (dueTime != Timeout.InfiniteTimeSpan)
                    {
                        Due = time.now + dueTime;
                        time.timers.Add(this);
                        time.armed.TrySetResult();
                    }
                }
                return true;
            }

            public void Fire() => callback(state);

            public void Dispose()
            {
                lock (time.gate)
                {
                    time.timers.Remove(this);
                }
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
