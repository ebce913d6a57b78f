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

    private async Task<WorkerMessage?> RunAsync(WorkerProcess worker, string outputs)
    {
        await worker.SendRequestAsync(NoOp(outputs));
        return await worker.ReadResultAsync(new Progress<AnalysisProgress>()).WaitAsync(TimeSpan.FromSeconds(60), TestContext.CancellationToken);
    }

    [TestMethod]
    public async Task EveryRun_ShouldGoToAReadyWorker_AndNoWorkerServesMoreThanMaxRuns()
    {
        var outputs = Directory.CreateTempSubdirectory("agensium-pool-").FullName;
        var pool = Pool(poolSize: 2, maxRuns: 2);
        var used = new List<int>();
        try
        {
            await pool.StartAsync(TestContext.CancellationToken);
            for (var i = 0; i < 7; i++)
            {
                var worker = await pool.RentAsync().WaitAsync(TimeSpan.FromSeconds(60), TestContext.CancellationToken);
                Assert.IsTrue(worker.IsReady, $"run {i + 1} was handed a worker still starting (pid {worker.Id})");
                var result = await RunAsync(worker, outputs);
                Assert.IsTrue(result is { Succeeded: true }, $"run {i + 1}: {result}");
                used.Add(worker.Id);
                pool.Return(worker, clean: true);
            }
        }
        finally
        {
            await pool.StopAsync(CancellationToken.None);
            Directory.Delete(outputs, recursive: true);
        }
        var runsPerWorker = used.GroupBy(id => id).Select(g => g.Count()).ToList();
        Assert.IsTrue(runsPerWorker.All(n => n <= 2), $"runs per worker: {string.Join(", ", runsPerWorker)}");
        Assert.IsGreaterThanOrEqualTo(4, runsPerWorker.Count, "7 runs of at most 2 each took at least 4 workers");
    }

    [TestMethod]
    public async Task APoolOfSizeZero_ShouldStartAFreshWorkerForEachRun()
    {
        var outputs = Directory.CreateTempSubdirectory("agensium-pool-").FullName;
        var pool = Pool(poolSize: 0, maxRuns: 50);
        var used = new List<int>();
        try
        {
            await pool.StartAsync(TestContext.CancellationToken);
            for (var i = 0; i < 2; i++)
            {
                var worker = await pool.RentAsync().WaitAsync(TimeSpan.FromSeconds(60), TestContext.CancellationToken);
                Assert.IsTrue((await RunAsync(worker, outputs)) is { Succeeded: true });
                used.Add(worker.Id);
                pool.Return(worker, clean: true);
                Assert.AreEqual(0, pool.IdleCount, "nothing is kept");
            }
        }
        finally
        {
            await pool.StopAsync(CancellationToken.None);
            Directory.Delete(outputs, recursive: true);
        }
        Assert.AreNotEqual(used[0], used[1]);
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
