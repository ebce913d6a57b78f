using System.Diagnostics;
using Agensium.Scheduler.Dashboard;
using Agensium.Scheduler.Tests.Integration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agensium.Scheduler.Tests.Dashboard;

/// <summary>
/// The dashboard's history page against one million job_history rows (a scratch database of its own): every filter,
/// first page and a deep keyset page, is served by an index range scan that stops at the page size, never a scan or
/// sort of the table. Times are printed for docs/benchmarks.md, not asserted.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class HistoryAtScaleTests
{
    private const string Database = "agensium_test_history_1m";
    private const int Rows = 1_000_000;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task HistoryPage_ShouldUseAnIndexRangeForEveryFilter_WithAMillionRows()
    {
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync(Database, ct, commandTimeout: 600);
        try
        {
            await using var source = NpgsqlDataSource.Create(cs);

            var clock = Stopwatch.StartNew();
            // The indexes are dropped for the fill and built again from their definitions (BulkFill): the same indexes.
            await BulkFill.RunAsync(source, "job_history", $"""
                INSERT INTO job_history (fire_instance_id, job_name, job_group, task_id, user_id, tool_id, queue, node_instance_id, attempt,
                                         status, error_code, scheduled_at, started_at, finished_at, duration_ms)
                SELECT 'f' || g, 'process-analysis', 'analysis', md5(g::text), 1 + g % 5000,
                       (ARRAY['profile-my-data', 'clean-my-data', 'master-my-data'])[1 + g % 3],
                       (ARRAY['high_priority', 'default', 'default', 'low_priority'])[1 + g % 4],
                       'node-' || (g % 6), 1, CASE WHEN g % 50 = 0 THEN 'FAILED' WHEN g % 997 = 0 THEN 'LOST' ELSE 'COMPLETED' END,
                       CASE WHEN g % 50 = 0 THEN 'PROCESSING_ERROR' END,
                       now() - ({Rows} - g) * interval '2.5 seconds' - interval '1 second',
                       now() - ({Rows} - g) * interval '2.5 seconds',
                       now() - ({Rows} - g) * interval '2.5 seconds' + interval '2 seconds', 2000 + g % 900
                  FROM generate_series(1, {Rows}) g
                """, ct);
            await using (var analyze = source.CreateCommand("ANALYZE job_history"))
            {
                await analyze.ExecuteNonQueryAsync(ct);
            }
            TestContext.WriteLine($"filled {Rows:N0} rows in {clock.Elapsed.TotalSeconds:F1} s");

            // A cursor deep in the table: the key of the row 600,000 places from the newest.
            DateTime deepAt;
            long deepId;
            await using (var deep = source.CreateCommand("SELECT started_at, id FROM job_history ORDER BY started_at DESC, id DESC OFFSET 600000 LIMIT 1"))
            await using (var reader = await deep.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                (deepAt, deepId) = (reader.GetDateTime(0), reader.GetInt64(1));
            }

            var none = new HistoryFilter(null, null, null, null, null, null, null, null, null);
            var cases = new (string Name, HistoryFilter Filter)[]
            {
                ("newest", none),
                ("deep page", none with { Before = (deepAt, deepId) }),
                ("status FAILED", none with { Status = "FAILED" }),
                ("status LOST, deep", none with { Status = "LOST", Before = (deepAt, deepId) }),
                ("tool", none with { Tool = "clean-my-data" }),
                ("user", none with { User = 4242 }),
                ("node", none with { Node = "node-3" }),
                ("queue", none with { Queue = "low_priority" }),
                ("task", none with { TaskId = "c4ca4238a0b923820dcc509a6f75849b" }),
                ("date range", none with { From = deepAt.AddDays(-1), To = deepAt }),
                ("status + tool", none with { Status = "FAILED", Tool = "master-my-data" }),
                ("job (none such)", none with { Job = "debug" }),
                ("node, job, LOST", none with { Node = "node-3", Job = "process-analysis", Status = "LOST", From = deepAt }),
            };
            foreach (var (name, filter) in cases)
            {
                var (sql, args) = DashboardQueries.HistorySql(filter, 51);
                var plan = await QueryPlan.ExplainAsync(source, sql, args, ct);
                TestContext.WriteLine($"{name,-18} {plan.ExecutionMs,8:F2} ms  {plan.Summary}");
                Assert.IsFalse(plan.NodeTypes.Any(t => t is "Seq Scan" or "Sort" or "Bitmap Heap Scan"), $"{name}: {plan.Summary}");
                Assert.IsTrue(plan.NodeTypes.Any(t => t is "Index Scan" or "Index Only Scan"), $"{name}: {plan.Summary}");
            }

            // The overview's queries over the same table (24 h and 1 h windows), through the dashboard's own code.
            await using (var nodes = source.CreateCommand("""
                INSERT INTO nodes (instance_id, host, pid, version, run_jobs, slots, started_at, last_seen)
                SELECT 'node-' || g, 'host', 1000 + g, '1.0.0', true, 4, now() - interval '1 day', now() FROM generate_series(0, 5) g
                """))
            {
                await nodes.ExecuteNonQueryAsync(ct);
            }
            var queries = new DashboardQueries(source, Options.Create(new Jobs.SchedulerOptions()), Options.Create(new DashboardOptions()));
            async Task TimeAsync(string name, Func<Task<int>> run)
            {
                await run();
                var watch = Stopwatch.StartNew();
                var count = await run();
                TestContext.WriteLine($"{name,-18} {watch.Elapsed.TotalMilliseconds,8:F2} ms  ({count} rows)");
            }
            await TimeAsync("nodes", async () => (await queries.NodesAsync(ct)).Count);
            await TimeAsync("throughput", async () => (await queries.ThroughputAsync(ct)).Count);
            await TimeAsync("durations", async () => (await queries.DurationsAsync(ct)).Count);
            await TimeAsync("queue depth", async () => (await queries.QueueDepthAsync(ct)).Count);
            await TimeAsync("history page", async () => (await queries.HistoryAsync(none with { Status = "FAILED" }, 51, ct)).Count);
            Assert.HasCount(6, await queries.NodesAsync(ct));
            Assert.HasCount(60, await queries.QueueDepthAsync(ct));
        }
        finally
        {
            // Also when the test fails or times out: a million-row database left behind fills the stack's disk run after run.
            await SqlClient.DropDatabaseAsync(Database, CancellationToken.None);
        }
    }
}
