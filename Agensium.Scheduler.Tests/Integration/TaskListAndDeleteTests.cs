using System.Net;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>AGENSIUM §3.1's task list (GET /api/tasks), downloads and camelCase report, and DELETE /api/tasks/{id} (the row and its S3 prefix).</summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class TaskListAndDeleteTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    [TestMethod]
    public async Task List_ShouldGiveTasksNewestFirst_FilteredAndPaged()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        using (var created = await api.PostJsonAsync("/api/tasks", """{"user_id": 2, "tool_id": "master-my-data"}""", ct))
        {
            var body = JsonNode.Parse(await created.Content.ReadAsStringAsync(ct))!;
            Assert.AreEqual(HttpStatusCode.Created, created.StatusCode);
            StringAssert.Contains(body["message"]!.GetValue<string>(), "/process", "AGENSIUM 3.1: the 201 carries a message");
        }
        var older = await api.CreateTaskAsync(userId: 2, tool: "master-my-data", ct: ct);
        var newer = await api.CreateTaskAsync(userId: 2, tool: "master-my-data", ct: ct);

        var page = JsonNode.Parse(await api.Http.GetStringAsync("/api/tasks?tool_id=master-my-data&user_id=2&status=created&limit=2", ct))!;
        var ids = page["tasks"]!.AsArray().Select(t => t!["task_id"]!.GetValue<string>()).ToList();
        CollectionAssert.AreEqual(new[] { newer, older }, ids);
        Assert.AreEqual(2, page["limit"]!.GetValue<int>());
        Assert.IsTrue(page["tasks"]!.AsArray().All(t => t!["status"]!.GetValue<string>() == "CREATED" && t["user_id"]!.GetValue<long>() == 2));
        var next = JsonNode.Parse(await api.Http.GetStringAsync("/api/tasks?tool_id=master-my-data&user_id=2&limit=1&offset=1", ct))!;
        Assert.AreEqual(older, next["tasks"]![0]!["task_id"]!.GetValue<string>());

        foreach (var (query, code) in new[] { ("status=FAILED&status=COMPLETED", "REPEATED_PARAMETER"), ("limit=101", "INVALID_LIMIT"), ("offset=-1", "INVALID_OFFSET"), ("status=DONE", "INVALID_STATUS"),
                     ("tool_id=nope", "UNKNOWN_TOOL"), ("staus=FAILED", "UNKNOWN_PARAMETER"), ("user_id=x", "INVALID_USER_ID") })
        {
            using var bad = await api.Http.GetAsync($"/api/tasks?{query}", ct);
            var body = JsonNode.Parse(await bad.Content.ReadAsStringAsync(ct))!;
            Assert.AreEqual(HttpStatusCode.BadRequest, bad.StatusCode, query);
            Assert.AreEqual(code, body["error_code"]!.GetValue<string>(), query);
        }

        // A mis-cased tool id is refused as task creation refuses it, and the message names the tool meant.
        using (var cased = await api.Http.GetAsync("/api/tasks?tool_id=Master-My-Data&user_id=2", ct))
        {
            var body = JsonNode.Parse(await cased.Content.ReadAsStringAsync(ct))!;
            Assert.AreEqual(HttpStatusCode.BadRequest, cased.StatusCode);
            Assert.AreEqual("UNKNOWN_TOOL", body["error_code"]!.GetValue<string>());
            StringAssert.Contains(body["message"]!.GetValue<string>(), "Did you mean 'master-my-data'?");
        }
    }

    [TestMethod]
    public async Task DownloadsAndReport_ShouldServeACompletedTasksOutputs()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeB);
        var taskId = await api.CreateTaskAsync(tool: "clean-my-data", ct: ct);
        // Two columns whose names differ only as snake_case and camelCase: the report re-keyed them into one (a 500).
        await api.UploadOkAsync(taskId, "sample.csv", System.Text.Encoding.UTF8.GetBytes("first_name,firstName,amount\nann,x,1\nbob,y,2\ncy,z,3\ndee,w,N/A\n"), ct);
        using (var early = await api.Http.GetAsync($"/api/tasks/{taskId}/downloads", ct))
        {
            Assert.AreEqual(HttpStatusCode.Conflict, early.StatusCode);
            StringAssert.Contains(await early.Content.ReadAsStringAsync(ct), "TASK_NOT_COMPLETED");
        }
        await api.ProcessOkAsync(taskId, ct);
        Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(120), ct))["status"]!.GetValue<string>());

        var downloads = JsonNode.Parse(await api.Http.GetStringAsync($"/api/tasks/{taskId}/downloads", ct))!["downloads"]!.AsArray();
        CollectionAssert.AreEquivalent(new[] { "json_report", "excel_report", "cleaned_data" }, downloads.Select(d => d!["type"]!.GetValue<string>()).ToArray());
        var csv = downloads.Single(d => d!["type"]!.GetValue<string>() == "cleaned_data")!;
        Assert.AreEqual("text/csv", csv["mime_type"]!.GetValue<string>());
        Assert.IsGreaterThan(DateTime.UtcNow.AddMinutes(55), csv["expires_at"]!.GetValue<DateTime>().ToUniversalTime());
        // expires_at is when the URL stops working: its signing time plus its lifetime, to the second.
        Assert.AreEqual(Api.DownloadsApi.SignedExpiry(csv["url"]!.GetValue<string>()), csv["expires_at"]!.GetValue<DateTime>().ToUniversalTime());
        // The presigned URL is fetched from the store directly, without the API key.
        using var direct = new HttpClient();
        var bytes = await direct.GetByteArrayAsync(csv["url"]!.GetValue<string>(), ct);
        Assert.AreEqual(csv["size_bytes"]!.GetValue<long>(), bytes.LongLength);

        var report = JsonNode.Parse(await api.Http.GetStringAsync($"/api/tasks/{taskId}/report", ct))!;
        Assert.AreEqual("clean-my-data", report["metadata"]!["tool"]!.GetValue<string>());
        Assert.IsNotNull(report["agentResults"]!["type-fixer"]);
        Assert.IsNotNull(report["type-fixer"]!["summaryMetrics"], "one key per agent id");
        Assert.IsNotNull(report["rowLevelIssues"]);
        Assert.AreEqual(3, report["downloads"]!.AsArray().Count);
        Assert.IsNotNull(report["downloads"]![0]!["mimeType"]);
        // An agent's data keeps the user's column names as they are.
        Assert.IsNotNull(report["type-fixer"]!["data"]!["column_types"]!["first_name"]);
        Assert.IsNotNull(report["type-fixer"]!["data"]!["column_types"]!["firstName"]);
        // The counts by issue type are keyed by the issue_type values the lists hold (null_token_normalized), not re-cased.
        var byType = report["issueSummary"]!["byType"]!.AsObject().Select(p => p.Key).ToList();
        var types = report["rowLevelIssues"]!.AsArray().Concat(report["issues"]!.AsArray()).Select(i => i!["issueType"]!.GetValue<string>()).ToHashSet();
        Assert.IsTrue(byType.Any(t => t.Contains('_')), string.Join(", ", byType));
        CollectionAssert.IsSubsetOf(byType, types.ToList(), $"{string.Join(", ", byType)} vs {string.Join(", ", types)}");

        // HEAD answers as GET would, without rendering a body.
        using (var head = await api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/tasks/{taskId}/report"), ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, head.StatusCode);
            Assert.AreEqual("application/json", head.Content.Headers.ContentType?.MediaType);
        }

        // A stored report that is not JSON (damaged or replaced in the store) is a clear 404, not a 500.
        await S3Probe.PutAsync($"users/1/tasks/{taskId}/outputs/clean_my_data_analysis.json", "{\"metadata\": [", ct);
        using var damaged = await api.Http.GetAsync($"/api/tasks/{taskId}/report", ct);
        Assert.AreEqual(HttpStatusCode.NotFound, damaged.StatusCode);
        StringAssert.Contains(await damaged.Content.ReadAsStringAsync(ct), "OUTPUT_NOT_FOUND");
    }

    [TestMethod]
    public async Task Delete_ShouldRemoveTheRowAndItsFiles_AndRefuseAnActiveTask()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var done = await api.SubmitFaultAsync("ok", ct: ct);
        Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(done, TimeSpan.FromSeconds(60), ct))["status"]!.GetValue<string>());
        var prefix = $"users/1/tasks/{done}/";
        var stored = (await S3Probe.ListAsync(prefix, ct)).Count;
        Assert.IsGreaterThanOrEqualTo(2, stored, "an input and an output");

        using (var deleted = await api.Http.DeleteAsync($"/api/tasks/{done}", ct))
        {
            var body = JsonNode.Parse(await deleted.Content.ReadAsStringAsync(ct))!;
            Assert.AreEqual(HttpStatusCode.OK, deleted.StatusCode, body.ToJsonString());
            Assert.AreEqual(stored, body["files_deleted"]!.GetValue<int>());
        }
        Assert.IsEmpty(await S3Probe.ListAsync(prefix, ct));
        Assert.AreEqual(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM tasks WHERE task_id = @t", ct, ("t", done)));
        Assert.IsGreaterThanOrEqualTo(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM job_history WHERE task_id = @t", ct, ("t", done)), "history keeps its attempts");
        Assert.AreEqual(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'delete' AND target = @t AND outcome = 'OK'", ct, ("t", done)));
        using (var again = await api.Http.DeleteAsync($"/api/tasks/{done}", ct))
        {
            Assert.AreEqual(HttpStatusCode.NotFound, again.StatusCode);
        }

        var running = await api.SubmitFaultAsync("sleep:30", ct: ct);
        await api.WaitForStatusAsync(running, "PROCESSING", TimeSpan.FromSeconds(30), ct);
        using (var refused = await api.Http.DeleteAsync($"/api/tasks/{running}", ct))
        {
            var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync(ct))!;
            Assert.AreEqual(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.AreEqual("TASK_ACTIVE", body["error_code"]!.GetValue<string>());
        }
        using (var cancel = await api.CancelAsync(running, ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, cancel.StatusCode);
        }
        await Poll.UntilAsync(async () => await Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @t AND status = 'RUNNING'", ct, ("t", running)) == 0 ? "" : null, TimeSpan.FromSeconds(30), ct);
        using (var afterCancel = await api.Http.DeleteAsync($"/api/tasks/{running}", ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, afterCancel.StatusCode);
        }
        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{running}/", ct));
    }
}
