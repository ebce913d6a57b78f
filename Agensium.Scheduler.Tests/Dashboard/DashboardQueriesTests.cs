using Agensium.Scheduler.Dashboard;
using Agensium.Scheduler.Tests.Integration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agensium.Scheduler.Tests.Dashboard;

/// <summary>The dashboard's queries against a scratch database of their own (rows written directly).</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class DashboardQueriesTests
{
    private const string Database = "agensium_test_dashboard_queries";

    public TestContext TestContext { get; set; } = null!;

    private static DashboardQueries Queries(NpgsqlDataSource source) =>
        new(source, Options.Create(new Jobs.SchedulerOptions()), Options.Create(new DashboardOptions()));

    private static async Task ExecAsync(NpgsqlDataSource source, string sql, CancellationToken ct)
    {
        await using var cmd = source.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A node's "completed/failed (24 h)" count analyses only, as the throughput chart beside them does: health-check,
    /// cleanup and debug runs made them 154 against 136 analyses.
    /// </summary>
    [TestMethod]
    public async Task Nodes_ShouldCountAnalysesOnly_LikeTheThroughputChart()
    {
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync(Database, ct);
        await using var source = NpgsqlDataSource.Create(cs);
        await ExecAsync(source, """
            INSERT INTO nodes (instance_id, host, pid, version, run_jobs, slots, started_at, last_seen)
            VALUES ('node-a', 'host', 1000, '1.0.0', true, 4, now() - interval '1 hour', now());
            INSERT INTO job_history (fire_instance_id, job_name, job_group, node_instance_id, status, started_at, finished_at)
            SELECT 'f-' || g || '-' || j || '-' || s, j, 'g', 'node-a', s, now() - interval '10 minutes', now() - interval '9 minutes'
              FROM generate_series(1, 3) g,
                   (VALUES ('process-analysis', 'COMPLETED'), ('health-check', 'COMPLETED'), ('cleanup-expired-tasks', 'COMPLETED'),
                           ('debug', 'COMPLETED'), ('process-analysis', 'FAILED'), ('health-check', 'FAILED'),
                           ('process-analysis', 'LOST'), ('health-check', 'LOST'), ('cleanup-expired-tasks', 'LOST')) v(j, s);
            """, ct);
        var queries = Queries(source);

        var node = (await queries.NodesAsync(ct)).Single();
        var chart = await queries.ThroughputAsync(ct);
        Assert.AreEqual(3L, node.Processed, "analyses completed, not maintenance or debug runs");
        Assert.AreEqual(3L, node.Failed);
        Assert.AreEqual(chart.Sum(m => m.Completed), node.Processed);
        Assert.AreEqual(chart.Sum(m => m.Failed), node.Failed);

        // "Recovered elsewhere" counted the lost health-check and cleanup runs too (9 here), which nothing runs again
        // elsewhere; it counts lost analysis attempts, and its link lists those.
        Assert.AreEqual(3L, node.Lost);
        var recovered = OverviewPage.Recovered(node, DateTime.UtcNow);
        StringAssert.Contains(recovered, "3 analysis attempts recovered elsewhere");
        StringAssert.Contains(recovered, "job=process-analysis");
        var linked = new List<string>();
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(System.Net.WebUtility.HtmlDecode(recovered.Split('"')[1]).Split('?')[1]);
        var filter = HistoryPage.Parse(new Microsoft.AspNetCore.Http.QueryCollection(query), linked);
        Assert.IsEmpty(linked, string.Join(" ", linked));
        Assert.AreEqual(3, (await queries.HistoryAsync(filter, 50, ct)).Count, "the link lists the attempts counted");
        await SqlClient.DropDatabaseAsync(Database, ct);
    }

    /// <summary>With 250 queued tasks the table's second page holds the newest 50, which the first page of 200 left out.</summary>
    [TestMethod]
    public async Task Queued_ShouldPageThroughEveryQueuedTask_AndCountThem()
    {
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync(Database, ct);
        await using var source = NpgsqlDataSource.Create(cs);
        await ExecAsync(source, """
            INSERT INTO users (id, email) VALUES (1, 'dev@agensium.local') ON CONFLICT DO NOTHING;
            INSERT INTO tasks (task_id, user_id, tool_id, status, progress, queue, updated_at)
            SELECT 'q-' || lpad(g::text, 4, '0'), 1, 'profile-my-data', 'QUEUED', 15, 'default', now() - (300 - g) * interval '1 second'
              FROM generate_series(1, 250) g;
            """, ct);
        var queries = Queries(source);

        Assert.AreEqual(250L, await queries.QueuedCountAsync(ct));
        var first = await queries.QueuedAsync(200, ct);
        var second = await queries.QueuedAsync(200, ct, 200);
        Assert.HasCount(200, first);
        Assert.HasCount(50, second);
        Assert.AreEqual("q-0001", first[0].TaskId);
        Assert.AreEqual("q-0201", second[0].TaskId);
        Assert.AreEqual("q-0250", second[^1].TaskId, "the newest queued task is reachable");
        StringAssert.Contains(TasksPage.QueuedPager(2, second.Count, 250, 200), "Showing 201–250 of 250");

        // The section's title counted Quartz triggers (none here: "Queued (0)" above a pager of 250 tasks); it counts
        // the task rows the pager and the table count.
        var html = await RenderAsync(http => TasksPage.RenderAsync(http, queries, TimeProvider.System, ct), ct);
        StringAssert.Contains(html, "Queued tasks (250)");
        StringAssert.Contains(html, "Showing 1–200 of 250 queued tasks");
        await SqlClient.DropDatabaseAsync(Database, ct);
    }

    /// <summary>Renders a dashboard page to its HTML.</summary>
    private static async Task<string> RenderAsync(Func<Microsoft.AspNetCore.Http.HttpContext, Task<Microsoft.AspNetCore.Http.IResult>> page, CancellationToken ct)
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.LoggingServiceCollectionExtensions.AddLogging(services);
        await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = provider };
        using var body = new MemoryStream();
        http.Response.Body = body;
        await (await page(http)).ExecuteAsync(http);
        Assert.AreEqual(200, http.Response.StatusCode);
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }
}
