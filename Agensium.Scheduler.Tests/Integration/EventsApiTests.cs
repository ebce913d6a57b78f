using System.Net;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>Server-sent events for browsers, relayed from Redis by any node.</summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class EventsApiTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    private static async Task<List<JsonObject>> ReadEventsAsync(HttpResponseMessage response, int max, CancellationToken ct)
    {
        var events = new List<JsonObject>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        while (events.Count < max && await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(JsonNode.Parse(line[6..])!.AsObject());
            }
        }
        return events;
    }

    // A task with its data uploaded (UPLOADING), and its event stream being read (up to 10 events).
    private static async Task<(string TaskId, HttpResponseMessage Response, Task<List<JsonObject>> Reading)> WatchUploadedTaskAsync(ApiClient api, CancellationToken ct)
    {
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "sample.csv", TestFiles.Sample("sample.csv"), ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tasks/{taskId}/events");
        var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        return (taskId, response, ReadEventsAsync(response, 10, ct));
    }

    [TestMethod]
    public async Task TaskEvents_ShouldStartWithTheCurrentStateAndEndAtCompleted_WhenTheTaskRunsOnAnotherNode()
    {
        var ct = TestContext.CancellationToken;
        using var a = new ApiClient(TestCluster.NodeA);
        using var b = new ApiClient(TestCluster.NodeB);
        var taskId = await a.CreateTaskAsync(ct: ct);
        await a.UploadOkAsync(taskId, "sample.csv", TestFiles.Sample("sample.csv"), ct);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tasks/{taskId}/events");
        using var response = await b.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var reading = ReadEventsAsync(response, 100, ct);
        await a.ProcessOkAsync(taskId, ct);

        var events = await reading.WaitAsync(TimeSpan.FromSeconds(60), ct);
        Assert.AreEqual("UPLOADING", events[0]["status"]!.GetValue<string>(), "the stream starts with the current state");
        Assert.AreEqual("COMPLETED", events[^1]["status"]!.GetValue<string>(), "and ends after the final status");
        Assert.AreEqual(100, events[^1]["progress"]!.GetValue<int>());
        Assert.IsTrue(events.Any(e => e["status"]!.GetValue<string>() == "PROCESSING"));
        var progress = events.Select(e => e["progress"]!.GetValue<int>()).Skip(1).ToList();
        CollectionAssert.AreEqual(progress.Order().ToList(), progress, string.Join(",", progress));

        // A finished task: one event with its final state, then the stream ends.
        using var done = await b.Http.GetAsync($"/api/tasks/{taskId}/events", ct);
        var replay = await ReadEventsAsync(done, 10, ct);
        Assert.HasCount(1, replay);
        Assert.AreEqual("COMPLETED", replay[0]["status"]!.GetValue<string>());
        // Stamped with the row's last change, not the moment of connecting.
        var row = JsonNode.Parse(await b.Http.GetStringAsync($"/api/tasks/{taskId}", ct))!;
        var at = replay[0]["at"]!.GetValue<DateTime>().ToUniversalTime();
        var completed = row["completed_at"]!.GetValue<DateTime>().ToUniversalTime();
        Assert.IsLessThan(TimeSpan.FromSeconds(2), (at - completed).Duration(), $"at {at:O}, completed_at {completed:O}");
    }

    [TestMethod]
    public async Task TaskEvents_ShouldEndFromTheRow_WhenTheFinalEventWasNeverPublished()
    {
        // An event published while Redis was down is lost: the stream stayed on PROCESSING forever. The row is read
        // again at every keep-alive (15 s), so a change made without any event (here by SQL) still ends the stream.
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var (taskId, response, reading) = await WatchUploadedTaskAsync(api, ct);
        using var _ = response;

        await Db.ExecuteAsync("UPDATE tasks SET status = 'EXPIRED', expired_at = now() WHERE task_id = @t", ct, ("t", taskId));

        var events = await reading.WaitAsync(TimeSpan.FromSeconds(45), ct);
        Assert.AreEqual("UPLOADING", events[0]["status"]!.GetValue<string>());
        Assert.AreEqual("EXPIRED", events[^1]["status"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task TaskEvents_ShouldEndWithDeleted_WhenTheTaskIsDeleted_AndTheLastStateSaysSo()
    {
        // A deleted task published nothing: its stream idled until a keep-alive closed it without a word, and the
        // last-state key kept saying what the task had been.
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var (taskId, response, reading) = await WatchUploadedTaskAsync(api, ct);
        using var _ = response;

        using (var deleted = await api.Http.DeleteAsync($"/api/tasks/{taskId}", ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, deleted.StatusCode);
        }

        // Well before the 15 s keep-alive that read the row again.
        var events = await reading.WaitAsync(TimeSpan.FromSeconds(10), ct);
        CollectionAssert.AreEqual(new[] { "UPLOADING", "DELETED" }, events.Select(e => e["status"]!.GetValue<string>()).ToArray());
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(StackSettings.RedisConfiguration);
        var last = JsonNode.Parse((string)(await redis.GetDatabase().StringGetAsync($"agensium:task:{taskId}:last"))!)!;
        Assert.AreEqual("DELETED", last["status"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task UserEvents_ShouldCarryEveryTaskOfTheUser()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/2/events");
        using var response = await api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var collected = new List<JsonObject>();
        var reading = Task.Run(async () =>
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
            while (await reader.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    lock (collected) { collected.Add(JsonNode.Parse(line[6..])!.AsObject()); }
                }
            }
        }, cts.Token);

        var first = await api.CreateTaskAsync(userId: 2, ct: ct);
        var second = await api.CreateTaskAsync(userId: 2, ct: ct);
        foreach (var id in new[] { first, second })
        {
            await api.UploadOkAsync(id, "sample.csv", TestFiles.Sample("sample.csv"), ct);
            await api.ProcessOkAsync(id, ct);
        }
        await Poll.UntilAsync(() =>
        {
            lock (collected)
            {
                var completed = collected.Where(e => e["status"]!.GetValue<string>() == "COMPLETED").Select(e => e["task_id"]!.GetValue<string>()).ToHashSet();
                return Task.FromResult(completed.SetEquals([first, second]) ? "" : null);
            }
        }, TimeSpan.FromSeconds(60), ct);
        await cts.CancelAsync();
        await reading.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [TestMethod]
    public async Task Events_ShouldRefuse_WhenUnauthorisedUnknownOrMalformed()
    {
        var ct = TestContext.CancellationToken;
        using var anonymous = new ApiClient(TestCluster.NodeA, apiKey: null);
        using var api = new ApiClient(TestCluster.NodeA);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await anonymous.Http.GetAsync($"/api/tasks/{Guid.NewGuid()}/events", ct)).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await api.Http.GetAsync($"/api/tasks/{Guid.NewGuid()}/events", ct)).StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await api.Http.GetAsync("/api/tasks/x/events", ct)).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await api.Http.GetAsync("/api/users/999999/events", ct)).StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await api.Http.GetAsync("/api/users/-1/events", ct)).StatusCode);
    }
}
