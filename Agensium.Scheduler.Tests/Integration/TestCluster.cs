namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// Two real service nodes on one fresh database, started once on first use and shared by the integration
/// tests (starting processes is the slow part). Users 1 and 2 exist.
/// </summary>
public static class TestCluster
{
    public const string ApiKey = ServiceNode.ApiKey;
    public const int NodeAPort = 5151;
    public const int NodeBPort = 5152;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static ServiceNode? _a;
    private static ServiceNode? _b;

    public static ServiceNode NodeA => _a ?? throw new InvalidOperationException("cluster not started");
    public static ServiceNode NodeB => _b ?? throw new InvalidOperationException("cluster not started");

    public static async Task EnsureStartedAsync(CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            if (_a is { HasExited: false } && _b is { HasExited: false })
            {
                return;
            }
            await DisposeNodesAsync();
            await SqlClient.RecreateDatabaseAsync(StackSettings.TestDatabase, ct);
            // Both start at once: the schema is applied by one of them under the advisory lock.
            var a = ServiceNode.StartAsync(NodeAPort, ct: ct);
            var b = ServiceNode.StartAsync(NodeBPort, ct: ct);
            (_a, _b) = (await a, await b);
            await Db.ExecuteAsync("""
                INSERT INTO users (id, email, name) VALUES (1, 'dev@agensium.local', 'Test User 1'), (2, 'two@agensium.local', 'Test User 2')
                ON CONFLICT (id) DO NOTHING
                """, ct);
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task DisposeNodesAsync()
    {
        if (_a is not null) { await _a.DisposeAsync(); _a = null; }
        if (_b is not null) { await _b.DisposeAsync(); _b = null; }
    }
}
