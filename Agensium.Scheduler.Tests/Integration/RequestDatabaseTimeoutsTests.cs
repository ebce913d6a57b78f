using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// HTTP requests wait for PostgreSQL only as long as their own timeouts (Database:RequestConnectTimeout and
/// RequestCommandTimeout, a pool of their own), not the connection string's, which the jobs and the node's loops keep for
/// their writes. Stop 43's probe: with PostgreSQL frozen (SIGSTOP: connections accepted, nothing answered) a call that
/// needed the database was answered 503 only after Npgsql's command timeout plus its cancel request (about a minute)
/// the first time, then after its 15 s connect timeout.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class RequestDatabaseTimeoutsTests
{
    // The PostgreSQL these tests freeze and restart is a server of their own: the classes beside them keep the stack's.
    private static PrivateStack _stack = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task StartStackAsync(TestContext context) =>
        _stack = await PrivateStack.StartAsync("request-timeouts", context.CancellationToken);

    [ClassCleanup]
    public static async Task StopStackAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }

    /// <summary>The background pool's timeouts in these tests' connection strings: far above the requests' defaults (5 s, 3 s).</summary>
    private static readonly TimeSpan BackgroundTimeout = TimeSpan.FromSeconds(60);

    private static string WithBackgroundTimeouts(SqlClient db) =>
        $"{db.ConnectionString};Timeout={BackgroundTimeout.TotalSeconds:0};Command Timeout={BackgroundTimeout.TotalSeconds:0}";

    [TestMethod]
    public async Task Requests_ShouldBeAnswered503ByTheRequestTimeouts_NotTheConnectionStrings_WhenPostgreSqlHangs()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_request_timeouts", [], null, ct, _stack);
        var node = await cluster.StartNodeAsync(5194, ct, new() { ["ConnectionStrings__Postgres"] = WithBackgroundTimeouts(cluster.Db) });
        await cluster.SeedUserAsync(ct);
        using var api = new ApiClient(node);
        api.Http.Timeout = TimeSpan.FromMinutes(3); // the old answers took longer than ApiClient's 60 s
        using (var warm = await api.Http.GetAsync("/api/tasks?limit=1", ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, warm.StatusCode, "a pooled connection of the requests is open and idle");
        }
        var stack = _stack.Control;

        var frozen = stack.PgFreeze();
        (HttpStatusCode Status, string Body, bool RetryAfter, TimeSpan Took) read, create;
        try
        {
            // On the idle pooled connection: the statement hangs until the command timeout, then Npgsql's cancel request.
            read = await TimedAsync(() => api.Http.GetAsync("/api/tasks?limit=1", ct), ct);
            // The broken connection cleared the pool: this one opens a new connection, whose start-up never answers.
            create = await TimedAsync(() => api.PostJsonAsync("/api/tasks", """{"user_id": 1, "tool_id": "profile-my-data"}""", ct), ct);
        }
        finally
        {
            Agensium.Chaos.StackControl.PgThaw(frozen);
            _stack.ClearPools(cluster.Db);
        }
        TestContext.WriteLine($"frozen PostgreSQL: GET /api/tasks answered {(int)read.Status} after {read.Took.TotalSeconds:0.0} s, POST /api/tasks {(int)create.Status} after {create.Took.TotalSeconds:0.0} s");

        foreach (var (name, answer) in new[] { ("GET /api/tasks", read), ("POST /api/tasks", create) })
        {
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, answer.Status, $"{name}: {answer.Body}");
            var body = JsonNode.Parse(answer.Body)!;
            Assert.AreEqual("DEPENDENCY_UNAVAILABLE", body["error_code"]!.GetValue<string>(), answer.Body);
            StringAssert.Contains(body["message"]!.GetValue<string>(), "The database (PostgreSQL) is unreachable");
            Assert.IsTrue(answer.RetryAfter, $"{name}: Retry-After");
            // Not a speed goal: the connection string's timeouts (60 s each) could not have run out yet, so the answer
            // came from the requests' own (5 s + 2 × 3 s for the cancel request, then 3 s).
            Assert.IsLessThan(BackgroundTimeout, answer.Took, $"{name} waited for the connection string's timeouts: {answer.Took.TotalSeconds:0.0} s");
        }

        // PostgreSQL answers again: so does the node, on new connections.
        await Poll.UntilAsync(async () =>
        {
            using var again = await api.Http.GetAsync("/api/tasks?limit=1", ct);
            return again.StatusCode == HttpStatusCode.OK ? "" : null;
        }, TimeSpan.FromSeconds(60), ct);
    }

    [TestMethod]
    public async Task JobsOwnSlowWrites_ShouldNotBeCutByTheRequestCommandTimeout_WhileARequestsSlowStatementIs()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_request_timeouts", [], null, ct, _stack);
        var node = await cluster.StartNodeAsync(5194, ct, new() { ["Database__RequestCommandTimeout"] = "00:00:02" });
        await cluster.SeedUserAsync(ct);
        await cluster.Db.ExecuteAsync("INSERT INTO users (id, email) VALUES (2, 'slow@agensium.local')", ct);
        using var api = new ApiClient(node);
        // Statements slower than the requests' 2 s: a job's start write (job_history) and a request's insert of user 2's task.
        await cluster.Db.ExecuteAsync("""
            CREATE FUNCTION test_slow_write() RETURNS trigger LANGUAGE plpgsql AS $slow$
            BEGIN
                PERFORM pg_sleep(6);
                RETURN NEW;
            END
            $slow$;
            CREATE TRIGGER test_slow_history BEFORE INSERT ON job_history FOR EACH ROW EXECUTE FUNCTION test_slow_write();
            CREATE TRIGGER test_slow_task BEFORE INSERT ON tasks FOR EACH ROW WHEN (NEW.user_id = 2) EXECUTE FUNCTION test_slow_write();
            """, ct);

        var id = await api.SubmitFaultAsync("ok", ct: ct);
        using var slowCreate = await api.PostJsonAsync("/api/tasks", """{"user_id": 2, "tool_id": "profile-my-data"}""", ct);
        var task = await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(90), ct);

        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), "the job's 6 s write ran to its end: " + task.ToJsonString());
        var text = await slowCreate.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, slowCreate.StatusCode, text);
        StringAssert.Contains(text, "DEPENDENCY_UNAVAILABLE");
        Assert.AreEqual(0L, await cluster.Db.ScalarAsync<long>("SELECT count(*) FROM tasks WHERE user_id = 2", ct), "the request's statement was cancelled, not committed");
    }

    /// <summary>
    /// The requests' pool is used by requests only, so after PostgreSQL restarted its idle connections stayed dead until a
    /// client's request found one and was answered 503 (on one pool, the node's loops found them within a second). The
    /// heartbeat now uses the requests' pool too: once the node has beaten after the restart, requests are served.
    /// </summary>
    [TestMethod]
    public async Task Requests_ShouldBeServed_OnceTheNodeHasBeatenAfterPostgreSqlRestarted()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_request_timeouts", [], null, ct, _stack);
        var node = await cluster.StartNodeAsync(5194, ct, new() { ["Dashboard__HeartbeatInterval"] = "00:00:01" });
        using var api = new ApiClient(node);
        using (var warm = await api.Http.GetAsync("/api/tasks?limit=1", ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, warm.StatusCode, "a pooled connection of the requests is open and idle");
        }
        var stack = _stack.Control;

        await stack.PgRestartAsync();
        _stack.ClearPools(cluster.Db); // the test's own client
        var restartedAt = await cluster.Db.ScalarAsync<DateTime>("SELECT pg_postmaster_start_time()", ct);
        // Two beats written after the restart: the first may have met a dead connection of its own (then cleared).
        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<DateTime>("SELECT max(last_seen) FROM nodes", ct) > restartedAt.AddSeconds(2) ? "" : null,
            TimeSpan.FromSeconds(60), ct);

        using var read = await api.Http.GetAsync("/api/tasks?limit=1", ct);
        Assert.AreEqual(HttpStatusCode.OK, read.StatusCode, await read.Content.ReadAsStringAsync(ct));
    }

    private static async Task<(HttpStatusCode Status, string Body, bool RetryAfter, TimeSpan Took)> TimedAsync(
        Func<Task<HttpResponseMessage>> call, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var response = await call();
        var body = await response.Content.ReadAsStringAsync(ct);
        return (response.StatusCode, body, response.Headers.Contains("Retry-After"), clock.Elapsed);
    }
}
