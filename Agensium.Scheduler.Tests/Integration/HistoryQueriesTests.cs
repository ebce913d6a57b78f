using Npgsql;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// Runs every file of sql/queries/ on hand-made history. The rows live in a private schema inside a rolled-back
/// transaction (search_path puts it first), so the figures are exact whatever the running cluster has written.
/// </summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class HistoryQueriesTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    private static string QueryFile(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "sql", "queries")))
        {
            dir = dir.Parent;
        }
        return File.ReadAllText(Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("sql/queries"), "sql", "queries", name));
    }

    private static async Task<List<Dictionary<string, object?>>> RunAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }
        return rows;
    }

    private static async Task<(NpgsqlConnection, NpgsqlTransaction)> SeedAsync(CancellationToken ct)
    {
        var conn = new NpgsqlConnection(StackSettings.TestConnectionString);
        await conn.OpenAsync(ct);
        var tx = await conn.BeginTransactionAsync(ct);
        await RunAsync(conn, tx, """
            CREATE SCHEMA qtest;
            CREATE TABLE qtest.job_history (LIKE public.job_history INCLUDING ALL);
            CREATE TABLE qtest.tasks (LIKE public.tasks INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
            SET LOCAL search_path = qtest, public;
            -- today: profile 4 runs (3 ok, 1 failed; 100,200,300,400 ms), clean 2 runs (2 failed); yesterday: profile 1 ok.
            INSERT INTO job_history (fire_instance_id, job_name, job_group, task_id, user_id, tool_id, queue, node_instance_id,
                                     attempt, status, error_code, error_message, started_at, finished_at, duration_ms) VALUES
              ('f1', 'process-analysis', 'analysis', 't1', 1, 'profile-my-data', 'default', 'node-a', 1, 'COMPLETED', NULL, NULL, date_trunc('day', now()) + interval '1 h', date_trunc('day', now()) + interval '1 h', 100),
              ('f2', 'process-analysis', 'analysis', 't2', 1, 'profile-my-data', 'default', 'node-a', 1, 'COMPLETED', NULL, NULL, date_trunc('day', now()) + interval '2 h', date_trunc('day', now()) + interval '2 h', 200),
              ('f3', 'process-analysis', 'analysis', 't3', 1, 'profile-my-data', 'default', 'node-b', 1, 'COMPLETED', NULL, NULL, date_trunc('day', now()) + interval '3 h', date_trunc('day', now()) + interval '3 h', 300),
              ('f4', 'process-analysis', 'analysis', 't4', 1, 'profile-my-data', 'default', 'node-b', 1, 'FAILED', 'PROCESSING_ERROR', 'bad file', date_trunc('day', now()) + interval '4 h', date_trunc('day', now()) + interval '4 h', 400),
              ('f5', 'process-analysis', 'analysis', 't5', 2, 'clean-my-data', 'low_priority', 'node-b', 1, 'FAILED', 'TOOL_NOT_IMPLEMENTED', 'x', date_trunc('day', now()) + interval '5 h', date_trunc('day', now()) + interval '5 h', 10),
              ('f6', 'process-analysis', 'analysis', 't6', 2, 'clean-my-data', 'low_priority', 'node-b', 2, 'FAILED', 'INTERNAL_ERROR', 'y', date_trunc('day', now()) + interval '6 h', date_trunc('day', now()) + interval '6 h', 30),
              ('f7', 'process-analysis', 'analysis', 't7', 1, 'profile-my-data', 'default', 'node-c', 1, 'COMPLETED', NULL, NULL, date_trunc('day', now()) - interval '20 h', date_trunc('day', now()) - interval '20 h', 1000),
              ('f8', 'health-check', 'maintenance', NULL, NULL, NULL, NULL, 'node-a', 1, 'COMPLETED', NULL, NULL, now() - interval '1 minute', now() - interval '1 minute', 5);
            INSERT INTO tasks (task_id, user_id, tool_id, status, updated_at) VALUES
              ('s1', 1, 'profile-my-data', 'QUEUED', now() - interval '3 hours'),
              ('s2', 1, 'profile-my-data', 'PROCESSING', now() - interval '2 hours'),
              ('s3', 1, 'profile-my-data', 'PROCESSING', now() - interval '10 minutes'),
              ('s4', 1, 'profile-my-data', 'COMPLETED', now() - interval '5 hours'),
              ('t4', 1, 'profile-my-data', 'COMPLETED', now() - interval '1 hour');
            """, ct);
        return (conn, tx);
    }

    [TestMethod]
    public async Task Queries_ShouldReturnTheRightFigures_WhenRunOnSeededHistory()
    {
        var ct = TestContext.CancellationToken;
        var (conn, tx) = await SeedAsync(ct);
        await using var _ = conn;
        await using var __ = tx;

        var perDay = await RunAsync(conn, tx, QueryFile("runs_and_failure_rate_per_tool_per_day.sql"), ct);
        Assert.HasCount(3, perDay);
        var todayProfile = perDay.Single(r => (string)r["tool_id"]! == "profile-my-data" && (DateOnly)r["day"]! == DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.AreEqual(4L, todayProfile["runs"]);
        Assert.AreEqual(3L, todayProfile["completed"]);
        Assert.AreEqual(1L, todayProfile["failed"]);
        Assert.AreEqual(25.00m, todayProfile["failure_rate_pct"]);
        var todayClean = perDay.Single(r => (string)r["tool_id"]! == "clean-my-data");
        Assert.AreEqual(100.00m, todayClean["failure_rate_pct"]);

        var durations = await RunAsync(conn, tx, QueryFile("duration_percentiles_per_tool.sql"), ct);
        var profile = durations.Single(r => (string)r["tool_id"]! == "profile-my-data");
        Assert.AreEqual(4L, profile["completed_runs"]);
        Assert.AreEqual(1L, profile["failed_runs"]);
        Assert.AreEqual(250.0, (double)profile["p50_ms"]!, 1e-9);   // completed: 100,200,300,1000 (the failed 400 is not a duration of the tool)
        Assert.AreEqual(895.0, (double)profile["p95_ms"]!, 1e-9);   // 300 + 0.85·700
        var clean = durations.Single(r => (string)r["tool_id"]! == "clean-my-data");
        Assert.AreEqual(0L, clean["completed_runs"]);
        Assert.AreEqual(2L, clean["failed_runs"]);
        Assert.IsNull(clean["p50_ms"]);

        // node-c ran only yesterday; whether it falls inside the 1-day window depends on the hour, so it is left out.
        var perNode = (await RunAsync(conn, tx, QueryFile("runs_per_node.sql"), ct)).Where(r => (string)r["node_instance_id"]! != "node-c").ToList();
        Assert.HasCount(2, perNode);
        Assert.AreEqual("node-b", perNode[0]["node_instance_id"]);
        Assert.AreEqual(4L, perNode[0]["runs"]);
        Assert.AreEqual(3L, perNode[0]["failed"]);
        Assert.AreEqual(perNode[0]["runs"], new[] { "completed", "failed", "lost", "running", "cancelled", "skipped" }.Sum(c => (long)perNode[0][c]!));
        Assert.AreEqual("node-a", perNode[1]["node_instance_id"]);
        Assert.AreEqual(3L, perNode[1]["runs"]);   // f1, f2, f8

        var failures = await RunAsync(conn, tx, QueryFile("last_failures.sql"), ct);
        CollectionAssert.AreEqual(new[] { "t6", "t5", "t4" }, failures.Select(r => (string)r["task_id"]!).ToArray());
        CollectionAssert.AreEqual(new[] { "INTERNAL_ERROR", "TOOL_NOT_IMPLEMENTED", "PROCESSING_ERROR" }, failures.Select(r => (string)r["error_code"]!).ToArray());
        Assert.AreEqual("COMPLETED", failures[2]["task_status_now"], "t4 failed, then a retry completed it");

        var stuck = await RunAsync(conn, tx, QueryFile("stuck_tasks.sql"), ct);
        CollectionAssert.AreEqual(new[] { "s1", "s2" }, stuck.Select(r => (string)r["task_id"]!).ToArray());

        await tx.RollbackAsync(ct);
    }

    [TestMethod]
    public async Task PendingS3Removals_ShouldListFailingRemovalsFirst_AndLeaveUploadsInFlightOut()
    {
        var ct = TestContext.CancellationToken;
        var (conn, tx) = await SeedAsync(ct);
        await using var _ = conn;
        await using var __ = tx;
        await RunAsync(conn, tx, """
            CREATE TABLE qtest.s3_removals (LIKE public.s3_removals INCLUDING DEFAULTS);
            INSERT INTO s3_removals (id, object_key, is_prefix, task_id, reason, awaiting_commit, due_at, attempts, last_error) VALUES
              (1, 'users/1/tasks/a/', true, 'a', 'expired-task', false, now() + interval '10 minutes', 0, NULL),
              (2, 'users/1/tasks/b/', true, 'b', 'deleted-task', false, now() + interval '1 hour', 7, 'Access Denied'),
              (3, 'users/1/tasks/c/inputs/r/x.csv', false, 'c', 'upload', true, now() + interval '15 minutes', 0, NULL),
              (4, 'users/1/tasks/c/inputs/s/x.csv', false, 'c', 'upload', false, now() - interval '1 minute', 1, 'timeout');
            """, ct);

        var pending = await RunAsync(conn, tx, QueryFile("pending_s3_removals.sql"), ct);
        CollectionAssert.AreEqual(new[] { "users/1/tasks/b/", "users/1/tasks/c/inputs/s/x.csv", "users/1/tasks/a/" },
            pending.Select(r => (string)r["object_key"]!).ToArray(), "most attempts first, then by due time; the upload in flight left out");
        Assert.AreEqual("Access Denied", pending[0]["last_error"]);

        await tx.RollbackAsync(ct);
    }
}
