using Agensium.Scheduler.Data;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agensium.Scheduler.Tests.Integration;

[TestClass]
[TestCategory("Integration")]
public sealed class SchemaMigrationTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Migrate_ShouldApplyEachScriptOnce_WhenSeveralNodesStartAtOnce()
    {
        var ct = TestContext.CancellationToken;
        const string database = "agensium_migration_test";
        await SqlClient.RecreateDatabaseAsync(database, ct);
        var cs = new NpgsqlConnectionStringBuilder(StackSettings.TestConnectionString) { Database = database }.ConnectionString;
        var options = Options.Create(new DatabaseOptions { ConnectionString = cs, MigrationsPath = "sql" });

        // Six "nodes", each with its own pool, start at the same moment.
        var sources = Enumerable.Range(0, 6).Select(_ => NpgsqlDataSource.Create(cs)).ToList();
        var applied = await Task.WhenAll(sources.Select(s => Task.Run(() =>
            new SchemaMigrator(s, options, NullLogger<SchemaMigrator>.Instance).MigrateAsync(ct), ct)));

        var scripts = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "sql"), "*.sql")
            .Count(f => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(f), @"^\d{3}_"));
        Assert.IsGreaterThanOrEqualTo(3, scripts);
        Assert.AreEqual(scripts, applied.Sum(), "every script is applied by exactly one node");
        await using var check = sources[0].CreateCommand("SELECT count(*) FROM schema_migrations");
        Assert.AreEqual((long)scripts, (long)(await check.ExecuteScalarAsync(ct))!);
        await using var tables = sources[0].CreateCommand("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('tasks', 'users', 'job_history', 'qrtz_triggers')");
        Assert.AreEqual(4L, (long)(await tables.ExecuteScalarAsync(ct))!);

        // A restart applies nothing.
        Assert.AreEqual(0, await new SchemaMigrator(sources[0], options, NullLogger<SchemaMigrator>.Instance).MigrateAsync(ct));
        foreach (var s in sources)
        {
            await s.DisposeAsync();
        }
    }
}
