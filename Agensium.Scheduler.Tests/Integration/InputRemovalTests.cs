using System.Net;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// DELETE /api/tasks/{id}/inputs/{name} takes an uploaded file out of a task that is not queued or running: before, a
/// user who uploaded a wrong file could only upload the right one under the SAME name to replace it, and a wrong file
/// under another name stayed beside the right one (of two data files the last in name order is analysed). The row and
/// the object go together: the row in one transaction with the object's removal record, so a node that dies before S3
/// answers leaves the object to another node (<see cref="Removal_ShouldBeFinishedByAnotherNode_WhenTheNodeDiesBeforeS3Answers"/>).
/// </summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class InputRemovalTests
{
    public TestContext TestContext { get; set; } = null!;

    private static async Task<(HttpStatusCode Status, JsonNode Body)> RemoveAsync(ApiClient api, string taskId, string name, CancellationToken ct)
    {
        using var response = await api.Http.DeleteAsync($"/api/tasks/{taskId}/inputs/{Uri.EscapeDataString(name)}", ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return (response.StatusCode, JsonNode.Parse(text)!);
    }

    [TestMethod]
    public async Task RemovedInput_ShouldLeaveTheTaskAndS3_AndTheTaskRunsOnItsOtherFiles()
    {
        var ct = TestContext.CancellationToken;
        await TestCluster.EnsureStartedAsync(ct);
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "orders.csv", "id,name\n1,tea\n2,milk\n"u8.ToArray(), ct);
        // The wrong file: not UTF-8, and last in name order, so it is the one analysed while it is there.
        await api.UploadOkAsync(taskId, "wrong.csv", [.. "id,name\n1,caf"u8, 0xE9, .. "\n"u8], ct);
        var wrongKey = await CommittedInputs.KeyAsync(taskId, "wrong.csv", ct);
        Assert.IsNotNull(wrongKey);

        var (status, body) = await RemoveAsync(api, taskId, "wrong.csv", ct);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToJsonString());
        Assert.AreEqual(taskId, body["task_id"]!.GetValue<string>());
        Assert.AreEqual("wrong.csv", body["file_name"]!.GetValue<string>());
        Assert.AreEqual("UPLOADING", body["status"]!.GetValue<string>());
        CollectionAssert.AreEqual(new[] { "orders.csv" },
            (await Db.QueryAsync("SELECT file_name FROM task_inputs WHERE task_id = @t", ct, ("t", taskId))).Select(r => (string)r["file_name"]!).ToArray());
        Assert.IsEmpty(await S3Probe.ListAsync(wrongKey, ct), "the object is gone from S3");
        Assert.AreEqual(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM s3_removals WHERE object_key = @k", ct, ("k", wrongKey)), "and its removal record with it");

        // Gone once: a second removal is 404 with the usual body.
        var (again, againBody) = await RemoveAsync(api, taskId, "wrong.csv", ct);
        Assert.AreEqual(HttpStatusCode.NotFound, again);
        Assert.AreEqual("INPUT_NOT_FOUND", againBody["error_code"]!.GetValue<string>(), againBody.ToJsonString());
        StringAssert.Contains(againBody["message"]!.GetValue<string>(), "'wrong.csv'");

        await api.ProcessOkAsync(taskId, ct);
        var done = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(120), ct);
        Assert.AreEqual("COMPLETED", done["status"]!.GetValue<string>(), "the task ran on orders.csv: " + done.ToJsonString());
    }

    [TestMethod]
    public async Task Removal_ShouldFindTheNameInUnicodeFormC_AndNotInAnotherLetterCase()
    {
        var ct = TestContext.CancellationToken;
        await TestCluster.EnsureStartedAsync(ct);
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "\u00e9t\u00e9.csv", "id\n1\n"u8.ToArray(), ct); // été.csv, precomposed
        await api.UploadOkAsync(taskId, "Data.csv", "id\n2\n"u8.ToArray(), ct);

        // Another letter case is another name to an upload (a clash, 409), so no file here: 404, naming the one held.
        var (caseStatus, caseBody) = await RemoveAsync(api, taskId, "data.csv", ct);
        Assert.AreEqual(HttpStatusCode.NotFound, caseStatus, caseBody.ToJsonString());
        Assert.AreEqual("INPUT_NOT_FOUND", caseBody["error_code"]!.GetValue<string>());
        StringAssert.Contains(caseBody["message"]!.GetValue<string>(), "it holds 'Data.csv'");

        // e + a combining acute: the same name in form C, as an upload of it replaces the precomposed one.
        var (status, body) = await RemoveAsync(api, taskId, "e\u0301te\u0301.csv", ct);
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToJsonString());
        Assert.AreEqual("\u00e9t\u00e9.csv", body["file_name"]!.GetValue<string>(), "the name as the task held it");
        CollectionAssert.AreEqual(new[] { "Data.csv" },
            (await Db.QueryAsync("SELECT file_name FROM task_inputs WHERE task_id = @t", ct, ("t", taskId))).Select(r => (string)r["file_name"]!).ToArray());

        var (unknown, unknownBody) = await RemoveAsync(api, Guid.NewGuid().ToString(), "Data.csv", ct);
        Assert.AreEqual(HttpStatusCode.NotFound, unknown);
        Assert.AreEqual("TASK_NOT_FOUND", unknownBody["error_code"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Removal_ShouldBeRefusedWhileTheTaskIsQueuedOrRunning_AndTakenOnceItFailed()
    {
        var ct = TestContext.CancellationToken;
        await TestCluster.EnsureStartedAsync(ct);
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.SubmitFaultAsync("sleep:30", ct: ct);
        var name = (await Db.QueryAsync("SELECT file_name FROM task_inputs WHERE task_id = @t", ct, ("t", taskId))).Select(r => (string)r["file_name"]!).First();
        try
        {
            var (status, body) = await RemoveAsync(api, taskId, name, ct);
            Assert.AreEqual(HttpStatusCode.Conflict, status, body.ToJsonString());
            Assert.AreEqual("INVALID_TASK_STATE", body["error_code"]!.GetValue<string>());
            StringAssert.Contains(body["message"]!.GetValue<string>(), "cannot change while it is queued or running");
            Assert.AreEqual(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @t AND file_name = @n", ct, ("t", taskId), ("n", name)), "the file stays");
        }
        finally
        {
            using var _ = await api.CancelAsync(taskId, ct);
        }
        var cancelled = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(60), ct);
        var (late, lateBody) = await RemoveAsync(api, taskId, name, ct);
        Assert.AreEqual(HttpStatusCode.Conflict, late, cancelled.ToJsonString() + lateBody.ToJsonString());

        // A FAILED task takes and gives up files before its retry.
        var failedId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(failedId, "orders.csv", [.. "id,name\n1,caf"u8, 0xE9, .. "\n"u8], ct);
        await api.ProcessOkAsync(failedId, ct);
        Assert.AreEqual("FAILED", (await api.WaitForFinalAsync(failedId, TimeSpan.FromSeconds(120), ct))["status"]!.GetValue<string>());
        var (removed, removedBody) = await RemoveAsync(api, failedId, "orders.csv", ct);
        Assert.AreEqual(HttpStatusCode.OK, removed, removedBody.ToJsonString());
        Assert.AreEqual("FAILED", removedBody["status"]!.GetValue<string>(), "the task stays FAILED until it is retried");
        Assert.AreEqual(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @t", ct, ("t", failedId)));
    }

    /// <summary>
    /// The row goes in one transaction with the object's removal record: a node that dies while S3 has not answered the
    /// object's delete leaves neither a task_inputs row pointing at nothing nor an object nobody removes.
    /// </summary>
    [TestMethod]
    public async Task Removal_ShouldBeFinishedByAnotherNode_WhenTheNodeDiesBeforeS3Answers()
    {
        var ct = TestContext.CancellationToken;
        await using var proxy = FreezableProxy.Start(int.Parse(StackSettings.S3Port, System.Globalization.CultureInfo.InvariantCulture));
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_input_removal_dies", [5194], new()
        {
            // A short S3 timeout keeps a removal row's lease short (6 × the timeout): the replacement takes it sooner.
            ["S3__ServiceUrl"] = $"http://127.0.0.1:{proxy.Port}",
            ["S3__Timeout"] = "00:00:02",
            ["S3__PauseAfterTimeout"] = "00:00:01",
            ["S3__RemovalPollInterval"] = "00:00:01",
            ["S3__RemovalMinimumLease"] = "00:00:01",
        }, ct);
        using var api = new ApiClient(cluster.Nodes[0]);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "wrong.csv", "a,b\n1,2\n"u8.ToArray(), ct);
        var key = await cluster.Db.ScalarAsync<string>("SELECT object_key FROM task_inputs WHERE task_id = @t", ct, ("t", taskId));
        Assert.IsNotNull(key);

        proxy.Hold("DELETE /"); // the store answers no delete
        var removal = api.Http.DeleteAsync($"/api/tasks/{taskId}/inputs/wrong.csv", ct);
        await Poll.UntilAsync(() => Task.FromResult(proxy.Held > 0 ? "" : null), TimeSpan.FromSeconds(30), ct);
        Assert.AreEqual(0L, await cluster.Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @t", ct, ("t", taskId)), "no longer an input");
        Assert.AreEqual("removed-input", await cluster.Db.ScalarAsync<string>("SELECT reason FROM s3_removals WHERE object_key = @k", ct, ("k", key)));
        cluster.Nodes[0].Kill();
        try
        {
            using var _ = await removal;
        }
        catch (HttpRequestException)
        {
            // The node died before it answered.
        }
        Assert.IsNotEmpty(await S3Probe.ListAsync(key, ct), "the object is still there with its node gone");

        await cluster.StartNodeAsync(5194, ct, new Dictionary<string, string> { ["S3__ServiceUrl"] = StackSettings.S3Url });
        await Poll.UntilAsync(async () => (await S3Probe.ListAsync(key, ct)).Count == 0 ? "" : null, TimeSpan.FromSeconds(120), ct);
        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<long>("SELECT count(*) FROM s3_removals WHERE object_key = @k", ct, ("k", key)) == 0 ? "" : null,
            TimeSpan.FromSeconds(30), ct);
    }
}
