using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Agensium.Scheduler.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// A task that ended while Redis was unreachable kept "PROCESSING, 20" in its last-state key for 24 h (outside API
/// probe): the events a node could not publish are published again once Redis answers, never over a newer one.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class UnpublishedTaskEventsTests
{
    public TestContext TestContext { get; set; } = null!;

    private static RedisOptions Options(string configuration) => new() { Configuration = configuration, Prefix = "agensium-test-" + Guid.NewGuid().ToString("N")[..8] };

    private static TaskEvent Event(string taskId, string status, int progress, DateTime at) => new(taskId, 1, status, progress, null, null, at);

    [TestMethod]
    public async Task AnEventThatCouldNotBePublished_ShouldBePublishedOnceRedisAnswers_UnlessTheKeyHoldsANewerOne()
    {
        var ct = TestContext.CancellationToken;
        var options = Options(StackSettings.RedisConfiguration);
        using var redis = await ConnectionMultiplexer.ConnectAsync(MessagingServiceCollectionExtensions.ConnectionOptions(options));
        var channels = new RedisChannels(options.Prefix);
        var db = redis.GetDatabase();
        var now = DateTime.UtcNow;

        // Redis unreachable: the publisher keeps what it could not send.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int deadPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var deadOptions = Options($"127.0.0.1:{deadPort}");
        using var dead = await ConnectionMultiplexer.ConnectAsync(MessagingServiceCollectionExtensions.ConnectionOptions(deadOptions));
        var keptByDeadNode = new UnpublishedTaskEvents(dead, Microsoft.Extensions.Options.Options.Create(deadOptions), NullLogger<UnpublishedTaskEvents>.Instance);
        var collection = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.MetricsServiceExtensions.AddMetrics(collection);
        using var services = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(collection);
        await using var pg = Npgsql.NpgsqlDataSource.Create(StackSettings.TestConnectionString);
        using var metrics = new Agensium.Scheduler.Metrics.SchedulerMetrics(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(services),
            new Agensium.Scheduler.Metrics.QueueDepthProbe(pg, Microsoft.Extensions.Options.Options.Create(new Agensium.Scheduler.Jobs.SchedulerOptions()), TimeProvider.System));
        var publisher = new RedisTaskEventPublisher(dead, Microsoft.Extensions.Options.Options.Create(deadOptions),
            metrics, TimeProvider.System, keptByDeadNode, NullLogger<RedisTaskEventPublisher>.Instance);
        await publisher.PublishAsync(Event("t-dead", "PROCESSING", 20, now), ct);
        await publisher.PublishAsync(Event("t-dead", "COMPLETED", 100, now.AddSeconds(1)), ct);
        Assert.AreEqual(1, keptByDeadNode.Count, "the newest event of the task is kept");
        Assert.IsFalse(await keptByDeadNode.TryPublishAllAsync(ct), "still unreachable");
        Assert.AreEqual(1, keptByDeadNode.Count);

        // Redis answers: the stale key is replaced by the kept COMPLETED; a key holding a newer event is left alone.
        var events = new UnpublishedTaskEvents(redis, Microsoft.Extensions.Options.Options.Create(options), NullLogger<UnpublishedTaskEvents>.Instance);
        await db.StringSetAsync(channels.LastState("t1"), JsonSerializer.Serialize(Event("t1", "PROCESSING", 20, now)));
        await db.StringSetAsync(channels.LastState("t2"), JsonSerializer.Serialize(Event("t2", "QUEUED", 15, now.AddMinutes(1))));
        events.Keep(Event("t1", "PROCESSING", 50, now.AddSeconds(1)));
        events.Keep(Event("t1", "COMPLETED", 100, now.AddSeconds(2)));
        events.Keep(Event("t1", "PROCESSING", 60, now.AddSeconds(1.5)));
        events.Keep(Event("t2", "FAILED", 40, now));
        events.Keep(Event("t3", "CANCELLED", 30, now));
        var subscriber = redis.GetSubscriber();
        var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await subscriber.SubscribeAsync(RedisChannel.Literal(channels.Task("t1")), (_, message) => heard.Enqueue(message.ToString()));

        Assert.IsTrue(await events.TryPublishAllAsync(ct));

        Assert.AreEqual(0, events.Count);
        Assert.AreEqual("COMPLETED", JsonSerializer.Deserialize<TaskEvent>((string)(await db.StringGetAsync(channels.LastState("t1")))!)!.Status);
        Assert.AreEqual("QUEUED", JsonSerializer.Deserialize<TaskEvent>((string)(await db.StringGetAsync(channels.LastState("t2")))!)!.Status,
            "an older kept event never replaces a newer one");
        Assert.AreEqual("CANCELLED", JsonSerializer.Deserialize<TaskEvent>((string)(await db.StringGetAsync(channels.LastState("t3")))!)!.Status);
        Assert.IsGreaterThan(TimeSpan.Zero, (await db.KeyTimeToLiveAsync(channels.LastState("t3")))!.Value);
        await Poll.UntilAsync(() => Task.FromResult(heard.Any(m => m.Contains("\"COMPLETED\"", StringComparison.Ordinal)) ? "heard" : null), TimeSpan.FromSeconds(10), ct);
        await db.KeyDeleteAsync([channels.LastState("t1"), channels.LastState("t2"), channels.LastState("t3")]);
    }
}
