using System.Net;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// The operator actions behind the dashboard's buttons, through the API of the live two-node cluster: retry a failed
/// task, pause and resume a queue and a cron job; every one audited with who did it; cross-site posts refused.
/// </summary>
[TestClass]
[TestCategory("Integration")]
[DoNotParallelize]
public sealed class OperatorActionsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    private static async Task<JsonObject> PostOkAsync(ApiClient api, string path, CancellationToken ct)
    {
        using var response = await api.Http.PostAsync(path, null, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.IsTrue(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private static Task<List<Dictionary<string, object?>>> AuditAsync(string action, string target, CancellationToken ct) =>
        Db.QueryAsync("SELECT actor, outcome, node FROM audit_log WHERE action = @a AND target = @t ORDER BY id", ct, ("a", action), ("t", target));

    [TestMethod]
    public async Task Retry_ShouldRunAFailedTaskAgainAsANewAttempt_AndRefuseOthers()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        // Fails transiently on attempts 1-4 (the automatic retries run out after 4), succeeds from attempt 5.
        var id = await api.SubmitFaultAsync("transient-until:5", ct: ct);
        var failed = await api.WaitForFinalAsync(id, Wait, ct);
        Assert.AreEqual("FAILED", failed["status"]!.GetValue<string>());

        var retried = await PostOkAsync(api, $"/api/tasks/{id}/retry", ct);
        Assert.AreEqual("QUEUED", retried["status"]!.GetValue<string>());
        var done = await api.WaitForFinalAsync(id, Wait, ct);
        Assert.AreEqual("COMPLETED", done["status"]!.GetValue<string>());
        var attempts = await Db.QueryAsync("SELECT attempt, status FROM job_history WHERE task_id = @t ORDER BY attempt", ct, ("t", id));
        Assert.HasCount(5, attempts);
        Assert.AreEqual("COMPLETED", attempts[^1]["status"]);
        Assert.AreEqual(5, attempts[^1]["attempt"]);

        using var again = await api.Http.PostAsync($"/api/tasks/{id}/retry", null, ct);
        Assert.AreEqual(HttpStatusCode.Conflict, again.StatusCode);
        StringAssert.Contains(await again.Content.ReadAsStringAsync(ct), "TASK_NOT_RETRYABLE");
        using var unknown = await api.Http.PostAsync($"/api/tasks/{Guid.NewGuid()}/retry", null, ct);
        Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);

        var audit = await AuditAsync("retry", id, ct);
        Assert.HasCount(2, audit);
        Assert.AreEqual("key-0", audit[0]["actor"]);
        Assert.AreEqual("OK", audit[0]["outcome"]);
        Assert.AreEqual("TASK_NOT_RETRYABLE", audit[1]["outcome"]);
    }

    [TestMethod]
    public async Task PausedQueue_ShouldHoldItsTasksUntilResumed_OnEveryNode()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        using var other = new ApiClient(TestCluster.NodeB);
        await PostOkAsync(api, "/api/queues/low_priority/pause", ct);
        try
        {
            // Submitted through the other node after the pause: Quartz stores it paused, so no node may start it.
            var id = await other.SubmitFaultAsync("ok", "low_priority", ct);
            var state = await Db.ScalarAsync<string>("SELECT trigger_state FROM qrtz_triggers WHERE trigger_name = @t", ct, ("t", id));
            Assert.AreEqual("PAUSED", state);
            Assert.AreEqual("QUEUED", (await api.GetTaskAsync(id, ct))["status"]!.GetValue<string>());
            var held = await Db.ScalarAsync<long>("SELECT count(*) FROM qrtz_triggers WHERE trigger_group = 'low_priority' AND trigger_state = 'PAUSED'", ct);
            Assert.IsGreaterThanOrEqualTo(1L, held);
            // The operator's CLI shows it held by the pause.
            var (exit, output, error) = await SchedulerCommand.RunAsync(new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = StackSettings.TestConnectionString,
            }, ct, "inspect", "reserved", "--json");
            Assert.AreEqual(0, exit, error);
            var reserved = JsonNode.Parse(output)!.AsArray().Single(r => r!["task_or_trigger"]!.GetValue<string>() == id)!;
            Assert.AreEqual("paused", reserved["state"]!.GetValue<string>());
            Assert.AreEqual("low_priority", reserved["queue"]!.GetValue<string>());
            // explain names the operator's fix, not Quartz's trigger group.
            var why = JsonNode.Parse(await api.Http.GetStringAsync($"/api/tasks/{id}/explain", ct))!;
            StringAssert.Contains(why["reason"]!.GetValue<string>(), "queue 'low_priority' is paused: resume it with POST /api/queues/low_priority/resume");

            await PostOkAsync(other, "/api/queues/low_priority/resume", ct);
            var done = await api.WaitForFinalAsync(id, Wait, ct);
            Assert.AreEqual("COMPLETED", done["status"]!.GetValue<string>());
        }
        finally
        {
            await PostOkAsync(api, "/api/queues/low_priority/resume", CancellationToken.None);
        }
        using var unknown = await api.Http.PostAsync("/api/queues/nope/pause", null, ct);
        Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.IsGreaterThanOrEqualTo(1, (await AuditAsync("pause-queue", "low_priority", ct)).Count);
        Assert.IsGreaterThanOrEqualTo(2, (await AuditAsync("resume-queue", "low_priority", ct)).Count);
    }

    [TestMethod]
    public async Task QueuePauseAndResume_ShouldWin_OverATriggerStoredFromAStaleLookAtThePause()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var whilePaused = await api.CreateTaskAsync(tool: "x-fault-injection", ct: ct);
        var afterResume = await api.CreateTaskAsync(tool: "x-fault-injection", ct: ct);
        foreach (var id in new[] { whilePaused, afterResume })
        {
            await api.UploadOkAsync(id, "fault.csv", "ok\n"u8.ToArray(), ct);
        }
        // Triggers are stored without Quartz's insert lock (Scheduler:LockOnInsert false), so the PAUSED/WAITING state
        // Quartz gives a new trigger comes from a look at the pause taken before the insert, which a pause or resume can
        // overtake. PostgreSQL makes both happen here (these triggers run before sql/008's, which sort after "a_"):
        // one trigger is stored WAITING in a paused queue, the other PAUSED in a queue no longer paused.
        await Db.ExecuteAsync($"""
            CREATE FUNCTION a_test_stale_state() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN NEW.trigger_state := TG_ARGV[0]; RETURN NEW; END $f$;
            CREATE TRIGGER a_test_stale_waiting BEFORE INSERT ON qrtz_triggers
                FOR EACH ROW WHEN (NEW.trigger_name = '{whilePaused}') EXECUTE FUNCTION a_test_stale_state('WAITING');
            CREATE TRIGGER a_test_stale_paused BEFORE INSERT ON qrtz_triggers
                FOR EACH ROW WHEN (NEW.trigger_name = '{afterResume}') EXECUTE FUNCTION a_test_stale_state('PAUSED');
            """, ct);
        try
        {
            await PostOkAsync(api, "/api/queues/low_priority/pause", ct);
            using (var response = await api.ProcessAsync(whilePaused, """{"queue": "low_priority"}""", ct))
            {
                Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode);
            }
            Assert.AreEqual("PAUSED", await Db.ScalarAsync<string>("SELECT trigger_state FROM qrtz_triggers WHERE trigger_name = @t", ct, ("t", whilePaused)),
                "stored in a paused queue, the trigger is paused whatever state it came with");
            // A backlog held by a pause is still queue depth (inspect stats; /metrics' agensium_queue_depth counts the same states).
            var depth = await Db.QueryAsync(Agensium.Scheduler.Cli.InspectQueries.Stats, ct, ("s", "agensium"));
            Assert.IsTrue(depth.Any(r => (string)r["what"]! == "queued" && (string)r["key"]! == "low_priority" && (long)r["count"]! >= 1),
                string.Join("; ", depth.Select(r => $"{r["what"]}/{r["key"]}={r["count"]}")));
            await PostOkAsync(api, "/api/queues/low_priority/resume", ct);

            using (var response = await api.ProcessAsync(afterResume, """{"queue": "low_priority"}""", ct))
            {
                Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode);
            }
            foreach (var id in new[] { whilePaused, afterResume })
            {
                Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(id, Wait, ct))["status"]!.GetValue<string>(), id);
            }
        }
        finally
        {
            await Db.ExecuteAsync("""
                DROP TRIGGER IF EXISTS a_test_stale_waiting ON qrtz_triggers;
                DROP TRIGGER IF EXISTS a_test_stale_paused ON qrtz_triggers;
                DROP FUNCTION IF EXISTS a_test_stale_state();
                """, CancellationToken.None);
            await PostOkAsync(api, "/api/queues/low_priority/resume", CancellationToken.None);
        }
    }

    [TestMethod]
    public async Task CronJob_ShouldPauseAndResumeForTheCluster_AndRunNowOnDemand()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        const string state = "SELECT trigger_state FROM qrtz_triggers WHERE trigger_name = 'health-check-cron'";
        try
        {
            var paused = await PostOkAsync(api, "/api/jobs/health-check/pause", ct);
            Assert.AreEqual("PAUSED", paused["state"]!.GetValue<string>());
            Assert.AreEqual("PAUSED", await Db.ScalarAsync<string>(state, ct));
        }
        finally
        {
            await PostOkAsync(api, "/api/jobs/health-check/resume", CancellationToken.None);
        }
        // Resumed: waiting for its next fire, or already acquired by a node when that fire is near (it runs every 60 s).
        var resumed = await Db.ScalarAsync<string>(state, ct);
        Assert.IsTrue(resumed is "WAITING" or "ACQUIRED", $"trigger state after resume: {resumed}");

        var before = await Db.ScalarAsync<long>("SELECT count(*) FROM job_history WHERE job_name = 'health-check'", ct);
        using var trigger = await api.Http.PostAsync("/api/jobs/health-check/trigger", null, ct);
        Assert.AreEqual(HttpStatusCode.Accepted, trigger.StatusCode);
        await Poll.UntilAsync(async () =>
            await Db.ScalarAsync<long>("SELECT count(*) FROM job_history WHERE job_name = 'health-check' AND status <> 'RUNNING'", ct) > before
                ? "ran" : null, Wait, ct);
        using var unknown = await api.Http.PostAsync("/api/jobs/process-analysis/pause", null, ct);
        Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);

        Assert.IsGreaterThanOrEqualTo(1, (await AuditAsync("pause-cron", "health-check", ct)).Count);
        Assert.IsGreaterThanOrEqualTo(1, (await AuditAsync("trigger-job", "health-check", ct)).Count);
    }

    [TestMethod]
    public async Task DashboardPost_ShouldBeRefused_WhenItComesFromAnotherSite()
    {
        var ct = TestContext.CancellationToken;
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(TestCluster.NodeA.BaseUrl) };
        using var login = await http.PostAsync("/dashboard/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "csrf-test", ["key"] = TestCluster.ApiKey, ["next"] = "/dashboard",
        }), ct);
        Assert.AreEqual(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("agensium_dashboard=", StringComparison.Ordinal));
        StringAssert.Contains(cookie.ToLowerInvariant(), "httponly");
        StringAssert.Contains(cookie.ToLowerInvariant(), "samesite=strict");
        var value = cookie.Split(';')[0];

        using var forged = new HttpRequestMessage(HttpMethod.Post, "/dashboard/actions/queues/default/pause");
        forged.Headers.Add("Cookie", value);
        forged.Headers.Add("Origin", "https://evil.example");
        using var refused = await http.SendAsync(forged, ct);
        Assert.AreEqual(HttpStatusCode.Forbidden, refused.StatusCode);
        StringAssert.Contains(await refused.Content.ReadAsStringAsync(ct), "CROSS_SITE_REQUEST");
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/dashboard/actions/queues/default/pause");
        crossSite.Headers.Add("Cookie", value);
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var refusedToo = await http.SendAsync(crossSite, ct);
        Assert.AreEqual(HttpStatusCode.Forbidden, refusedToo.StatusCode);
        Assert.AreEqual(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM qrtz_paused_trigger_grps WHERE trigger_group = 'default'", ct));

        // The same cookie from the dashboard's own origin is accepted (and lands back on the page with a notice).
        using var own = new HttpRequestMessage(HttpMethod.Post, "/dashboard/actions/jobs/health-check/trigger")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["return"] = "/dashboard/tasks" }),
        };
        own.Headers.Add("Cookie", value);
        own.Headers.Add("Origin", TestCluster.NodeA.BaseUrl);
        using var accepted = await http.SendAsync(own, ct);
        Assert.AreEqual(HttpStatusCode.Redirect, accepted.StatusCode);
        StringAssert.StartsWith(accepted.Headers.Location!.ToString(), "/dashboard/tasks?notice=");
        var audit = await AuditAsync("trigger-job", "health-check", ct);
        Assert.AreEqual("csrf-test (key-0)", audit[^1]["actor"]);

        // An open redirect through the login's "next" is not possible.
        using var away = await http.PostAsync("/dashboard/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = TestCluster.ApiKey, ["next"] = "//evil.example/x",
        }), ct);
        Assert.AreEqual("/dashboard", away.Headers.Location!.ToString());
    }

    [TestMethod]
    public async Task DashboardLogout_ShouldEndTheSessionOnEveryNode_AndLoginShouldRefuseAnotherSite()
    {
        var ct = TestContext.CancellationToken;
        using var a = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(TestCluster.NodeA.BaseUrl) };
        using var b = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(TestCluster.NodeB.BaseUrl) };
        using var login = await a.PostAsync("/dashboard/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "logout-test", ["key"] = TestCluster.ApiKey, ["next"] = "/dashboard",
        }), ct);
        Assert.AreEqual(HttpStatusCode.Redirect, login.StatusCode);
        var value = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("agensium_dashboard=", StringComparison.Ordinal)).Split(';')[0];

        async Task<HttpStatusCode> AuditPageAsync(HttpClient client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/audit");
            request.Headers.Add("Cookie", value);
            using var response = await client.SendAsync(request, ct);
            return response.StatusCode;
        }

        Assert.AreEqual(HttpStatusCode.OK, await AuditPageAsync(b), "a session of node A opens node B");
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/dashboard/logout");
        logout.Headers.Add("Cookie", value);
        logout.Headers.Add("Origin", TestCluster.NodeA.BaseUrl);
        using var loggedOut = await a.SendAsync(logout, ct);
        Assert.AreEqual(HttpStatusCode.Redirect, loggedOut.StatusCode);

        // The cookie was still accepted for its 8 hours on every node after logout (outside probe): a kept copy now opens nothing.
        Assert.AreEqual(HttpStatusCode.Unauthorized, await AuditPageAsync(b));
        Assert.AreEqual(HttpStatusCode.Unauthorized, await AuditPageAsync(a));
        Assert.IsGreaterThanOrEqualTo(1, (await AuditAsync("logout", "dashboard", ct)).Count);

        // Login CSRF: another site could log a browser in under a key of its choosing.
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/dashboard/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = TestCluster.ApiKey, ["next"] = "/dashboard" }),
        };
        forged.Headers.Add("Origin", "http://evil.example");
        using var refused = await a.SendAsync(forged, ct);
        Assert.AreEqual(HttpStatusCode.Forbidden, refused.StatusCode);
        StringAssert.Contains(await refused.Content.ReadAsStringAsync(ct), "CROSS_SITE_REQUEST");
        Assert.IsFalse(refused.Headers.Contains("Set-Cookie"));
    }
}
