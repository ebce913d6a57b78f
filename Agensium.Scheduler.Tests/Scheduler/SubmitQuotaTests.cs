using System.Net;
using System.Net.Sockets;
using Agensium.Scheduler.Api;
using Agensium.Scheduler.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>While Redis is unreachable the submit limit still holds, on each node's own bucket.</summary>
[TestClass]
public sealed class SubmitQuotaTests
{
    [TestMethod]
    public async Task TryTake_ShouldFallBackToThisNodesOwnBucket_WhenRedisIsUnreachable()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var redisOptions = new RedisOptions { Configuration = $"127.0.0.1:{port}" };
        using var redis = await ConnectionMultiplexer.ConnectAsync(MessagingServiceCollectionExtensions.ConnectionOptions(redisOptions));
        using var quota = new SubmitQuota(redis, Options.Create(redisOptions), Options.Create(new ApiOptions { SubmitPermitsPerMinute = 2 }),
            NullLogger<SubmitQuota>.Instance);

        Assert.IsNull(await quota.TryTakeAsync("k1"));
        Assert.IsNull(await quota.TryTakeAsync("k1"));
        var wait = await quota.TryTakeAsync("k1");
        Assert.IsNotNull(wait, "the third submission within the minute is refused");
        Assert.IsGreaterThan(TimeSpan.Zero, wait.Value);
        Assert.IsNull(await quota.TryTakeAsync("k2"), "another key has its own bucket");
    }
}
