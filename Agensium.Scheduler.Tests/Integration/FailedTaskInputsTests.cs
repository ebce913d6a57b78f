using System.Net;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// A task that FAILED on its files (a data file that is not UTF-8, a broken parameters.json) takes a fixed file under
/// the same name and runs it on POST /retry. An outside tester found the failure's message saying "save it as UTF-8 …
/// and upload it again" while the upload answered 409 INVALID_TASK_STATE and the retry ran the same bad file.
/// </summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class FailedTaskInputsTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    [TestMethod]
    public async Task FailedTask_ShouldTakeAFixedFileUnderItsName_AndRunItOnRetry()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        // Windows-1252: "café" with é as the single byte 0xE9, as Excel's plain "CSV (Comma delimited)" writes it.
        byte[] latin = [.. "id,name\n1,caf"u8, 0xE9, .. "\n2,tea\n3,milk\n"u8];
        await api.UploadOkAsync(taskId, "orders.csv", latin, ct);
        await api.ProcessOkAsync(taskId, ct);
        var failed = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(120), ct);
        Assert.AreEqual("FAILED", failed["status"]!.GetValue<string>(), failed.ToJsonString());
        Assert.AreEqual("INVALID_INPUT_FILE", failed["error_code"]!.GetValue<string>(), failed.ToJsonString());
        StringAssert.Contains(failed["error_message"]!.GetValue<string>(), "upload it again");

        // The message's advice works: the file saved as UTF-8, uploaded under its name, replaces the bad one.
        using (var fixedUpload = await api.UploadAsync(taskId, "orders.csv", "id,name\n1,café\n2,tea\n3,milk\n"u8.ToArray(), ct))
        {
            var body = await fixedUpload.Content.ReadAsStringAsync(ct);
            Assert.AreEqual(HttpStatusCode.OK, fixedUpload.StatusCode, body);
            Assert.AreEqual("FAILED", JsonNode.Parse(body)!["status"]!.GetValue<string>(), "the task stays FAILED until it is retried: " + body);
        }
        var waiting = await api.GetTaskAsync(taskId, ct);
        Assert.AreEqual("FAILED", waiting["status"]!.GetValue<string>());
        Assert.AreEqual("INVALID_INPUT_FILE", waiting["error_code"]!.GetValue<string>(), "the failure stays shown until the retry");
        Assert.AreEqual(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @t", ct, ("t", taskId)), "replaced, not added");

        // /process runs a task once; its 409 names the retry.
        using (var process = await api.ProcessAsync(taskId, ct: ct))
        {
            var body = await process.Content.ReadAsStringAsync(ct);
            Assert.AreEqual(HttpStatusCode.Conflict, process.StatusCode, body);
            StringAssert.Contains(body, $"/api/tasks/{taskId}/retry");
        }

        using (var retry = await api.PostJsonAsync($"/api/tasks/{taskId}/retry", "", ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, retry.StatusCode, await retry.Content.ReadAsStringAsync(ct));
        }
        var done = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(120), ct);
        Assert.AreEqual("COMPLETED", done["status"]!.GetValue<string>(), done.ToJsonString());
        Assert.AreEqual(2, done["attempt"]!.GetValue<int>(), done.ToJsonString());

        // A finished task takes no files; the 409 says what to do instead.
        using var late = await api.UploadAsync(taskId, "orders.csv", "id\n1\n"u8.ToArray(), ct);
        var lateBody = await late.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.Conflict, late.StatusCode, lateBody);
        Assert.AreEqual("INVALID_TASK_STATE", JsonNode.Parse(lateBody)!["error_code"]!.GetValue<string>());
        StringAssert.Contains(lateBody, "Create a new task");
    }

    [TestMethod]
    public async Task QueuedOrRunningTask_ShouldRefuseAFile_SayingWhatWorks()
    {
        // Its files cannot change under its run: the 409 says so, and that a FAILED task takes them before a retry.
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.SubmitFaultAsync("sleep:30", ct: ct);
        try
        {
            using var upload = await api.UploadAsync(taskId, "data.csv", "sleep:1\n"u8.ToArray(), ct);
            var body = await upload.Content.ReadAsStringAsync(ct);
            Assert.AreEqual(HttpStatusCode.Conflict, upload.StatusCode, body);
            Assert.AreEqual("INVALID_TASK_STATE", JsonNode.Parse(body)!["error_code"]!.GetValue<string>());
            StringAssert.Contains(body, "retry");
        }
        finally
        {
            using var cancel = await api.CancelAsync(taskId, CancellationToken.None);
        }
    }
}
