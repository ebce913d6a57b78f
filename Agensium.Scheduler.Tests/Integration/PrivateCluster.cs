namespace Agensium.Scheduler.Tests.Integration;

/// <summary>Nodes on a database of their own, for tests that kill, stop or restart nodes.</summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string> _settings;

    public string Database { get; }
    public SqlClient Db { get; }
    public List<ServiceNode> Nodes { get; } = [];

    private PrivateCluster(string database, Dictionary<string, string> settings, PrivateStack? stack)
    {
        Database = database;
        Db = new SqlClient(stack?.ConnectionTo(database) ?? StackSettings.ConnectionTo(database));
        // Channels and keys of their own too: classes run side by side (Parallelization.cs), and a user's channel or a
        // submit quota named alike on two clusters would carry one's events and counts into the other.
        _settings = new Dictionary<string, string>(stack?.NodeSettings ?? []) { ["Redis__Prefix"] = database };
        foreach (var (k, v) in settings)
        {
            _settings[k] = v;
        }
        _settings["ConnectionStrings__Postgres"] = Db.ConnectionString;
    }

    /// <summary>
    /// Recreates <paramref name="database"/> and starts a node on each port; on the stack's servers, or on those of
    /// <paramref name="stack"/> for a class that stops or freezes them.
    /// </summary>
    public static async Task<PrivateCluster> StartAsync(string database, int[] ports, Dictionary<string, string>? settings, CancellationToken ct, PrivateStack? stack = null)
    {
        await SqlClient.RecreateDatabaseAsync(database, ct, stack?.AdminConnectionString);
        var cluster = new PrivateCluster(database, settings ?? [], stack);
        foreach (var node in await Task.WhenAll(ports.Select(p => ServiceNode.StartAsync(p, cluster._settings, ct))))
        {
            cluster.Nodes.Add(node);
        }
        if (ports.Length > 0)
        {
            await cluster.SeedUserAsync(ct);
        }
        return cluster;
    }

    public Task SeedUserAsync(CancellationToken ct) =>
        Db.ExecuteAsync("INSERT INTO users (id, email) VALUES (1, 'dev@agensium.local') ON CONFLICT DO NOTHING", ct);


    /// <summary>The settings of this cluster's nodes (its database, Redis prefix, servers), with <paramref name="extra"/>.</summary>
    public Dictionary<string, string> NodeSettings(Dictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>(_settings);
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }
        return settings;
    }

    public async Task<ServiceNode> StartNodeAsync(int port, CancellationToken ct, Dictionary<string, string>? extra = null)
    {
        var node = await ServiceNode.StartAsync(port, NodeSettings(extra), ct);
        Nodes.Add(node);
        return node;
    }

    /// <summary>The Quartz instance id a node registered under (its scheduler_state row), found by its port's log.</summary>
    public async Task<string> InstanceIdOfAsync(ServiceNode node, CancellationToken ct)
    {
        using var api = new ApiClient(node);
        var answer = System.Text.Json.Nodes.JsonNode.Parse(await api.Http.GetStringAsync("/api/node", ct))!;
        return answer["node"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
    }
}
