using System.Net;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// An earlier version stored the cron triggers (and their jobs) under the analyses' SCHED_NAME, where they fired behind
/// the queued analyses. Nodes of this version move them to the maintenance scheduler's SCHED_NAME at start, keeping
/// their schedule and pause; several nodes starting at once move them once, and a later start finds nothing to move.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class LegacyCronTriggersTests
{
    public TestContext TestContext { get; set; } = null!;

    private const string Analyses = "agensium";
    private const string Maintenance = "agensium-maintenance";
    private const string CronJobs = "'cleanup-expired-tasks', 'health-check'";

    [TestMethod]
    public async Task CronTriggersOfAnEarlierVersion_ShouldMoveOnceToTheMaintenanceScheduler_KeepingTheirPause_WhenTwoNodesStartAtOnce()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_cronmove", [5190], null, ct);
        using (var api = new ApiClient(cluster.Nodes[0]))
        using (var pause = await api.PostJsonAsync("/api/jobs/health-check/pause", "", ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, pause.StatusCode, await pause.Content.ReadAsStringAsync(ct));
        }
        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<string>(
            $"SELECT trigger_state FROM qrtz_triggers WHERE sched_name = '{Maintenance}' AND trigger_name = 'health-check-cron'", ct) is "PAUSED" ? "" : null,
            TimeSpan.FromSeconds(60), ct);
        await cluster.Nodes[0].StopAsync(TimeSpan.FromSeconds(60));

        // The store as an earlier version left it: the cron jobs and their triggers under the analyses' name only.
        foreach (var table in new[] { "job_details", "triggers", "cron_triggers" })
        {
            await cluster.Db.ExecuteAsync($"""
                INSERT INTO qrtz_{table}
                SELECT (jsonb_populate_record(NULL::qrtz_{table}, to_jsonb(r) || jsonb_build_object('sched_name', '{Analyses}'))).*
                  FROM qrtz_{table} r WHERE r.sched_name = '{Maintenance}'
                ON CONFLICT DO NOTHING
                """, ct);
        }
        await cluster.Db.ExecuteAsync($"DELETE FROM qrtz_triggers WHERE sched_name = '{Maintenance}'", ct);
        await cluster.Db.ExecuteAsync($"DELETE FROM qrtz_job_details WHERE sched_name = '{Maintenance}'", ct);
        var legacy = await TriggersAsync(cluster, Analyses, ct);
        Assert.HasCount(2, legacy);
        var pausedNextFire = (long)legacy.Single(r => (string)r["trigger_name"]! == "health-check-cron")["next_fire_time"]!;

        var nodes = await Task.WhenAll(cluster.StartNodeAsync(5190, ct), cluster.StartNodeAsync(5191, ct));

        Assert.IsEmpty(await TriggersAsync(cluster, Analyses, ct), "no cron trigger is left under the analyses' scheduler");
        Assert.AreEqual(0L, await cluster.Db.ScalarAsync<long>(
            $"SELECT count(*) FROM qrtz_job_details WHERE sched_name = '{Analyses}' AND job_name IN ({CronJobs})", ct));
        var moved = await TriggersAsync(cluster, Maintenance, ct);
        Assert.HasCount(2, moved, "each cron trigger exists once");
        var health = moved.Single(r => (string)r["trigger_name"]! == "health-check-cron");
        Assert.AreEqual("PAUSED", health["trigger_state"], "a paused cron job stays paused when it moves");
        Assert.AreEqual(pausedNextFire, (long)health["next_fire_time"]!, "the moved trigger keeps its schedule");
        Assert.AreEqual("0 * * * * ?", health["cron_expression"]);
        Assert.AreEqual("0 0/15 * * * ?", moved.Single(r => (string)r["trigger_name"]! == "cleanup-expired-tasks-cron")["cron_expression"]);
        var logs = nodes.Select(n => n.ReadLog()).ToList();
        Assert.AreEqual(1, logs.Count(l => l.Contains("Moved 2 trigger(s) of the cron jobs", StringComparison.Ordinal)),
            "one of the two nodes moved the triggers, the other found nothing to move");

        // The moved jobs run in the maintenance scheduler: a run now of the cleanup is recorded once.
        using (var api = new ApiClient(nodes[1]))
        using (var run = await api.PostJsonAsync("/api/jobs/cleanup-expired-tasks/trigger", "", ct))
        {
            Assert.AreEqual(HttpStatusCode.Accepted, run.StatusCode, await run.Content.ReadAsStringAsync(ct));
        }
        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE job_name = 'cleanup-expired-tasks' AND status = 'COMPLETED'", ct) == 1 ? "" : null,
            TimeSpan.FromSeconds(30), ct);

        // A later start finds nothing to move and changes nothing.
        await nodes[0].StopAsync(TimeSpan.FromSeconds(60));
        var again = await cluster.StartNodeAsync(5190, ct);
        Assert.DoesNotContain("Moved", again.ReadLog());
        var after = await TriggersAsync(cluster, Maintenance, ct);
        Assert.HasCount(2, after);
        Assert.AreEqual("PAUSED", after.Single(r => (string)r["trigger_name"]! == "health-check-cron")["trigger_state"]);
    }

    private static Task<List<Dictionary<string, object?>>> TriggersAsync(PrivateCluster cluster, string sched, CancellationToken ct) =>
        cluster.Db.QueryAsync($"""
            SELECT t.trigger_name, t.trigger_state, t.next_fire_time, c.cron_expression
              FROM qrtz_triggers t LEFT JOIN qrtz_cron_triggers c USING (sched_name, trigger_name, trigger_group)
             WHERE t.sched_name = @s AND t.job_name IN ({CronJobs}) ORDER BY t.trigger_name
            """, ct, ("s", sched));
}
