using Npgsql;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// The queries that filter tasks by status or by user, against one million task rows (a scratch database of its own):
/// none reads the whole table. sql/017 dropped the single-column (status) and (user_id) indexes because every status
/// change wrote an entry into each of them; their queries are served by (status, updated_at) and (user_id, status),
/// whose leading column is the same. The SQL is each query's as the service sends it (EF Core's for the LINQ ones, in
/// the form it generates). Plans and times are printed for docs/benchmarks.md, not asserted beyond "no sequential scan".
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class TasksAtScaleTests
{
    private const string Database = "agensium_test_tasks_1m";
    private const int Rows = 1_000_000;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task TaskQueries_ShouldNotScanTheTable_WithAMillionTasksAndNoSingleColumnStatusOrUserIndex()
    {
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync(Database, ct, commandTimeout: 600);
        try
        {
            await using var source = NpgsqlDataSource.Create(cs);

            await ExecuteAsync(source, "INSERT INTO users (id, email) SELECT g, 'u' || g || '@example.com' FROM generate_series(1, 5000) g", ct);
            // Mostly finished tasks, a few in flight, as a service that has run for a while holds them.
            await ExecuteAsync(source, $"""
                INSERT INTO tasks (task_id, user_id, tool_id, status, queue, created_at, updated_at, processing_started_at, expired_at, s3_cleaned)
                SELECT md5(g::text), 1 + g % 5000, (ARRAY['profile-my-data', 'clean-my-data', 'master-my-data'])[1 + g % 3],
                       CASE WHEN g % 200 = 0 THEN 'QUEUED' WHEN g % 1000 = 1 THEN 'PROCESSING' WHEN g % 50 = 2 THEN 'FAILED'
                            WHEN g % 100 = 3 THEN 'EXPIRED' WHEN g % 500 = 4 THEN 'CREATED' ELSE 'COMPLETED' END,
                       'default',
                       now() - ({Rows} - g) * interval '2.5 seconds',
                       now() - ({Rows} - g) * interval '2.5 seconds' + interval '3 seconds',
                       now() - ({Rows} - g) * interval '2.5 seconds' + interval '1 second',
                       CASE WHEN g % 100 = 3 THEN now() - ({Rows} - g) * interval '2.5 seconds' + interval '1 day' END,
                       g % 100 = 3 AND g % 300 <> 3
                  FROM generate_series(1, {Rows}) g
                """, ct);
            await ExecuteAsync(source, "ANALYZE tasks", ct);

            var indexes = await ListAsync(source, "SELECT indexname FROM pg_indexes WHERE tablename = 'tasks' ORDER BY 1", ct);
            TestContext.WriteLine("indexes: " + string.Join(", ", indexes));
            CollectionAssert.DoesNotContain(indexes, "ix_tasks_status");
            CollectionAssert.DoesNotContain(indexes, "ix_tasks_user_id");

            var cases = new (string Name, string Sql, (string, object?)[] Args)[]
            {
                // TaskStore.ListAsync (GET /api/tasks) with a status, a user, both.
                ("list, status QUEUED", ListSql("t.status = @status"), [("status", "QUEUED")]),
                ("list, status COMPLETED", ListSql("t.status = @status"), [("status", "COMPLETED")]),
                ("list, user", ListSql("t.user_id = @user"), [("user", 4242L)]),
                ("list, user + status", ListSql("t.status = @status AND t.user_id = @user"), [("status", "FAILED"), ("user", 4242L)]),
                // DashboardQueries: QueuedCountAsync, QueuedAsync (without its trigger join), RunningAsync (without its history join).
                ("queued count", "SELECT count(*) FROM tasks WHERE status = 'QUEUED'", []),
                ("queued page", "SELECT t.task_id FROM tasks t WHERE t.status = 'QUEUED' ORDER BY t.updated_at, t.task_id LIMIT 50 OFFSET 0", []),
                ("running", "SELECT t.task_id FROM tasks t WHERE t.status = 'PROCESSING' ORDER BY t.processing_started_at LIMIT 50", []),
                // sql/queries/stuck_tasks.sql.
                ("stuck tasks", await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "sql", "queries", "stuck_tasks.sql"), ct), []),
                // TaskStore.FindCreatedBeforeAsync (the expiry sweep) and FindProcessingSinceBeforeAsync.
                ("expiry sweep", """
                    SELECT t.task_id FROM tasks AS t
                     WHERE t.status = ANY (@statuses) AND t.created_at < now() - interval '30 days' ORDER BY t.created_at LIMIT 100
                    """, [("statuses", new[] { "CREATED", "UPLOADING", "UPLOAD_FAILED", "COMPLETED", "FAILED", "CANCELLED" })]),
                ("processing since", """
                    SELECT t.task_id FROM tasks AS t
                     WHERE t.status = 'PROCESSING' AND t.processing_started_at < now() - interval '1 hour' ORDER BY t.processing_started_at LIMIT 100
                    """, []),
                // QueuedTaskRepair's slice.
                ("queued repair slice", """
                    SELECT t.task_id FROM tasks t
                     WHERE t.status = 'QUEUED' AND t.updated_at < now() - interval '2 minutes' AND t.updated_at > '-infinity'
                     ORDER BY t.updated_at LIMIT 500
                    """, []),
            };
            foreach (var (name, sql, args) in cases)
            {
                var plan = await QueryPlan.ExplainAsync(source, sql, args, ct);
                TestContext.WriteLine($"{name,-22} {plan.ExecutionMs,8:F2} ms  {plan.Summary}");
                Assert.IsFalse(plan.NodeTypes.Contains("Seq Scan"), $"{name}: {plan.Summary}");
            }
        }
        finally
        {
            // Also when the test fails or times out: a million-row database left behind fills the stack's disk run after run.
            await SqlClient.DropDatabaseAsync(Database, CancellationToken.None);
        }
    }

    // EF Core's SQL for ListAsync: the filters, newest first, a page.
    private static string ListSql(string where) => $"""
        SELECT t.task_id, t.status, t.created_at FROM tasks AS t
         WHERE {where} ORDER BY t.created_at DESC, t.task_id DESC LIMIT 50 OFFSET 0
        """;

    private static async Task ExecuteAsync(NpgsqlDataSource source, string sql, CancellationToken ct)
    {
        await using var cmd = source.CreateCommand(sql);
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<string>> ListAsync(NpgsqlDataSource source, string sql, CancellationToken ct)
    {
        await using var cmd = source.CreateCommand(sql);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
