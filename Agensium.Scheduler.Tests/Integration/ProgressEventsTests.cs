using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using StackExchange.Redis;

namespace Agensium.Scheduler.Tests.Integration;

[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class ProgressEventsTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    /// <summary>
    /// Stop 40: during an automatic retry the PROCESSING event of the new attempt carried the previous attempt's
    /// error_code (the row kept it) while its progress events carried null. An attempt that runs has no error: the
    /// error is published with the QUEUED event of the retry wait, and every event of the attempt that runs says null.
    /// </summary>
    [TestMethod]
    public async Task RetryAttempt_ShouldPublishNoErrorCodeWhileItRuns_AndTheQueuedRetryEventCarriesIt()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(tool: "x-fault-injection", ct: ct);
        await api.UploadOkAsync(taskId, "fault.csv", "transient-until:2\n"u8.ToArray(), ct);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(StackSettings.RedisConfiguration);
        var onTask = new ConcurrentQueue<JsonObject>();
        (await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal($"agensium:task:{taskId}")))
            .OnMessage(m => onTask.Enqueue(JsonNode.Parse(m.Message.ToString())!.AsObject()));

        await api.ProcessOkAsync(taskId, ct);
        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(60), ct);
        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), task.ToJsonString());
        Assert.AreEqual(2, task["attempt"]!.GetValue<int>());
        await Poll.UntilAsync(() => Task.FromResult(onTask.Any(e => e["status"]!.GetValue<string>() == "COMPLETED") ? onTask : null),
            TimeSpan.FromSeconds(10), ct);

        var events = onTask.ToList();
        var all = string.Join("\n", events.Select(e => e.ToJsonString()));
        Assert.IsTrue(events.Any(e => e["status"]!.GetValue<string>() == "QUEUED" && e["error_code"]?.GetValue<string>() == "TRANSIENT_ERROR"), all);
        var processing = events.Where(e => e["status"]!.GetValue<string>() == "PROCESSING").ToList();
        Assert.IsGreaterThanOrEqualTo(2, processing.Count, all);
        foreach (var e in processing)
        {
            Assert.IsNull(e["error_code"], all);
        }
    }

    [TestMethod]
    public async Task RedisSubscriber_ShouldReceiveIncreasingProgressEndingAt100Completed_WhenATaskRuns()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "sample.csv", TestFiles.Sample("sample.csv"), ct);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(StackSettings.RedisConfiguration);
        var onTask = new ConcurrentQueue<JsonObject>();
        var onUser = new ConcurrentQueue<JsonObject>();
        var sub = redis.GetSubscriber();
        // Queue-based subscriptions deliver messages one at a time, in the order Redis sent them.
        (await sub.SubscribeAsync(RedisChannel.Literal($"agensium:task:{taskId}")))
            .OnMessage(m => onTask.Enqueue(JsonNode.Parse(m.Message.ToString())!.AsObject()));
        (await sub.SubscribeAsync(RedisChannel.Literal("agensium:user:1"))).OnMessage(m =>
        {
            var e = JsonNode.Parse(m.Message.ToString())!.AsObject();
            if (e["task_id"]!.GetValue<string>() == taskId) { onUser.Enqueue(e); }
        });

        await api.ProcessOkAsync(taskId, ct);
        await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(60), ct);
        await Poll.UntilAsync(() => Task.FromResult(onTask.Any(e => e["status"]!.GetValue<string>() == "COMPLETED") ? onTask : null),
            TimeSpan.FromSeconds(10), ct);

        var events = onTask.ToList();
        var progress = events.Select(e => e["progress"]!.GetValue<int>()).ToList();
        for (var i = 1; i < progress.Count; i++)
        {
            Assert.IsGreaterThanOrEqualTo(progress[i - 1], progress[i], $"progress went down: {string.Join(",", progress)}");
        }
        Assert.AreEqual("QUEUED", events[0]["status"]!.GetValue<string>());
        Assert.IsTrue(events.Any(e => e["status"]!.GetValue<string>() == "PROCESSING" && e["current_agent"]?.GetValue<string>() == "unified-profiler"),
            string.Join("\n", events.Select(e => e.ToJsonString())));
        var last = events[^1];
        Assert.AreEqual("COMPLETED", last["status"]!.GetValue<string>());
        Assert.AreEqual(100, last["progress"]!.GetValue<int>());
        foreach (var key in new[] { "task_id", "status", "progress", "current_agent", "error_code", "at" })
        {
            Assert.IsTrue(last.ContainsKey(key), $"event lacks {key}");
        }
        Assert.AreEqual(events.Count, onUser.Count, "the user channel carries the same events");

        // A late subscriber catches up from the last-state key, which expires after 24 h.
        var db = redis.GetDatabase();
        var lastState = JsonNode.Parse((string)(await db.StringGetAsync($"agensium:task:{taskId}:last"))!)!;
        Assert.AreEqual("COMPLETED", lastState["status"]!.GetValue<string>());
        var ttl = await db.KeyTimeToLiveAsync($"agensium:task:{taskId}:last");
        Assert.IsNotNull(ttl);
        Assert.IsTrue(ttl.Value > TimeSpan.FromHours(23) && ttl.Value <= TimeSpan.FromHours(24), ttl.ToString());
    }
}
