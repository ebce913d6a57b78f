using System.Net;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>GET /api/tasks/{id}/explain: the seed's "task stuck in PENDING" troubleshooting, from the API.</summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class ExplainTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    private static async Task<JsonObject> ExplainAsync(ApiClient api, string taskId, CancellationToken ct) =>
        JsonNode.Parse(await api.Http.GetStringAsync($"/api/tasks/{taskId}/explain", ct))!.AsObject();

    [TestMethod]
    public async Task Explain_ShouldSayWhichQueueLimitHoldsATask_AndWhereRunningOnesRun()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var (running, waiting) = await api.FillLowPriorityAsync("sleep:6", "sleep:1", ct);

        var why = await ExplainAsync(api, waiting, ct);
        Assert.AreEqual("QUEUED", why["status"]!.GetValue<string>());
        Assert.AreEqual("low_priority", why["queue"]!.GetValue<string>());
        StringAssert.Contains(why["reason"]!.GetValue<string>(), "limit of 2 low_priority");
        var trigger = why["triggers"]!.AsArray().Single()!;
        Assert.AreEqual(waiting, trigger["name"]!.GetValue<string>());
        Assert.AreEqual("low_priority", trigger["execution_group"]!.GetValue<string>());
        var nodes = why["nodes"]!.AsArray();
        Assert.IsGreaterThanOrEqualTo(2, nodes.Count(n => n!["alive"]!.GetValue<bool>()));
        Assert.IsTrue(nodes.Where(n => n!["alive"]!.GetValue<bool>()).All(n => n!["running_in_queue"]!.GetValue<int>() == 2));

        var busy = await ExplainAsync(api, running[0], ct);
        Assert.AreEqual("PROCESSING", busy["status"]!.GetValue<string>());
        StringAssert.StartsWith(busy["reason"]!.GetValue<string>(), "Running on node ");
        Assert.AreEqual("EXECUTING", busy["firings"]!.AsArray().Single()!["state"]!.GetValue<string>());

        foreach (var id in running.Append(waiting))
        {
            await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(60), ct);
        }
        StringAssert.Contains((await ExplainAsync(api, waiting, ct))["reason"]!.GetValue<string>(), "COMPLETED");
    }

    [TestMethod]
    public async Task Explain_ShouldSayNothingWillRunIt_WhenAQueuedTaskHasNoTrigger()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeB);
        var taskId = Guid.NewGuid().ToString();
        await Db.ExecuteAsync("INSERT INTO tasks (task_id, user_id, tool_id, status, queue) VALUES (@t, 1, 'profile-my-data', 'QUEUED', 'default')", ct, ("t", taskId));
        var why = await ExplainAsync(api, taskId, ct);
        StringAssert.Contains(why["reason"]!.GetValue<string>(), "no trigger exists");
        Assert.IsEmpty(why["triggers"]!.AsArray());

        using var unknown = await api.Http.GetAsync($"/api/tasks/{Guid.NewGuid()}/explain", ct);
        Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);
        using var malformed = await api.Http.GetAsync("/api/tasks/nope/explain", ct);
        Assert.AreEqual(HttpStatusCode.BadRequest, malformed.StatusCode);
    }
}
