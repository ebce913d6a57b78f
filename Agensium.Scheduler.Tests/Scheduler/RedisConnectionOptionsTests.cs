using System.Net;
using System.Net.Sockets;
using Agensium.Scheduler.Messaging;
using StackExchange.Redis;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>With Redis down a node neither refuses to start nor holds each command in the client's backlog.</summary>
[TestClass]
public sealed class RedisConnectionOptionsTests
{
    [TestMethod]
    public async Task Publish_ShouldFailAtOnce_NotWaitInTheBacklog_WhenRedisIsUnreachable()
    {
        // A port nothing listens on: the listener is closed again before the client connects.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = MessagingServiceCollectionExtensions.ConnectionOptions(new RedisOptions { Configuration = $"127.0.0.1:{port}" });

        Assert.IsFalse(options.AbortOnConnectFail, "a node starts while Redis is down");
        Assert.AreEqual(BacklogPolicy.FailFast, options.BacklogPolicy);
        using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var ex = await Assert.ThrowsExactlyAsync<RedisConnectionException>(() => redis.GetSubscriber().PublishAsync(RedisChannel.Literal("agensium:test"), "x"));
        Assert.DoesNotContain("backlog", ex.Message, "failed fast, not after the backlog's timeout");
    }
}
