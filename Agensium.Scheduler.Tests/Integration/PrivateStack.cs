using System.Net;
using System.Net.Sockets;
using Agensium.Chaos;
using Npgsql;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// A PostgreSQL, Redis and S3 server of one test class's own: scripts/stack.sh in a folder of its own (.local/stacks/NAME)
/// on spare ports. A class that stops, freezes or restarts a server does it to this one (through <see cref="Control"/>),
/// so it can run beside the other classes, whose nodes keep the stack's servers (Parallelization.cs).
/// </summary>
public sealed class PrivateStack : IAsyncDisposable
{
    private PrivateStack(string localDir, int pgPort, int redisPort, int s3Port) =>
        (LocalDir, PgPort, RedisPort, S3Port) = (localDir, pgPort, redisPort, s3Port);

    public string LocalDir { get; }
    public int PgPort { get; }
    public int RedisPort { get; }
    public int S3Port { get; }

    /// <summary>The options that point the chaos tools (<see cref="StackControl"/>, <see cref="ChaosRunner"/>) at this stack.</summary>
    public ChaosOptions Options => new() { StackDir = LocalDir, PgPort = PgPort, RedisPort = RedisPort, S3Port = S3Port };

    public StackControl Control => new(Options, _ => { });

    public string AdminConnectionString => ConnectionTo("postgres");

    public string ConnectionTo(string database) => new NpgsqlConnectionStringBuilder(StackSettings.ConnectionTo(database)) { Port = PgPort }.ConnectionString;

    /// <summary>What a node needs to use this stack's Redis and S3 (its database's connection string is the cluster's).</summary>
    public Dictionary<string, string> NodeSettings => new()
    {
        ["Redis__Configuration"] = $"127.0.0.1:{RedisPort}",
        ["S3__ServiceUrl"] = $"http://127.0.0.1:{S3Port}",
        ["S3__Bucket"] = StackSettings.Bucket,
    };

    public static async Task<PrivateStack> StartAsync(string name, CancellationToken ct)
    {
        var root = ChaosOptions.FindRepoRoot();
        var dir = Path.Combine(root, ".local", "stacks", name);
        if (Directory.Exists(dir))
        {
            // A stack an earlier run left (a run that was stopped): down, then a fresh one. Its Redis is shut down on the
            // port of its own config, never on this process's AGENSIUM_REDIS_PORT (the shared stack's).
            var conf = Path.Combine(dir, "redis", "redis.conf");
            var redisPort = File.Exists(conf)
                ? File.ReadLines(conf).Select(l => l.Split(' ')).Where(w => w is ["port", _]).Select(w => w[1]).FirstOrDefault() ?? "0"
                : "0";
            await StackAsync(root, "down", new() { ["AGENSIUM_LOCAL_DIR"] = dir, ["AGENSIUM_REDIS_PORT"] = redisPort, ["AGENSIUM_PG_PORT"] = "0", ["AGENSIUM_S3_PORT"] = "0" }, ct);
            Directory.Delete(dir, recursive: true);
        }
        var ports = SparePorts(3);
        var stack = new PrivateStack(dir, ports[0], ports[1], ports[2]);
        var (code, output) = await StackAsync(root, "up", StackControl.StackEnvironment(stack.Options), ct);
        if (code != 0)
        {
            await StackAsync(root, "down", StackControl.StackEnvironment(stack.Options), ct);
            throw new InvalidOperationException($"scripts/stack.sh up of the private stack {name} failed ({code}):\n{output}");
        }
        return stack;
    }

    /// <summary>Drops the pooled connections of this test process to this stack's PostgreSQL (after it restarted or hung).</summary>
    public void ClearPools(params SqlClient[] clients)
    {
        foreach (var client in clients)
        {
            client.ClearPool();
        }
        NpgsqlConnection.ClearPool(new NpgsqlConnection(AdminConnectionString));
    }

    public async ValueTask DisposeAsync()
    {
        var (code, output) = await StackAsync(ChaosOptions.FindRepoRoot(), "down", StackControl.StackEnvironment(Options), CancellationToken.None);
        if (code != 0)
        {
            throw new InvalidOperationException($"scripts/stack.sh down of the private stack in {LocalDir} failed ({code}):\n{output}");
        }
    }

    private static Task<(int Code, string Output)> StackAsync(string root, string command, Dictionary<string, string> environment, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return StackControl.StackScriptAsync(root, command, environment);
    }

    // Ports free now, all held at once so that they differ; stack.sh refuses one taken meanwhile.
    private static int[] SparePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
