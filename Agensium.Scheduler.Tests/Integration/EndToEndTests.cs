using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class EndToEndTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    [TestMethod]
    public async Task ProfileTask_ShouldCompleteWithAProfilePerColumn_WhenASampleCsvIsUploadedAndProcessed()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "sample.csv", TestFiles.Sample("sample.csv"), ct);
        Assert.AreEqual("UPLOADING", (await api.GetTaskAsync(taskId, ct))["status"]!.GetValue<string>());
        // Stored byte for byte (no transfer encoding left in the object).
        Assert.AreEqual(File.ReadAllText(TestFiles.SamplePath("sample.csv")), await CommittedInputs.ReadAsync(taskId, "sample.csv", ct));
        await api.ProcessOkAsync(taskId, ct);

        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(60), ct);
        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), task.ToJsonString());
        Assert.AreEqual(100, task["progress"]!.GetValue<int>());
        Assert.IsNotNull(task["completed_at"]);
        Assert.IsNotNull(task["processing_started_at"]);

        var outputs = JsonNode.Parse(await api.Http.GetStringAsync($"/api/tasks/{taskId}/outputs", ct))!;
        var names = outputs["files"]!.AsArray().Select(f => f!["file_name"]!.GetValue<string>()).ToList();
        CollectionAssert.Contains(names, "profile_my_data_analysis.json");
        await AssertWorkbookOpensAsync(api, taskId, "profile_my_data_analysis.xlsx", "profile-my-data", ct);

        var report = JsonNode.Parse(await api.Http.GetStringAsync($"/api/tasks/{taskId}/outputs/profile_my_data_analysis.json", ct))!;
        Assert.AreEqual(taskId, report["metadata"]!["analysis_id"]!.GetValue<string>());
        Assert.AreEqual("profile-my-data", report["metadata"]!["tool"]!.GetValue<string>());
        var columns = ColumnNames(report["agent_results"]!["unified-profiler"]!["data"]!["columns"]!);
        var header = File.ReadLines(TestFiles.SamplePath("sample.csv")).First().Split(',');
        CollectionAssert.AreEquivalent(header, columns);

        var history = await Db.QueryAsync("SELECT status, attempt, duration_ms, result FROM job_history WHERE task_id = @t", ct, ("t", taskId));
        Assert.HasCount(1, history);
        Assert.AreEqual("COMPLETED", history[0]["status"]);
        Assert.AreEqual(1, history[0]["attempt"]);
        var result = JsonNode.Parse((string)history[0]["result"]!)!;
        Assert.AreEqual("success", result["status"]!.GetValue<string>());
        Assert.AreEqual(taskId, result["task_id"]!.GetValue<string>());
        Assert.IsGreaterThanOrEqualTo(0L, result["execution_time_ms"]!.GetValue<long>());
    }

    [TestMethod]
    [DataRow("clean-my-data", "sample1.csv", "clean_my_data_analysis.json", "sample1_cleaned_")]
    [DataRow("master-my-data", "master_my_data.csv", "master_my_data_analysis.json", "master_my_data_mastered_")]
    [DataRow("master-my-data", "master_my_data.xlsx", "master_my_data_analysis.json", "master_my_data_mastered_")]
    public async Task Tool_ShouldWriteItsReportAndItsDataFile_WhenRunThroughTheCluster(string tool, string sample, string report, string csvPrefix)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeB);
        var taskId = await api.CreateTaskAsync(tool: tool, ct: ct);
        await api.UploadOkAsync(taskId, sample, TestFiles.Sample(sample), ct);
        await api.ProcessOkAsync(taskId, ct);

        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(120), ct);
        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), task.ToJsonString());
        var outputs = JsonNode.Parse(await api.Http.GetStringAsync($"/api/tasks/{taskId}/outputs", ct))!["files"]!.AsArray()
            .Select(f => f!["file_name"]!.GetValue<string>()).ToList();
        CollectionAssert.Contains(outputs, report);
        await AssertWorkbookOpensAsync(api, taskId, Path.ChangeExtension(report, ".xlsx"), tool, ct);
        var csv = outputs.SingleOrDefault(o => o.StartsWith(csvPrefix, StringComparison.Ordinal) && o.EndsWith(".csv", StringComparison.Ordinal));
        Assert.IsNotNull(csv, string.Join(", ", outputs));

        var json = JsonNode.Parse(await api.Http.GetStringAsync($"/api/tasks/{taskId}/outputs/{report}", ct))!;
        Assert.AreEqual(tool, json["metadata"]!["tool"]!.GetValue<string>());
        Assert.IsNotEmpty(json["agent_results"]!.AsObject());
        var lines = (await api.Http.GetStringAsync($"/api/tasks/{taskId}/outputs/{csv}", ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.IsGreaterThan(1, lines.Length, "a header and data rows");
    }

    [TestMethod]
    public async Task CompletedTask_ShouldListOnlyItsOwnRunsOutputs_WhenAnEarlierAttemptLeftFilesBehind()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(tool: "clean-my-data", ct: ct);
        await api.UploadOkAsync(taskId, "sample.csv", TestFiles.Sample("sample.csv"), ct);
        // What a node killed half way through its upload leaves: a truncated cleaned CSV under another timestamp.
        var stale = $"users/1/tasks/{taskId}/outputs/clean_my_data_cleaned_20200101_000000.csv";
        await S3Probe.PutAsync(stale, "id,na", ct);
        await api.ProcessOkAsync(taskId, ct);

        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(120), ct);

        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), task.ToJsonString());
        var stored = await S3Probe.ListAsync($"users/1/tasks/{taskId}/outputs/", ct);
        CollectionAssert.DoesNotContain(stored, stale);
        Assert.HasCount(3, stored, string.Join(", ", stored));
        var listed = JsonNode.Parse(await api.Http.GetStringAsync($"/api/tasks/{taskId}/outputs", ct))!["files"]!.AsArray();
        Assert.HasCount(3, listed, listed.ToJsonString());
    }

    [TestMethod]
    public async Task UnknownToolInTheRow_ShouldFailWithUnknownTool_WhenTheJobRuns()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeB);
        var taskId = Guid.NewGuid().ToString();
        await Db.ExecuteAsync("INSERT INTO tasks (task_id, user_id, tool_id, status) VALUES (@t, 1, 'no-such-tool', 'UPLOADING')", ct, ("t", taskId));
        await S3Probe.PutAsync($"users/1/tasks/{taskId}/inputs/data.csv", "a,b\n1,2\n", ct);
        // Registered as an upload registers it: only task_inputs' files are a task's inputs.
        await Db.ExecuteAsync("INSERT INTO task_inputs (task_id, file_name, object_key) VALUES (@t, 'data.csv', @k)", ct,
            ("t", taskId), ("k", $"users/1/tasks/{taskId}/inputs/data.csv"));
        await api.ProcessOkAsync(taskId, ct);

        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(60), ct);
        Assert.AreEqual("FAILED", task["status"]!.GetValue<string>());
        Assert.AreEqual("UNKNOWN_TOOL", task["error_code"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task DebugEndpoint_ShouldReturnTheDebugJobResult_WhenANodeRunsIt()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeB);
        using var response = await api.PostJsonAsync("/api/debug", "", ct);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        Assert.AreEqual(200, (int)response.StatusCode, body.ToJsonString());
        Assert.AreEqual("ok", body["status"]!.GetValue<string>());
        var id = body["task_id"]!.GetValue<string>();
        Assert.AreEqual(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM job_history WHERE job_name = 'debug' AND task_id = @t AND status = 'COMPLETED'", ct, ("t", id)));
    }

    internal static List<string> ColumnNames(JsonNode columns) => columns is JsonArray list
        ? list.Select(c => c!["name"]!.GetValue<string>()).ToList()
        : columns.AsObject().Select(p => p.Key).ToList();

    // The Excel report is in S3 outputs/ next to the JSON, downloads through the API and opens as a workbook.
    private static async Task AssertWorkbookOpensAsync(ApiClient api, string taskId, string name, string tool, CancellationToken ct)
    {
        var listed = await S3Probe.ListAsync($"users/1/tasks/{taskId}/outputs/", ct);
        CollectionAssert.Contains(listed, $"users/1/tasks/{taskId}/outputs/{name}");
        using var response = await api.Http.GetAsync($"/api/tasks/{taskId}/outputs/{name}", ct);
        Assert.AreEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
        string path = Path.Combine(Path.GetTempPath(), $"{taskId}-{name}");
        try
        {
            await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync(ct), ct);
            var book = Analysis.Reporting.WorkbookReader.Open(path);
            Assert.AreEqual("Summary", book.SheetNames[0]);
            Assert.AreEqual(tool, book.RowStartingWith("Summary", "tool")[1]);
            Assert.Contains("Issues", book.SheetNames);
            Assert.AreEqual(0, book.FormulaCount);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
