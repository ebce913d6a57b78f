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
        try
        {
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
        }
        finally
        {
            foreach (var s in sources)
            {
                await s.DisposeAsync();
            }
            await SqlClient.DropDatabaseAsync(database, CancellationToken.None);
        }
    }

    /// <summary>
    /// sql/017 on a database migrated before it, holding rows: the single-column task indexes are gone, Quartz's
    /// calendar index covers only triggers that have a calendar, and the rows are untouched.
    /// </summary>
    [TestMethod]
    public async Task Migrate_ShouldDropTheRedundantIndexes_WhenADatabaseOfTheEarlierSchemaUpgrades()
    {
        var ct = TestContext.CancellationToken;
        const string database = "agensium_migration_upgrade_test";
        await SqlClient.RecreateDatabaseAsync(database, ct);
        var cs = new NpgsqlConnectionStringBuilder(StackSettings.TestConnectionString) { Database = database }.ConnectionString;
        await using var source = NpgsqlDataSource.Create(cs);
        var earlier = Path.Combine(TestContext.TestRunDirectory ?? Path.GetTempPath(), "sql-before-017-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The schema as it was before 017: every earlier script, applied as a node of that version did.
            Directory.CreateDirectory(earlier);
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "sql"), "*.sql")
                         .Where(f => string.CompareOrdinal(Path.GetFileName(f), "017") < 0))
            {
                File.Copy(file, Path.Combine(earlier, Path.GetFileName(file)));
            }
            await new SchemaMigrator(source, Options.Create(new DatabaseOptions { ConnectionString = cs, MigrationsPath = earlier }),
                NullLogger<SchemaMigrator>.Instance).MigrateAsync(ct);
            await using (var rows = source.CreateCommand("""
                INSERT INTO users (id, email) VALUES (1, 'a@example.com');
                INSERT INTO tasks (task_id, user_id, tool_id, status) VALUES ('t1', 1, 'profile-my-data', 'QUEUED');
                """))
            {
                await rows.ExecuteNonQueryAsync(ct);
            }
            CollectionAssert.IsSubsetOf(new[] { "ix_tasks_status", "ix_tasks_user_id" }, await IndexesAsync(source, "tasks", ct));
            StringAssert.DoesNotMatch(await IndexDefinitionAsync(source, "idx_qrtz_t_c", ct), new System.Text.RegularExpressions.Regex("WHERE"));

            var applied = await new SchemaMigrator(source, Options.Create(new DatabaseOptions { ConnectionString = cs, MigrationsPath = "sql" }),
                NullLogger<SchemaMigrator>.Instance).MigrateAsync(ct);

            Assert.IsGreaterThanOrEqualTo(1, applied);
            var indexes = await IndexesAsync(source, "tasks", ct);
            CollectionAssert.DoesNotContain(indexes, "ix_tasks_status");
            CollectionAssert.DoesNotContain(indexes, "ix_tasks_user_id");
            CollectionAssert.IsSubsetOf(new[] { "ix_tasks_status_updated_at", "ix_tasks_user_id_status", "ix_tasks_created_at", "ix_tasks_tool_id" }, indexes);
            StringAssert.EndsWith(await IndexDefinitionAsync(source, "idx_qrtz_t_c", ct), "WHERE (calendar_name IS NOT NULL)");
            await using (var count = source.CreateCommand("SELECT count(*) FROM tasks WHERE status = 'QUEUED'"))
            {
                Assert.AreEqual(1L, (long)(await count.ExecuteScalarAsync(ct))!);
            }
        }
        finally
        {
            // Also when the test fails: no scratch database or copied scripts left behind.
            await source.DisposeAsync();
            await SqlClient.DropDatabaseAsync(database, CancellationToken.None);
            if (Directory.Exists(earlier))
            {
                Directory.Delete(earlier, recursive: true);
            }
        }
    }

    /// <summary>
    /// A script applied beside a running node whose transaction holds a table the script alters: the script waits at
    /// most Database:MigrationLockTimeout, is rolled back, and the start fails with a message that says so (s42: it
    /// waited for as long as the other transaction lasted, every later statement on the table queued behind it, and
    /// the node's start hung). Once the other transaction ends, the next start applies it.
    /// </summary>
    [TestMethod]
    public async Task Migrate_ShouldFailClearlyWithinTheLockTimeout_WhenAnotherTransactionHoldsTheTableItAlters()
    {
        var ct = TestContext.CancellationToken;
        const string database = "agensium_migration_lock_test";
        var cs = await SqlClient.RecreateMigratedDatabaseAsync(database, ct, commandTimeout: 60);
        var probe = Path.Combine(TestContext.TestRunDirectory ?? Path.GetTempPath(), "sql-lock-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(probe);
        await using var source = NpgsqlDataSource.Create(cs);
        await using var blocker = await source.OpenConnectionAsync(ct);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(probe, "999_lock_probe.sql"), "ALTER TABLE tasks ADD COLUMN lock_probe int;", ct);
            var options = Options.Create(new DatabaseOptions { ConnectionString = cs, MigrationsPath = probe, MigrationLockTimeout = TimeSpan.FromSeconds(1) });
            await using (var hold = new NpgsqlCommand("BEGIN; SELECT count(*) FROM tasks;", blocker))
            {
                await hold.ExecuteNonQueryAsync(ct); // an open transaction that read tasks: ACCESS SHARE until it ends
            }

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var e = await Assert.ThrowsExactlyAsync<MigrationLockTimeoutException>(() =>
                new SchemaMigrator(source, options, NullLogger<SchemaMigrator>.Instance).MigrateAsync(ct));

            Assert.IsLessThan(TimeSpan.FromSeconds(20), watch.Elapsed, "failed within the timeout, not after the command timeout");
            StringAssert.StartsWith(e.Message, "migration 999_lock_probe.sql waited more than 1 s for a lock");
            Assert.AreEqual(e.Message, Agensium.Scheduler.Hosting.StartupFailure.UnreachableDependency(new AggregateException(e)), "one line, exit 1: restarted");
            Assert.IsFalse(Agensium.Scheduler.Hosting.StartupFailure.IsConfiguration(e), "not a settings error (78, not restarted)");

            // Rolled back; the start after the blocker's transaction ends applies it.
            await using (var end = new NpgsqlCommand("ROLLBACK", blocker))
            {
                await end.ExecuteNonQueryAsync(ct);
            }
            Assert.AreEqual(1, await new SchemaMigrator(source, options, NullLogger<SchemaMigrator>.Instance).MigrateAsync(ct));
            await using var column = source.CreateCommand("SELECT count(*) FROM information_schema.columns WHERE table_name = 'tasks' AND column_name = 'lock_probe'");
            Assert.AreEqual(1L, (long)(await column.ExecuteScalarAsync(ct))!);
        }
        finally
        {
            await blocker.DisposeAsync();
            await source.DisposeAsync();
            await SqlClient.DropDatabaseAsync(database, CancellationToken.None);
            Directory.Delete(probe, recursive: true);
        }
    }

    private static async Task<List<string>> IndexesAsync(NpgsqlDataSource source, string table, CancellationToken ct)
    {
        await using var cmd = source.CreateCommand("SELECT indexname FROM pg_indexes WHERE tablename = @t ORDER BY 1");
        cmd.Parameters.AddWithValue("t", table);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var names = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    private static async Task<string> IndexDefinitionAsync(NpgsqlDataSource source, string index, CancellationToken ct)
    {
        await using var cmd = source.CreateCommand("SELECT indexdef FROM pg_indexes WHERE indexname = @i");
        cmd.Parameters.AddWithValue("i", index);
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
