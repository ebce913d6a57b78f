using Agensium.Analysis;
using Agensium.Scheduler.Jobs;
using Agensium.Scheduler.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// The warm worker pool with real worker processes (no database): runs go to workers that have said they are ready,
/// a worker serves at most Worker:MaxRunsPerWorker runs, and a worker that cannot start never holds a run waiting.
/// </summary>
[TestClass]
public sealed class WorkerPoolTests
{
    public TestContext TestContext { get; set; } = null!;

    private static WorkerPool Pool(int poolSize, int maxRuns, int memoryLimitMb = 0) => new(
        Options.Create(new WorkerOptions { PoolSize = poolSize, MaxRunsPerWorker = maxRuns, MemoryLimitMb = memoryLimitMb }),
        Options.Create(new SchedulerOptions { Concurrency = poolSize }),
        NullLogger<WorkerPool>.Instance);

    private static WorkerRequest NoOp(string outputs) =>
        new("t-pool", NoOpTool.ToolId, [], [], Path.Combine(outputs, "outputs"), 1, AllowFaultInjection: false, AllowBenchmarkTools: true);

    /// <summary>
    /// Runs the no-op tool <paramref name="runs"/> times in a row through a started pool, as WorkerLauncher does (rent,
    /// run, return a clean worker), then stops the pool; per run, the worker's pid and whether it was ready when handed
    /// out. <paramref name="afterEachRun"/> looks at the pool after each return.
    /// </summary>
    private async Task<List<(int Pid, bool WasReady)>> RunManyAsync(WorkerPool pool, int runs, Action? afterEachRun = null)
    {
        var outputs = Directory.CreateTempSubdirectory("agensium-pool-").FullName;
        var used = new List<(int, bool)>();
        try
        {
            await pool.StartAsync(TestContext.CancellationToken);
            for (var i = 0; i < runs; i++)
            {
                var worker = await pool.RentAsync().WaitAsync(TimeSpan.FromSeconds(60), TestContext.CancellationToken);
                var ready = worker.IsReady;
                await worker.SendRequestAsync(NoOp(outputs));
                var result = await worker.ReadResultAsync(new Progress<AnalysisProgress>()).WaitAsync(TimeSpan.FromSeconds(60), TestContext.CancellationToken);
                Assert.IsTrue(result is { Succeeded: true }, $"run {i + 1}: {result}");
                used.Add((worker.Id, ready));
                pool.Return(worker, clean: true);
                afterEachRun?.Invoke();
            }
        }
        finally
        {
            await pool.StopAsync(CancellationToken.None);
            Directory.Delete(outputs, recursive: true);
        }
        return used;
    }

    [TestMethod]
    public async Task EveryRun_ShouldGoToAReadyWorker_AndNoWorkerServesMoreThanMaxRuns()
    {
        var used = await RunManyAsync(Pool(poolSize: 2, maxRuns: 2), runs: 7);

        for (var i = 0; i < used.Count; i++)
        {
            Assert.IsTrue(used[i].WasReady, $"run {i + 1} was handed a worker still starting (pid {used[i].Pid})");
        }
        var runsPerWorker = used.GroupBy(u => u.Pid).Select(g => g.Count()).ToList();
        Assert.IsTrue(runsPerWorker.All(n => n <= 2), $"runs per worker: {string.Join(", ", runsPerWorker)}");
        Assert.IsGreaterThanOrEqualTo(4, runsPerWorker.Count, "7 runs of at most 2 each took at least 4 workers");
    }

    [TestMethod]
    public async Task WorkersThatDiedIdle_ShouldBeReplaced_SoThePoolGetsBackToItsSize()
    {
        // An outside probe killed a node's three idle workers: dropped when rented, they were never replaced, and the
        // pool kept one warm worker.
        var pool = Pool(poolSize: 3, maxRuns: 50);
        var outputs = Directory.CreateTempSubdirectory("agensium-pool-").FullName;
        try
        {
            await pool.StartAsync(TestContext.CancellationToken);
            var held = new List<WorkerProcess>();
            for (var i = 0; i < 3; i++)
            {
                held.Add(await pool.RentAsync().WaitAsync(TimeSpan.FromSeconds(60), TestContext.CancellationToken));
            }
            foreach (var worker in held)
            {
                pool.Return(worker, clean: true);
            }
            Assert.AreEqual(3, pool.IdleCount);
            foreach (var worker in held)
            {
                using var process = System.Diagnostics.Process.GetProcessById(worker.Id);
                process.Kill();
                await process.WaitForExitAsync(TestContext.CancellationToken);
            }

            var fresh = await pool.RentAsync().WaitAsync(TimeSpan.FromSeconds(60), TestContext.CancellationToken);
            await fresh.SendRequestAsync(NoOp(outputs));
            Assert.IsTrue(await fresh.ReadResultAsync(new Progress<AnalysisProgress>()).WaitAsync(TimeSpan.FromSeconds(60), TestContext.CancellationToken) is { Succeeded: true });
            pool.Return(fresh, clean: true);

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (pool.IdleCount < 3 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, TestContext.CancellationToken);
            }
            Assert.AreEqual(3, pool.IdleCount, "the dead workers' places were filled");
        }
        finally
        {
            await pool.StopAsync(CancellationToken.None);
            Directory.Delete(outputs, recursive: true);
        }
    }

    [TestMethod]
    public async Task APoolOfSizeZero_ShouldStartAFreshWorkerForEachRun()
    {
        var pool = Pool(poolSize: 0, maxRuns: 50);
        var used = await RunManyAsync(pool, runs: 2, () => Assert.AreEqual(0, pool.IdleCount, "nothing is kept"));

        Assert.AreNotEqual(used[0].Pid, used[1].Pid);
    }

    [TestMethod]
    public async Task AWorkerThatCannotStart_ShouldNotHoldARunWaiting()
    {
        // A 1 MiB heap limit: the runtime of every worker fails at start-up, before it can say it is ready.
        var pool = Pool(poolSize: 2, maxRuns: 50, memoryLimitMb: 1);
        try
        {
            await pool.StartAsync(TestContext.CancellationToken);
            var worker = await pool.RentAsync().WaitAsync(TimeSpan.FromSeconds(60), TestContext.CancellationToken);
            Assert.IsFalse(worker.IsReady);
            await worker.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.IsTrue(worker.HasExited, "the worker handed out could not start either: the run fails as a crash, it does not hang");
            pool.Return(worker, clean: false);
        }
        finally
        {
            await pool.StopAsync(CancellationToken.None);
        }
    }
}
