namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// Crashes and worker processes, on a node of their own (the test nodes' limits: 15 s soft, 20 s hard, a 512 MiB worker
/// heap); it runs beside other classes. Time limits: WorkerLimitsTests.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class WorkerCrashTests
{
    private static PrivateCluster _cluster = null!;

    public TestContext TestContext { get; set; } = null!;

    private static ServiceNode Node => _cluster.Nodes[0];

    [ClassInitialize]
    public static async Task StartClusterAsync(TestContext context) =>
        _cluster = await PrivateCluster.StartAsync("agensium_test_workercrash", [5174], null, context.CancellationToken);

    [ClassCleanup]
    public static async Task StopClusterAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private static async Task AssertNoBusyWorkerLeftAsync(CancellationToken ct)
    {
        await Poll.UntilAsync(() => Task.FromResult(Node.BusyWorkerProcessIds().Count == 0 ? "" : null), TimeSpan.FromSeconds(5), ct);
    }

    [TestMethod]
    [DataRow("crash", "WORKER_CRASHED", "x-fault-injection: crash")]
    [DataRow("stackoverflow", "WORKER_CRASHED", "Stack overflow")]
    [DataRow("oom", "OUT_OF_MEMORY", "This worker's heap limit is 512 MiB (Worker:MemoryLimitMb).")]
    public async Task Crash_ShouldFailOnlyThatTaskWithAClearCode_AndTheNodeKeepsServing(string command, string code, string headline)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(Node);
        var taskId = await api.SubmitFaultAsync(command, ct: ct);
        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(60), ct);
        Assert.AreEqual("FAILED", task["status"]!.GetValue<string>(), task.ToJsonString());
        Assert.AreEqual(code, task["error_code"]!.GetValue<string>(), task.ToJsonString());
        Assert.IsFalse(string.IsNullOrWhiteSpace(task["error_message"]?.GetValue<string>()));
        // The message keeps the runtime's headline, not only the bottom of a deep stack trace.
        StringAssert.Contains(task["error_message"]!.GetValue<string>(), headline);
        Assert.AreEqual(1L, await _cluster.Db.ScalarAsync<long>("SELECT count(*) FROM job_history WHERE task_id = @t", ct, ("t", taskId)), "a crash is not retried");

        Assert.IsFalse(Node.HasExited);
        var next = await api.SubmitFaultAsync("ok", ct: ct);
        Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(next, TimeSpan.FromSeconds(30), ct))["status"]!.GetValue<string>());
        await AssertNoBusyWorkerLeftAsync(ct);
    }

    [TestMethod]
    public async Task EachRun_ShouldUseAWorkerProcessOfThePool_WhichIsIdleAndAliveAfterwards()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(Node);
        var taskId = await api.SubmitFaultAsync("sleep:1.5", ct: ct);
        await api.WaitForStatusAsync(taskId, "PROCESSING", TimeSpan.FromSeconds(30), ct);
        var busy = await Poll.UntilAsync(() => Task.FromResult(Node.BusyWorkerProcessIds() is { Count: > 0 } all ? all : null), TimeSpan.FromSeconds(10), ct);
        Assert.HasCount(1, busy);
        Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(30), ct))["status"]!.GetValue<string>());
        await AssertNoBusyWorkerLeftAsync(ct);
        Assert.IsTrue(Directory.Exists($"/proc/{busy[0]}"), "a worker whose run ended cleanly goes back to the pool");
        Assert.IsFalse(ProcessTable.IsBusy(busy[0]), "and is idle there");
        var pool = Node.WorkerProcessIds().Count;
        Assert.IsTrue(pool is > 0 and <= 8, $"the node keeps a warm pool of at most PoolSize idle + slots busy workers ({pool})");
    }
}
