namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// Two running nodes may not share a fixed Scheduler:InstanceId: Quartz would take them for one node, and the second
/// recovered the first one's running job as if it had died. The second is refused at start-up (exit 78); a restart
/// of the same node under its own id, after it stopped, is not.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class InstanceIdTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task SecondNode_ShouldBeRefused_WhenARunningNodeHasItsFixedInstanceId_ButARestartUnderItIsNot()
    {
        var ct = TestContext.CancellationToken;
        var fixedId = new Dictionary<string, string> { ["Scheduler__InstanceId"] = "node-fixed-1" };
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_instanceid", [5177], fixedId, ct);

        using var refused = CancellationTokenSource.CreateLinkedTokenSource(ct);
        refused.CancelAfter(TimeSpan.FromSeconds(90)); // a node that is not refused runs on: killed, and the test fails
        var (exit, _, err) = await SchedulerCommand.RunAsync(new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{5178 + StackSettings.TestPortOffset}",
            ["ConnectionStrings__Postgres"] = cluster.Db.ConnectionString,
            ["Redis__Configuration"] = StackSettings.RedisConfiguration,
            ["S3__ServiceUrl"] = StackSettings.S3Url,
            ["S3__Bucket"] = StackSettings.Bucket,
            ["Scheduler__InstanceId"] = "node-fixed-1",
        }, refused.Token);

        Assert.AreEqual(78, exit, err);
        StringAssert.Contains(err, "Another running node uses Scheduler:InstanceId 'node-fixed-1'");
        Assert.AreEqual("node-fixed-1", await cluster.InstanceIdOfAsync(cluster.Nodes[0], ct), "the first node runs on");

        // The same node stopped and started again at once finds its own recent check-in and starts after one threshold.
        await cluster.Nodes[0].DisposeAsync();
        cluster.Nodes.Clear();
        var again = await cluster.StartNodeAsync(5177, ct, fixedId);
        Assert.AreEqual("node-fixed-1", await cluster.InstanceIdOfAsync(again, ct));
    }
}
