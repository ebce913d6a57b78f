namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// Work queued through one node starts on another at once (LISTEN/NOTIFY), not after the other node's next poll.
/// The worker node polls only every 30 s here; the API node runs no jobs at all.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class WakeTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task TaskSubmittedThroughAnApiNode_ShouldStartOnAWorkerNodeLongBeforeItsIdleWait()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_wake", [], null, ct);
        var apiNode = await cluster.StartNodeAsync(5168, ct, new() { ["Scheduler__RunJobs"] = "false" });
        var worker = await cluster.StartNodeAsync(5169, ct, new() { ["Scheduler__IdleWaitTime"] = "00:00:30" });
        await cluster.SeedUserAsync(ct);
        var workerId = await cluster.InstanceIdOfAsync(worker, ct);
        using var api = new ApiClient(apiNode);
        // Let the worker settle into its 30 s idle wait.
        await Task.Delay(TimeSpan.FromSeconds(3), ct);

        for (var i = 0; i < 5; i++)
        {
            var taskId = await api.SubmitFaultAsync("ok", ct: ct);
            Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(60), ct))["status"]!.GetValue<string>());
            var run = (await cluster.Db.QueryAsync("SELECT node_instance_id, scheduled_at, started_at FROM job_history WHERE task_id = @t", ct, ("t", taskId))).Single();
            Assert.AreEqual(workerId, run["node_instance_id"], "the API-only node runs no jobs");
            var wait = (DateTime)run["started_at"]! - (DateTime)run["scheduled_at"]!;
            TestContext.WriteLine($"submit to start: {wait.TotalMilliseconds:F0} ms");
            // Half the idle wait tells the notification from the poll, even on a loaded machine; the figure is printed.
            Assert.IsLessThan(TimeSpan.FromSeconds(15), wait, "woken by the notification, not by its 30 s poll");
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }
}
