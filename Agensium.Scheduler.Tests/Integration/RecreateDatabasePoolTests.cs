using Npgsql;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// SqlClient.RecreateDatabaseAsync drops the pooled connections of the database it recreates only: it cleared every pool
/// of the process (NpgsqlConnection.ClearAllPools), the idle connections of the classes running beside it too.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class RecreateDatabasePoolTests
{
    private const string Kept = "agensium_test_pool_kept";
    private const string Recreated = "agensium_test_pool_recreated";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task RecreateDatabase_ShouldDropThePooledConnectionsOfThatDatabaseOnly()
    {
        var ct = TestContext.CancellationToken;
        await SqlClient.RecreateDatabaseAsync(Kept, ct);
        await SqlClient.RecreateDatabaseAsync(Recreated, ct);
        var keptBefore = await BackendOfAPooledConnectionAsync(Kept, ct);
        var recreatedBefore = await BackendOfAPooledConnectionAsync(Recreated, ct);

        await SqlClient.RecreateDatabaseAsync(Recreated, ct);

        Assert.AreEqual(keptBefore, await BackendOfAPooledConnectionAsync(Kept, ct), "another database's idle pooled connection is handed out again");
        // The recreated database's old connection was ended by the drop: a new one is opened, and it answers.
        Assert.AreNotEqual(recreatedBefore, await BackendOfAPooledConnectionAsync(Recreated, ct), "the dropped database's connection is not handed out");
        await SqlClient.DropDatabaseAsync(Kept, ct);
        await SqlClient.DropDatabaseAsync(Recreated, ct);
    }

    // Opens a pooled connection (the one idle in the pool if any), asks its server process id, and gives it back.
    private static async Task<int> BackendOfAPooledConnectionAsync(string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(StackSettings.ConnectionTo(database));
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
