using System.Net;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>Many clients racing on one task, through both nodes at once.</summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class ConcurrencyTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    [TestMethod]
    public async Task UploadStillArriving_ShouldBeRefusedWithoutTouchingTheFiles_WhenTheTaskIsProcessedMeanwhile()
    {
        var ct = TestContext.CancellationToken;
        using var a = new ApiClient(TestCluster.NodeA);
        using var b = new ApiClient(TestCluster.NodeB);
        var taskId = await a.CreateTaskAsync(tool: "x-fault-injection", ct: ct);
        await a.UploadOkAsync(taskId, "data.csv", "ok\n"u8.ToArray(), ct);

        // A second upload of the same name starts, and its body is still arriving when the task is processed.
        var rest = new TaskCompletionSource();
        var body = new SlowBody("sleep:1\n"u8.ToArray(), rest.Task);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var late = a.Http.PutAsync($"/api/tasks/{taskId}/inputs/data.csv", body, ct);
        await body.FirstPartSent.WaitAsync(TimeSpan.FromSeconds(10), ct);
        await b.ProcessOkAsync(taskId, ct);
        rest.SetResult();

        using var refused = await late;
        Assert.AreEqual(HttpStatusCode.Conflict, refused.StatusCode, await refused.Content.ReadAsStringAsync(ct));
        // The refused upload changed nothing: the file the job reads is the one accepted before /process (it was
        // overwritten by the late body and then deleted, so the task had no input left).
        Assert.AreEqual("ok\n", await CommittedInputs.ReadAsync(taskId, "data.csv", ct));
        var task = await a.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(60), ct);
        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), task.ToJsonString());
    }

    [TestMethod]
    public async Task FiftySimultaneousProcessCalls_ShouldQueueExactlyOneJob()
    {
        var ct = TestContext.CancellationToken;
        using var a = new ApiClient(TestCluster.NodeA);
        using var b = new ApiClient(TestCluster.NodeB);
        var taskId = await a.CreateTaskAsync(ct: ct);
        await a.UploadOkAsync(taskId, "sample.csv", TestFiles.Sample("sample.csv"), ct);

        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            start.Wait(ct);
            using var response = await (i % 2 == 0 ? a : b).ProcessAsync(taskId, ct: ct);
            return response.StatusCode;
        }, ct)).ToList();
        start.Set();
        var codes = await Task.WhenAll(calls);

        Assert.AreEqual(1, codes.Count(c => c == HttpStatusCode.Accepted), string.Join(",", codes));
        Assert.AreEqual(49, codes.Count(c => c == HttpStatusCode.Conflict), string.Join(",", codes));
        Assert.AreEqual("COMPLETED", (await a.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(60), ct))["status"]!.GetValue<string>());
        Assert.AreEqual(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM job_history WHERE task_id = @t", ct, ("t", taskId)));
    }

    [TestMethod]
    public async Task FiftyMixedCancelAndProcessCalls_ShouldLeaveOneConsistentState()
    {
        var ct = TestContext.CancellationToken;
        using var a = new ApiClient(TestCluster.NodeA);
        using var b = new ApiClient(TestCluster.NodeB);
        for (var round = 0; round < 3; round++)
        {
            var taskId = await a.CreateTaskAsync(tool: "x-fault-injection", ct: ct);
            await a.UploadOkAsync(taskId, "fault.csv", "sleep:1\n"u8.ToArray(), ct);
            using var start = new ManualResetEventSlim();
            var calls = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
            {
                start.Wait(ct);
                var api = i % 2 == 0 ? a : b;
                using var response = i % 3 == 0 ? await api.ProcessAsync(taskId, ct: ct) : await api.CancelAsync(taskId, ct);
                return (Process: i % 3 == 0, response.StatusCode);
            }, ct)).ToList();
            start.Set();
            var results = await Task.WhenAll(calls);

            var processed = results.Count(r => r.Process && r.StatusCode == HttpStatusCode.Accepted);
            var cancelled = results.Count(r => !r.Process && r.StatusCode == HttpStatusCode.OK);
            Assert.IsTrue(results.All(r => r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK or HttpStatusCode.Conflict),
                string.Join(",", results.Select(r => r.StatusCode)));
            Assert.AreEqual(1, processed, "exactly one process call queued the task");
            Assert.IsLessThanOrEqualTo(1, cancelled, "at most one cancel took effect");

            var task = await a.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(60), ct);
            // A cancel makes the task final at once; a run it stops closes its attempt a moment later.
            var history = await Poll.UntilAsync(async () =>
            {
                var rows = await Db.QueryAsync("SELECT status FROM job_history WHERE task_id = @t", ct, ("t", taskId));
                return rows.Any(r => (string)r["status"]! == "RUNNING") ? null : rows;
            }, TimeSpan.FromSeconds(10), ct);
            Assert.IsLessThanOrEqualTo(1, history.Count);
            if (cancelled == 1)
            {
                Assert.AreEqual("CANCELLED", task["status"]!.GetValue<string>());
                Assert.IsTrue(history.All(h => (string)h["status"]! is "CANCELLED" or "SKIPPED"), string.Join(", ", history.Select(h => h["status"])));
            }
            else
            {
                Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>());
                Assert.AreEqual("COMPLETED", history.Single()["status"]);
            }
        }
    }
}
