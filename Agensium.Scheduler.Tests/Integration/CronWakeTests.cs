using System.Net;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// A cron job run now through another node starts at once: the NOTIFY of its new trigger wakes the maintenance
/// scheduler of every node (WakeListener signals both of a node's schedulers), not only the analyses' one; without it
/// the run waits for the next poll, up to Scheduler:IdleWaitTime.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class CronWakeTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task RunNowThroughAnApiOnlyNode_ShouldStartOnTheJobNodeWithinSeconds_WhenItsIdleWaitIsLong()
    {
        var ct = TestContext.CancellationToken;
        // The job node polls once every 10 minutes, and the cron schedules are far off (1 January), so only a wake-up
        // gets it to the run-now trigger soon.
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_cronwake", [5192], new()
        {
            ["Scheduler__IdleWaitTime"] = "00:10:00",
            ["Scheduler__HealthCheckCron"] = "0 0 0 1 1 ?",
            ["Scheduler__CleanupCron"] = "0 0 0 1 1 ?",
        }, ct);
        var apiOnly = await cluster.StartNodeAsync(5193, ct, new() { ["Scheduler__RunJobs"] = "false" });
        // Let the job node's scheduler thread settle into its long idle wait.
        await Task.Delay(TimeSpan.FromSeconds(5), ct);

        var asked = DateTime.UtcNow;
        using (var api = new ApiClient(apiOnly))
        using (var run = await api.PostJsonAsync("/api/jobs/health-check/trigger", "", ct))
        {
            Assert.AreEqual(HttpStatusCode.Accepted, run.StatusCode, await run.Content.ReadAsStringAsync(ct));
        }
        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE job_name = 'health-check' AND started_at >= @t", ct, ("t", asked)) > 0 ? "" : null,
            TimeSpan.FromSeconds(20), ct);
    }
}
