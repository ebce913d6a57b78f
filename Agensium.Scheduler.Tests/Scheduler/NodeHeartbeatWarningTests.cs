using System.Net;
using System.Net.Sockets;
using Agensium.Scheduler.Dashboard;
using Agensium.Scheduler.Jobs;
using Agensium.Scheduler.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>A database that stays away is said by the heartbeat once a minute, not at every beat.</summary>
[TestClass]
public sealed class NodeHeartbeatWarningTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Heartbeat_ShouldWarnOnce_WhenBeatAfterBeatFailsWithinAMinute()
    {
        // A "database" that takes each connection and closes it at once: every beat fails, and each beat is counted.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var beats = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref beats);
            }
        }, stop.Token);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var db = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Database=x;Username=x;Password=x;Pooling=false;Timeout=5");
        var logger = new CollectingLogger<NodeHeartbeat>();
        using var heartbeat = new NodeHeartbeat(db, new NodeIdentity(), Options.Create(new SchedulerOptions()),
            Options.Create(new DashboardOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(50) }), new Lifetime(), logger);

        await heartbeat.StartAsync(TestContext.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Volatile.Read(ref beats) < 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.CancellationToken);
        }
        var lines = logger.Lines;
        heartbeat.Dispose(); // stops the loop (StopAsync leaves it beating until the host has stopped)
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
        }

        Assert.IsGreaterThanOrEqualTo(5, Volatile.Read(ref beats), "five beats failed");
        var warnings = lines.Where(l => l.StartsWith("Node heartbeat not written: ", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, warnings, "every 50 ms for less than a minute: " + string.Join('\n', lines));
    }

    [TestMethod]
    public async Task Heartbeat_ShouldSayTheCountOfUploadsRefusedSinceTheLastLine_WhenNoneFollows()
    {
        // Uploads refused 507 a minute ago, and none since: the count of those after the first line was never said
        // (stop 47). Said at the next beat, written or not (here the database refuses every beat).
        var clock = new RefusedUploadLinesTests.SteppedClock(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        var refusals = new CollectingLogger<Agensium.Scheduler.Api.RefusedUploadLines>();
        var refused = new Agensium.Scheduler.Api.RefusedUploadLines(clock, refusals);
        for (int i = 0; i < 3; i++)
        {
            refused.Refused("PUT", $"/api/tasks/t-{i}/inputs/data.csv", "/work/node-1", "Read-only file system");
        }
        clock.Now += OutageLines.RepeatEvery;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(); // never accepted: every beat's connection attempt times out or is refused
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var db = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Database=x;Username=x;Password=x;Pooling=false;Timeout=1");
        using var heartbeat = new NodeHeartbeat(db, new NodeIdentity(), Options.Create(new SchedulerOptions()),
            Options.Create(new DashboardOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(50) }), new Lifetime(), new CollectingLogger<NodeHeartbeat>(), refused);

        await heartbeat.StartAsync(TestContext.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (refusals.Lines.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.CancellationToken);
        }
        heartbeat.Dispose();

        var lines = refusals.Lines;
        Assert.HasCount(2, lines, string.Join('\n', lines));
        StringAssert.Contains(lines[1], "2 more uploads refused 507 since the last line, the last at 10:00:00");
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        // Started, as a real host has signalled by the time a node beats (the heartbeat waits for it).
        public CancellationToken ApplicationStarted => new(canceled: true);
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
