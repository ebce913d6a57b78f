using System.Text;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>Bad data and bad parameters through the real cluster: a clear task error code or a clear report, never a crashed node, nothing half-written.</summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class BadDataTaskTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    [TestMethod]
    [DataRow("{\"unified-profiler\": {\"null_alert_threshold\": ", "INVALID_PARAMETERS")]
    [DataRow("[\"not\", \"an\", \"object\"]", "INVALID_PARAMETERS")]
    [DataRow("{\"unified-profiler\": {\"null_alert_threshold\": \"lots\"}}", "INVALID_PARAMETERS")]
    [DataRow("{\"no-such-agent\": {}}", "UNKNOWN_AGENT")]
    [DataRow("{\"golden-record-builder\": {}}", "UNKNOWN_AGENT")]
    public async Task Task_ShouldFailWithAParameterCodeAndNoOutputs_WhenParametersJsonIsBad(string parameters, string code)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "sample.csv", TestFiles.Sample("sample.csv"), ct);
        await api.UploadOkAsync(taskId, "parameters.json", Encoding.UTF8.GetBytes(parameters), ct);
        await api.ProcessOkAsync(taskId, ct);

        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(60), ct);

        Assert.AreEqual("FAILED", task["status"]!.GetValue<string>(), task.ToJsonString());
        Assert.AreEqual(code, task["error_code"]!.GetValue<string>());
        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{taskId}/outputs/", ct));
        Assert.AreEqual(HttpStatusCodeOk, (int)(await api.Http.GetAsync("/health", ct)).StatusCode, "the node is still up");

        // A file a failed attempt left behind (e.g. a node killed mid-upload) is never served as the task's output.
        await S3Probe.PutAsync($"users/1/tasks/{taskId}/outputs/leftover.json", "{}", ct);
        var listed = JsonNode.Parse(await api.Http.GetStringAsync($"/api/tasks/{taskId}/outputs", ct))!;
        Assert.IsEmpty(listed["files"]!.AsArray());
        using var leftover = await api.Http.GetAsync($"/api/tasks/{taskId}/outputs/leftover.json", ct);
        Assert.AreEqual(404, (int)leftover.StatusCode);
    }

    [TestMethod]
    public async Task Task_ShouldReportTheColumnDifferences_WhenTheBaselineHasOtherColumns()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeB);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "current.csv", Encoding.UTF8.GetBytes("id,amount,city\n1,10,Oslo\n2,12,Rome\n"), ct);
        await api.UploadOkAsync(taskId, "baseline.csv", Encoding.UTF8.GetBytes("id,price,country\n1,9,NO\n2,11,IT\n"), ct);
        await api.ProcessOkAsync(taskId, ct);

        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(60), ct);

        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), task.ToJsonString());
        var report = JsonNode.Parse(await api.Http.GetStringAsync($"/api/tasks/{taskId}/outputs/profile_my_data_analysis.json", ct))!;
        var drift = report["agent_results"]!["drift-detector"]!["data"]!;
        Assert.AreEqual("price, country", Names(drift, "missing_columns"));
        Assert.AreEqual("amount, city", Names(drift, "new_columns"));
        var alerts = report["alerts"]!.AsArray().Select(a => a!["message"]!.GetValue<string>()).ToList();
        Assert.IsTrue(alerts.Any(m => m.Contains("missing from the current file: price, country", StringComparison.Ordinal)), string.Join(" | ", alerts));
    }

    [TestMethod]
    public async Task Task_ShouldCompleteWithEveryColumnProfiled_WhenTheFileHasTenThousandColumns()
    {
        var ct = TestContext.CancellationToken;
        const int columns = 10_000;
        var csv = new StringBuilder().AppendJoin(',', Enumerable.Range(0, columns).Select(c => $"c{c}")).Append('\n');
        for (int r = 0; r < 10; r++)
        {
            csv.AppendJoin(',', Enumerable.Range(0, columns).Select(c => (r + c) % 7)).Append('\n');
        }

        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "wide.csv", Encoding.UTF8.GetBytes(csv.ToString()), ct);
        await api.ProcessOkAsync(taskId, ct);

        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(180), ct);

        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), task.ToJsonString());
        var report = JsonNode.Parse(await api.Http.GetStringAsync($"/api/tasks/{taskId}/outputs/profile_my_data_analysis.json", ct))!;
        var profiled = report["agent_results"]?["unified-profiler"]?["summary_metrics"]?["total_columns"]?.GetValue<int>();
        // An intermittent miss here (once in a clean-clone CI run, 2026-12-03) left no summary: show what the agent reported.
        Assert.AreEqual(columns, profiled, report["agent_results"]?["unified-profiler"]?.ToJsonString() is { } agent ? agent[..Math.Min(agent.Length, 2000)] : "no unified-profiler result");
        CollectionAssert.Contains(await S3Probe.ListAsync($"users/1/tasks/{taskId}/outputs/", ct), $"users/1/tasks/{taskId}/outputs/profile_my_data_analysis.xlsx");
    }

    private const int HttpStatusCodeOk = 200;

    private static string Names(JsonNode drift, string key) =>
        string.Join(", ", drift[key]!.AsArray().Select(n => n!.GetValue<string>()));
}
