using System.Net;
using System.Net.Sockets;
using Npgsql;
using StackExchange.Redis;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>The exceptions PostgreSQL and Redis clients throw when nothing listens: an outage, as a node meets it.</summary>
internal static class RefusedConnections
{
    /// <summary>A loopback port nothing listens on (taken from the OS, then let go).</summary>
    public static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public static async Task<NpgsqlException> PostgreSqlAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={ClosedPort()};Database=x;Username=x;Password=x;Timeout=5;Pooling=false");
        return await Assert.ThrowsAsync<NpgsqlException>(() => connection.OpenAsync(ct));
    }

    public static async Task<RedisConnectionException> RedisAsync()
    {
        // The node's own connection options (no backlog: a call fails at once while there is no connection).
        using var redis = await ConnectionMultiplexer.ConnectAsync(Messaging.MessagingServiceCollectionExtensions.ConnectionOptions(
            new Messaging.RedisOptions { Configuration = $"127.0.0.1:{ClosedPort()}" }));
        return Assert.ThrowsExactly<RedisConnectionException>(() => redis.GetDatabase().Ping());
    }
}
