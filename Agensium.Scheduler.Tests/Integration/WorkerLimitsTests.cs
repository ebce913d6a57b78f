namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// Time limits, on a node of their own that gives x-fault-injection a 4 s soft and a 10 s hard limit (the other test
/// nodes: 15 s and 20 s), so each run waits out a few seconds, not 15–20 s; it runs beside other classes. Crashes and the
/// worker pool: WorkerCrashTests.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class WorkerLimitsTests
{
    private const int SoftLimitSeconds = 4;
    private const int HardLimitSeconds = 10;

    private static PrivateCluster _cluster = null!;

    public TestContext TestContext { get; set; } = null!;

    private static ServiceNode Node => _cluster.Nodes[0];

    [ClassInitialize]
    public static async Task StartClusterAsync(TestContext context)
    {
        _cluster = await PrivateCluster.StartAsync("agensium_test_workerlimits", [5173], new()
        {
            ["Worker__Tools__x-fault-injection__SoftTimeLimit"] = $"00:00:{SoftLimitSeconds:00}",
            ["Worker__Tools__x-fault-injection__HardTimeLimit"] = $"00:00:{HardLimitSeconds:00}",
        }, context.CancellationToken);
    }

    [ClassCleanup]
    public static async Task StopClusterAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private static async Task<Dictionary<string, object?>> OnlyAttemptAsync(string taskId, CancellationToken ct)
    {
        var rows = await _cluster.Db.QueryAsync("SELECT status, error_code, duration_ms, node_instance_id FROM job_history WHERE task_id = @t", ct, ("t", taskId));
        Assert.HasCount(1, rows);
        return rows[0];
    }

    private static async Task AssertNoBusyWorkerLeftAsync(CancellationToken ct)
    {
        await Poll.UntilAsync(() => Task.FromResult(Node.BusyWorkerProcessIds().Count == 0 ? "" : null), TimeSpan.FromSeconds(5), ct);
    }

    [TestMethod]
    [DataRow("spin")]
    [DataRow("block:60")]
    public async Task HardLimit_ShouldKillTheWorkerAndFailWithTimeout_WhenTheWorkIgnoresCancellation(string command)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(Node);
        var taskId = await api.SubmitFaultAsync(command, ct: ct);
        await api.WaitForStatusAsync(taskId, "PROCESSING", TimeSpan.FromSeconds(30), ct);
        var busy = await Poll.UntilAsync(() => Task.FromResult(Node.BusyWorkerProcessIds() is { Count: > 0 } all ? all : null), TimeSpan.FromSeconds(10), ct);
        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(90), ct);
        Assert.AreEqual("FAILED", task["status"]!.GetValue<string>());
        Assert.AreEqual("TIMEOUT", task["error_code"]!.GetValue<string>());
        StringAssert.StartsWith(task["error_message"]!.GetValue<string>(), "Task exceeded time limit (the hard limit of ");
        StringAssert.EndsWith(task["error_message"]!.GetValue<string>(), "its worker process was killed)");
        var attempt = await OnlyAttemptAsync(taskId, ct);
        Assert.IsGreaterThanOrEqualTo(HardLimitSeconds * 1000L, (long)attempt["duration_ms"]!, "it ran until the hard limit");
        await AssertNoBusyWorkerLeftAsync(ct);
        await Poll.UntilAsync(() => Task.FromResult(busy.All(pid => !Directory.Exists($"/proc/{pid}")) ? "" : null), TimeSpan.FromSeconds(5), ct);
    }

    [TestMethod]
    public async Task SoftLimit_ShouldStopCooperativeWorkWithTimeout_BeforeTheHardLimit()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(Node);
        var taskId = await api.SubmitFaultAsync("sleep:60", ct: ct);
        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(90), ct);
        Assert.AreEqual("FAILED", task["status"]!.GetValue<string>());
        Assert.AreEqual("TIMEOUT", task["error_code"]!.GetValue<string>());
        Assert.AreEqual($"Task exceeded time limit (the soft limit of {SoftLimitSeconds} s for x-fault-injection: the run was stopped)", task["error_message"]!.GetValue<string>());
        var attempt = await OnlyAttemptAsync(taskId, ct);
        Assert.IsLessThan(HardLimitSeconds * 1000L, (long)attempt["duration_ms"]!, "cooperative work stops at the soft limit");
        Assert.IsGreaterThanOrEqualTo(SoftLimitSeconds * 1000L, (long)attempt["duration_ms"]!, "and not before it");
        await AssertNoBusyWorkerLeftAsync(ct);
    }
}
