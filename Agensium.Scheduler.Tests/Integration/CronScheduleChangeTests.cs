using System.Net;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// A node started with a cron setting that differs from the cluster's stored schedule replaces it (the node started last
/// wins), and says so: a warning in its log and an audit_log row. A cron job an operator paused stays paused under the
/// new schedule (it used to be resumed silently, against "a pause holds for the whole cluster until resumed").
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class CronScheduleChangeTests
{
    public TestContext TestContext { get; set; } = null!;

    private const string Trigger = "health-check-cron";

    [TestMethod]
    public async Task ChangedCronSetting_ShouldKeepAPausedJobPaused_AndBeAuditedAndWarned()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_cronchange", [5186], null, ct);
        using (var api = new ApiClient(cluster.Nodes[0]))
        using (var pause = await api.PostJsonAsync("/api/jobs/health-check/pause", "", ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, pause.StatusCode, await pause.Content.ReadAsStringAsync(ct));
        }
        // PAUSED_BLOCKED while a health check that started before the pause is still running (the node's start can end
        // on a minute's boundary, when the check fires): PAUSED once it ends.
        await Poll.UntilAsync(async () => await StateAsync(cluster, ct) is "PAUSED" ? "" : null, TimeSpan.FromSeconds(60), ct);
        await cluster.Nodes[0].StopAsync(TimeSpan.FromSeconds(60));

        var changed = await cluster.StartNodeAsync(5187, ct, new() { ["Scheduler__HealthCheckCron"] = "30 * * * * ?" });

        var row = (await cluster.Db.QueryAsync($"""
            SELECT t.trigger_state, c.cron_expression, t.next_fire_time FROM qrtz_triggers t JOIN qrtz_cron_triggers c USING (sched_name, trigger_name, trigger_group)
             WHERE t.trigger_name = '{Trigger}'
            """, ct)).Single();
        Assert.AreEqual("30 * * * * ?", row["cron_expression"]);
        Assert.AreEqual("PAUSED", row["trigger_state"], "a paused cron job stays paused when a node changes its schedule");
        // Its next fire time is the new schedule's (second 30 of a minute, in .NET ticks).
        Assert.AreEqual(30, new DateTime((long)row["next_fire_time"]!, DateTimeKind.Utc).Second);

        var audit = await cluster.Db.QueryAsync("SELECT actor, target, detail FROM audit_log WHERE action = 'reschedule-cron'", ct);
        Assert.HasCount(1, audit);
        Assert.AreEqual("node-settings", audit[0]["actor"]);
        Assert.AreEqual("health-check", audit[0]["target"]);
        StringAssert.Contains((string)audit[0]["detail"]!, "Scheduler:HealthCheckCron: '0 * * * * ?' -> '30 * * * * ?' (still paused)");
        var log = await changed.WaitForLogAsync("Scheduler:HealthCheckCron on this node is 30 * * * * ?", ct);
        StringAssert.Contains(log, "WARNING");
        StringAssert.Contains(log, "Scheduler:HealthCheckCron on this node is 30 * * * * ?");

        // Resumed by the operator, it runs on its new schedule.
        using (var api = new ApiClient(changed))
        using (var resume = await api.PostJsonAsync("/api/jobs/health-check/resume", "", ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, resume.StatusCode, await resume.Content.ReadAsStringAsync(ct));
        }
        // WAITING, or already ACQUIRED or running (BLOCKED) if its next fire is near: not paused any more.
        var resumed = await StateAsync(cluster, ct);
        Assert.IsTrue(resumed is "WAITING" or "ACQUIRED" or "BLOCKED", resumed);
    }

    private static Task<string?> StateAsync(PrivateCluster cluster, CancellationToken ct) =>
        cluster.Db.ScalarAsync<string>($"SELECT trigger_state FROM qrtz_triggers WHERE trigger_name = '{Trigger}'", ct);
}
