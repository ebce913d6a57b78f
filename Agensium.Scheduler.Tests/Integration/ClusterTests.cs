namespace Agensium.Scheduler.Tests.Integration;

[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class ClusterTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    [TestMethod]
    public async Task TwentyJobs_ShouldEachCompleteExactlyOnce_AndRunOnBothNodes_WhenSubmittedToTwoNodes()
    {
        var ct = TestContext.CancellationToken;
        using var a = new ApiClient(TestCluster.NodeA);
        using var b = new ApiClient(TestCluster.NodeB);
        // A file of a few thousand rows keeps each job busy long enough for both nodes to take work.
        var csv = TestData.CustomersCsv(rows: 12_000);

        var tasks = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var api = i % 2 == 0 ? a : b;
            var id = await api.CreateTaskAsync(ct: ct);
            await api.UploadOkAsync(id, "customers.csv", csv, ct);
            tasks.Add(id);
        }
        await Task.WhenAll(tasks.Select((id, i) => (i % 2 == 0 ? a : b).ProcessOkAsync(id, ct)));

        foreach (var id in tasks)
        {
            var task = await a.WaitForFinalAsync(id, TimeSpan.FromSeconds(120), ct);
            Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), task.ToJsonString());
        }

        var rows = await Db.QueryAsync("""
            SELECT task_id, count(*) AS runs, count(*) FILTER (WHERE status = 'COMPLETED') AS completed, min(node_instance_id) AS node
            FROM job_history WHERE task_id = ANY(@ids) GROUP BY task_id
            """, ct, ("ids", tasks.ToArray()));
        Assert.HasCount(20, rows);
        foreach (var row in rows)
        {
            Assert.AreEqual(1L, row["runs"], $"task {row["task_id"]} ran more than once");
            Assert.AreEqual(1L, row["completed"]);
        }
        var nodes = rows.Select(r => (string)r["node"]!).Distinct().ToList();
        Assert.HasCount(2, nodes, "both nodes should have run some of the jobs");
    }

    [TestMethod]
    public async Task CronTriggers_ShouldExistOncePerCluster_WhenTwoNodesRun()
    {
        var ct = TestContext.CancellationToken;
        var triggers = await Db.QueryAsync("""
            SELECT t.sched_name, t.trigger_name, t.job_name, c.cron_expression, count(*) OVER (PARTITION BY t.trigger_name) AS copies
            FROM qrtz_triggers t JOIN qrtz_cron_triggers c USING (sched_name, trigger_name, trigger_group)
            ORDER BY t.trigger_name
            """, ct);
        Assert.HasCount(2, triggers);
        Assert.AreEqual("cleanup-expired-tasks-cron", triggers[0]["trigger_name"]);
        Assert.AreEqual("0 0/15 * * * ?", triggers[0]["cron_expression"]);
        Assert.AreEqual("health-check-cron", triggers[1]["trigger_name"]);
        Assert.AreEqual("0 * * * * ?", triggers[1]["cron_expression"]);
        Assert.IsTrue(triggers.All(t => (long)t["copies"]! == 1));
        // In the cron jobs' own scheduler, not the analyses' (where they waited behind queued analyses).
        Assert.IsTrue(triggers.All(t => ((string)t["sched_name"]!).EndsWith("-maintenance", StringComparison.Ordinal)),
            string.Join(", ", triggers.Select(t => t["sched_name"])));

        var nodes = await Db.ScalarAsync<long>("SELECT count(*) FROM qrtz_scheduler_state", ct);
        Assert.IsGreaterThanOrEqualTo(2L, nodes);
    }

    [TestMethod]
    public async Task DashboardSchedules_ShouldListTheCronTriggersOfTheMaintenanceScheduler()
    {
        var ct = TestContext.CancellationToken;
        await using var source = Npgsql.NpgsqlDataSource.Create(Db.Shared.ConnectionString);
        var queries = new Agensium.Scheduler.Dashboard.DashboardQueries(source,
            Microsoft.Extensions.Options.Options.Create(new Agensium.Scheduler.Jobs.SchedulerOptions()),
            Microsoft.Extensions.Options.Options.Create(new Agensium.Scheduler.Dashboard.DashboardOptions()));
        var cron = await queries.CronAsync(ct);
        CollectionAssert.AreEqual(new[] { "cleanup-expired-tasks", "health-check" }, cron.Select(c => c.Job).ToArray());
        Assert.IsTrue(cron.All(c => c.Cron is not null && c.NextFire is not null), string.Join(", ", cron));
    }

    [TestMethod]
    public async Task HealthCheckJob_ShouldStoreItsResult_WhenTriggered()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var before = await Db.ScalarAsync<long>("SELECT count(*) FROM job_history WHERE job_name = 'health-check'", ct);
        using (var response = await api.PostJsonAsync("/api/jobs/health-check/trigger", "", ct))
        {
            Assert.AreEqual(202, (int)response.StatusCode);
        }
        var row = await Poll.UntilAsync(async () =>
        {
            var rows = await Db.QueryAsync("SELECT status, result FROM job_history WHERE job_name = 'health-check' AND status <> 'RUNNING' ORDER BY id DESC OFFSET 0", ct);
            return rows.Count > before ? rows[0] : null;
        }, TimeSpan.FromSeconds(30), ct);
        Assert.AreEqual("COMPLETED", row["status"]);
        var result = System.Text.Json.Nodes.JsonNode.Parse((string)row["result"]!)!;
        Assert.AreEqual("ok", result["database"]!.GetValue<string>());
        Assert.AreEqual("ok", result["s3"]!.GetValue<string>());
        Assert.AreEqual("ok", result["redis"]!.GetValue<string>());
    }
}
