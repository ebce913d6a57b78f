using System.Net;
using System.Net.Sockets;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// A node whose listening port another process holds does not start, and says so in one line with exit 1 (which the
/// systemd unit restarts), as a node whose database is down does; it died with an unhandled exception (134, SIGABRT)
/// and the host's trace twice. It leaves no row in the nodes table.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class PortHeldTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Start_ShouldSayInOneLineThatThePortIsHeld_AndExit1()
    {
        var ct = TestContext.CancellationToken;
        // A database of its own that the node can reach, so it gets as far as binding its port.
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_portheld", [], null, ct);
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        int port = ((IPEndPoint)holder.LocalEndpoint).Port;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(90)); // a node that starts anyway runs on: killed, and the test fails
        var (exit, output, err) = await SchedulerCommand.RunAsync(new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Postgres"] = cluster.Db.ConnectionString,
            ["Redis__Configuration"] = StackSettings.RedisConfiguration,
            ["S3__ServiceUrl"] = StackSettings.S3Url,
            ["S3__Bucket"] = StackSettings.Bucket,
        }, timeout.Token);

        Assert.AreEqual(1, exit, err);
        var last = err.TrimEnd().Split('\n')[^1];
        StringAssert.StartsWith(last, "Agensium.Scheduler did not start: cannot listen:");
        StringAssert.Contains(last, $"http://127.0.0.1:{port}", "the address it could not bind");
        Assert.DoesNotContain("Unhandled exception", err);
        Assert.DoesNotContain("Hosting failed to start", output + err, "one line, not the host's trace as well");
        // A node that never served is no crashed node: it left a row that `inspect nodes` and the dashboard listed as
        // dead for Dashboard:ForgetNodesAfter (7 days). Its row is written once it listens.
        Assert.AreEqual(0L, await cluster.Db.ScalarAsync<long>("SELECT count(*) FROM nodes", ct), "no node row for a node that did not start");
    }
}
