namespace Agensium.Scheduler.Tests.Integration;

/// <summary>Time limits, crashes and worker processes (the test nodes give x-fault-injection a 15 s soft and 20 s hard limit).</summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class WorkerLimitsTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    private static async Task<Dictionary<string, object?>> OnlyAttemptAsync(string taskId, CancellationToken ct)
    {
        var rows = await Db.QueryAsync("SELECT status, error_code, duration_ms, node_instance_id FROM job_history WHERE task_id = @t", ct, ("t", taskId));
        Assert.HasCount(1, rows);
        return rows[0];
    }

    private static async Task AssertNoBusyWorkerLeftAsync(CancellationToken ct)
    {
        await Poll.UntilAsync(() => Task.FromResult(
            TestCluster.NodeA.BusyWorkerProcessIds().Count == 0 && TestCluster.NodeB.BusyWorkerProcessIds().Count == 0 ? "" : null),
            TimeSpan.FromSeconds(5), ct);
    }

    [TestMethod]
    [DataRow("spin")]
    [DataRow("block:60")]
    public async Task HardLimit_ShouldKillTheWorkerAndFailWithTimeout_WhenTheWorkIgnoresCancellation(string command)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.SubmitFaultAsync(command, ct: ct);
        await api.WaitForStatusAsync(taskId, "PROCESSING", TimeSpan.FromSeconds(30), ct);
        var busy = await Poll.UntilAsync(() =>
        {
            var all = TestCluster.NodeA.BusyWorkerProcessIds().Concat(TestCluster.NodeB.BusyWorkerProcessIds()).ToList();
            return Task.FromResult(all.Count > 0 ? all : null);
        }, TimeSpan.FromSeconds(10), ct);
        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(90), ct);
        Assert.AreEqual("FAILED", task["status"]!.GetValue<string>());
        Assert.AreEqual("TIMEOUT", task["error_code"]!.GetValue<string>());
        StringAssert.StartsWith(task["error_message"]!.GetValue<string>(), "Task exceeded time limit (the hard limit of ");
        StringAssert.EndsWith(task["error_message"]!.GetValue<string>(), "its worker process was killed)");
        var attempt = await OnlyAttemptAsync(taskId, ct);
        Assert.IsGreaterThanOrEqualTo(20_000L, (long)attempt["duration_ms"]!, "it ran until the hard limit");
        await AssertNoBusyWorkerLeftAsync(ct);
        await Poll.UntilAsync(() => Task.FromResult(busy.All(pid => !Directory.Exists($"/proc/{pid}")) ? "" : null), TimeSpan.FromSeconds(5), ct);
    }

    [TestMethod]
    public async Task SoftLimit_ShouldStopCooperativeWorkWithTimeout_BeforeTheHardLimit()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeB);
        var taskId = await api.SubmitFaultAsync("sleep:60", ct: ct);
        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(90), ct);
        Assert.AreEqual("FAILED", task["status"]!.GetValue<string>());
        Assert.AreEqual("TIMEOUT", task["error_code"]!.GetValue<string>());
        Assert.AreEqual("Task exceeded time limit (the soft limit of 15 s for x-fault-injection: the run was stopped)", task["error_message"]!.GetValue<string>());
        var attempt = await OnlyAttemptAsync(taskId, ct);
        Assert.IsLessThan(20_000L, (long)attempt["duration_ms"]!, "cooperative work stops at the soft limit");
        Assert.IsGreaterThanOrEqualTo(15_000L, (long)attempt["duration_ms"]!, "and not before it");
        await AssertNoBusyWorkerLeftAsync(ct);
    }

    [TestMethod]
    [DataRow("crash", "WORKER_CRASHED", "x-fault-injection: crash")]
    [DataRow("stackoverflow", "WORKER_CRASHED", "Stack overflow")]
    [DataRow("oom", "OUT_OF_MEMORY", "This worker's heap limit is 512 MiB (Worker:MemoryLimitMb).")]
    public async Task Crash_ShouldFailOnlyThatTaskWithAClearCode_AndTheNodeKeepsServing(string command, string code, string headline)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.SubmitFaultAsync(command, ct: ct);
        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(60), ct);
        Assert.AreEqual("FAILED", task["status"]!.GetValue<string>(), task.ToJsonString());
        Assert.AreEqual(code, task["error_code"]!.GetValue<string>(), task.ToJsonString());
        Assert.IsFalse(string.IsNullOrWhiteSpace(task["error_message"]?.GetValue<string>()));
        // The message keeps the runtime's headline, not only the bottom of a deep stack trace.
        StringAssert.Contains(task["error_message"]!.GetValue<string>(), headline);
        Assert.AreEqual(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM job_history WHERE task_id = @t", ct, ("t", taskId)), "a crash is not retried");

        Assert.IsFalse(TestCluster.NodeA.HasExited);
        Assert.IsFalse(TestCluster.NodeB.HasExited);
        var next = await api.SubmitFaultAsync("ok", ct: ct);
        Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(next, TimeSpan.FromSeconds(30), ct))["status"]!.GetValue<string>());
        await AssertNoBusyWorkerLeftAsync(ct);
    }

    [TestMethod]
    public async Task EachRun_ShouldUseAWorkerProcessOfThePool_WhichIsIdleAndAliveAfterwards()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.SubmitFaultAsync("sleep:1.5", ct: ct);
        await api.WaitForStatusAsync(taskId, "PROCESSING", TimeSpan.FromSeconds(30), ct);
        var busy = await Poll.UntilAsync(() =>
        {
            var all = TestCluster.NodeA.BusyWorkerProcessIds().Concat(TestCluster.NodeB.BusyWorkerProcessIds()).ToList();
            return Task.FromResult(all.Count > 0 ? all : null);
        }, TimeSpan.FromSeconds(10), ct);
        Assert.HasCount(1, busy);
        Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(30), ct))["status"]!.GetValue<string>());
        await AssertNoBusyWorkerLeftAsync(ct);
        Assert.IsTrue(Directory.Exists($"/proc/{busy[0]}"), "a worker whose run ended cleanly goes back to the pool");
        Assert.IsFalse(ProcessTable.IsBusy(busy[0]), "and is idle there");
        var pool = TestCluster.NodeA.WorkerProcessIds().Count;
        Assert.IsTrue(pool is > 0 and <= 8, $"node A keeps a warm pool of at most PoolSize idle + slots busy workers ({pool})");
    }
}
