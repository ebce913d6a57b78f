using System.Net;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>Every bad-input case of the API answers 4xx with {error_code, message} and leaves no row and no object.</summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class BadInputTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(status, response.StatusCode, body);
        var json = JsonNode.Parse(body)!;
        Assert.AreEqual(code, json["error_code"]!.GetValue<string>(), body);
        Assert.IsFalse(string.IsNullOrWhiteSpace(json["message"]?.GetValue<string>()), body);
    }

    private static Task<long> TaskCountAsync(CancellationToken ct) => Db.ScalarAsync<long>("SELECT count(*) FROM tasks", ct);

    [TestMethod]
    [DataRow("""{"user_id": 1, "tool_id": "no-such-tool"}""", 400, "UNKNOWN_TOOL")]
    [DataRow("""{"user_id": 999999, "tool_id": "profile-my-data"}""", 404, "USER_NOT_FOUND")]
    [DataRow("""{"user_id": "1", "tool_id": "profile-my-data"}""", 400, "INVALID_USER_ID")]
    [DataRow("""{"user_id": -5, "tool_id": "profile-my-data"}""", 400, "INVALID_USER_ID")]
    [DataRow("""{"user_id": 1}""", 400, "INVALID_TOOL_ID")]
    [DataRow("""{"user_id": 1, "tool_id": "profile-my-data", "agents": ["nope"]}""", 400, "UNKNOWN_AGENT")]
    [DataRow("""{"user_id": 1, "tool_id": "profile-my-data", "agents": "unified-profiler"}""", 400, "INVALID_AGENTS")]
    [DataRow("""{"user_id": 1, "tool_id": """, 400, "INVALID_JSON")]
    [DataRow("""[1, 2]""", 400, "INVALID_JSON")]
    [DataRow("""{"user_id": 1, "tool_id": "nope", "tool_id": "profile-my-data"}""", 400, "INVALID_JSON")]
    [DataRow("", 400, "EMPTY_BODY")]
    [DataRow(" ", 400, "EMPTY_BODY")] // white space alone is no body either (it was INVALID_JSON)
    [DataRow(" \r\n\t\n", 400, "EMPTY_BODY")]
    [DataRow("\uFEFF\n", 400, "EMPTY_BODY")]
    [DataRow("""{"user_id": 1, "tool_id": "profile-my-data", "agnets": ["unified-profiler"]}""", 400, "UNKNOWN_FIELD")]
    public async Task CreateTask_ShouldRefuseAndStoreNothing_WhenTheBodyIsBad(string body, int status, string code)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var before = await TaskCountAsync(ct);
        using var response = await api.PostJsonAsync("/api/tasks", body, ct);
        await AssertErrorAsync(response, (HttpStatusCode)status, code);
        Assert.AreEqual(before, await TaskCountAsync(ct));
    }

    [TestMethod]
    public async Task CreateTask_ShouldNameAFewUnknownAgentsAndCountTheRest_WhenThousandsAreGiven()
    {
        // Every unknown name was repeated (cut to 100 characters): 5,000 of them gave a ~40 KB message (4,000 fit the 64 KiB body).
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var agents = string.Join(", ", Enumerable.Range(0, 4000).Select(i => $"\"nope-{i}\""));
        using var response = await api.PostJsonAsync("/api/tasks", $$"""{"user_id": 1, "tool_id": "profile-my-data", "agents": ["nope-0", {{agents}}]}""", ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, body);
        var message = JsonNode.Parse(body)!["message"]!.GetValue<string>();
        Assert.AreEqual("UNKNOWN_AGENT", JsonNode.Parse(body)!["error_code"]!.GetValue<string>());
        Assert.AreEqual("profile-my-data has no agent named 'nope-0', 'nope-1', 'nope-2', 'nope-3', 'nope-4' and 3995 more.", message, "distinct names, the first five");
    }

    [TestMethod]
    public async Task CreateTask_ShouldSuggestTheAgentMeant_WhenAnAgentIsMisspelt()
    {
        // The stop-51 probe: "agents": ["type_fixer"] was refused with no word of type-fixer, as the CLI's analyze was.
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        using var response = await api.PostJsonAsync("/api/tasks", """{"user_id": 1, "tool_id": "clean-my-data", "agents": ["type_fixer"]}""", ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, body);
        Assert.AreEqual("clean-my-data has no agent named 'type_fixer'. Did you mean 'type-fixer'?", JsonNode.Parse(body)!["message"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task JsonBodies_ShouldBeRefusedWith400_WhenTheyAreNotUtf8()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var before = await TaskCountAsync(ct);
        byte[] create = [.. "{\"user_id\": 1, \"tool_id\": \""u8, 0xFF, 0xFE, .. "\"}"u8];
        using var content = new ByteArrayContent(create);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        await AssertErrorAsync(await api.Http.PostAsync("/api/tasks", content, ct), HttpStatusCode.BadRequest, "INVALID_JSON");
        Assert.AreEqual(before, await TaskCountAsync(ct));

        var taskId = await api.CreateTaskAsync(ct: ct);
        byte[] process = [.. "{\"queue\": \""u8, 0xC3, .. "\"}"u8];
        using var processContent = new ByteArrayContent(process);
        processContent.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        await AssertErrorAsync(await api.Http.PostAsync($"/api/tasks/{taskId}/process", processContent, ct), HttpStatusCode.BadRequest, "INVALID_JSON");
    }

    [TestMethod]
    public async Task CreateTask_ShouldAnswer503WithRetryAfter_WhenTheDatabaseFailsTransiently()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var before = await Db.ScalarAsync<long>("SELECT count(*) FROM tasks WHERE user_id = 2", ct);
        // 40001 is one of the errors Npgsql counts as transient, like a lost connection or a database starting up.
        await DbFaults.ArmAsync(Db.Shared, "create_task", "tasks", "BEFORE INSERT", "NEW.user_id = 2", int.MaxValue, "40001", ct);
        try
        {
            using var response = await api.PostJsonAsync("/api/tasks", """{"user_id": 2, "tool_id": "profile-my-data"}""", ct);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;

            Assert.AreEqual(503, (int)response.StatusCode, body.ToJsonString());
            Assert.AreEqual("DEPENDENCY_UNAVAILABLE", body["error_code"]!.GetValue<string>());
            StringAssert.Contains(body["message"]!.GetValue<string>(), "PostgreSQL");
            Assert.AreEqual("5", response.Headers.RetryAfter?.ToString());
            // An expected outage is a one-line warning in the node's log, not an error with a stack trace per request.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!TestCluster.NodeA.ReadLog().Contains("Request POST /api/tasks answered 503: The database (PostgreSQL) is unreachable", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }

            StringAssert.Contains(TestCluster.NodeA.ReadLog(), "Request POST /api/tasks answered 503: The database (PostgreSQL) is unreachable");
        }
        finally
        {
            await DbFaults.DisarmAsync(Db.Shared, "create_task", "tasks", ct);
        }
        Assert.AreEqual(before, await Db.ScalarAsync<long>("SELECT count(*) FROM tasks WHERE user_id = 2", ct));
        await api.CreateTaskAsync(userId: 2, ct: ct);
    }

    [TestMethod]
    public async Task TaskRoutes_ShouldAnswer400Or404_WhenTheIdIsMalformedOrUnknown()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        await AssertErrorAsync(await api.Http.GetAsync("/api/tasks/not-a-uuid", ct), HttpStatusCode.BadRequest, "INVALID_TASK_ID");
        await AssertErrorAsync(await api.Http.GetAsync($"/api/tasks/{new string('a', 5000)}", ct), HttpStatusCode.BadRequest, "INVALID_TASK_ID");
        await AssertErrorAsync(await api.Http.GetAsync("/api/tasks/' OR 1=1 --", ct), HttpStatusCode.BadRequest, "INVALID_TASK_ID");
        var unknown = Guid.NewGuid().ToString();
        await AssertErrorAsync(await api.Http.GetAsync($"/api/tasks/{unknown}", ct), HttpStatusCode.NotFound, "TASK_NOT_FOUND");
        await AssertErrorAsync(await api.ProcessAsync(unknown, ct: ct), HttpStatusCode.NotFound, "TASK_NOT_FOUND");
        await AssertErrorAsync(await api.UploadAsync(unknown, "a.csv", "x\n1\n"u8.ToArray(), ct), HttpStatusCode.NotFound, "TASK_NOT_FOUND");
        await AssertErrorAsync(await api.Http.GetAsync($"/api/tasks/{unknown}/outputs", ct), HttpStatusCode.NotFound, "TASK_NOT_FOUND");
        await AssertErrorAsync(await api.UploadAsync("123", "a.csv", "x\n1\n"u8.ToArray(), ct), HttpStatusCode.BadRequest, "INVALID_TASK_ID");
        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{unknown}/", ct));
        // Routing's own refusals carry the same {error_code, message} body.
        await AssertErrorAsync(await api.Http.GetAsync("/api/no-such-route", ct), HttpStatusCode.NotFound, "NOT_FOUND");
        await AssertErrorAsync(await api.Http.PutAsync($"/api/tasks/{unknown}/process", null, ct), HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
        // The Prometheus scrape was mapped for every method: POST and DELETE /metrics answered the metrics, 200.
        await AssertErrorAsync(await api.Http.PostAsync("/metrics", null, ct), HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
        await AssertErrorAsync(await api.Http.DeleteAsync("/metrics", ct), HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    [TestMethod]
    public async Task GetRoutes_ShouldAnswerHeadWithTheSameStatusAndNoBody()
    {
        // Uptime monitors and link checkers send HEAD: it was 405 on every route.
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);

        using var health = await api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/health"), ct);
        using var task = await api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/tasks/{taskId}"), ct);
        using var unknown = await api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/tasks/{Guid.NewGuid()}"), ct);

        Assert.AreEqual(HttpStatusCode.OK, health.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, task.StatusCode);
        StringAssert.StartsWith(task.Content.Headers.ContentType?.MediaType, "application/json");
        Assert.IsEmpty(await task.Content.ReadAsByteArrayAsync(ct));
        Assert.AreEqual(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [TestMethod]
    [DataRow("evil..csv")]
    [DataRow("..\\..\\etc\\passwd")]
    [DataRow("sub\\file.csv")]
    [DataRow("name\u202Egnp.csv")]
    [DataRow("tab\tname.csv")]
    [DataRow(" leading.csv")]
    [DataRow("a:b.csv")]          // an alternate data stream of "a" on a Windows node
    [DataRow("what?.csv")]
    [DataRow("report.csv.")]      // Windows drops the dot: another name's file
    [DataRow("CON.csv")]          // a device on Windows, whatever the extension
    [DataRow("nul")]
    public async Task Upload_ShouldRefuseAndStoreNothing_WhenTheFileNameIsUnsafe(string name)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await AssertErrorAsync(await api.UploadAsync(taskId, name, "a\n1\n"u8.ToArray(), ct), HttpStatusCode.BadRequest, "INVALID_FILE_NAME");
        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{taskId}/", ct));
        Assert.AreEqual("CREATED", (await api.GetTaskAsync(taskId, ct))["status"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Upload_ShouldRefuseAndStoreNothing_WhenTheFileComesAsAForm()
    {
        // curl -F file=@data.csv: the multipart framing would have been stored, and profiled, as the file.
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        using var form = new MultipartFormDataContent { { new ByteArrayContent("a,b\n1,2\n"u8.ToArray()), "file", "data.csv" } };

        await AssertErrorAsync(await api.Http.PutAsync($"/api/tasks/{taskId}/inputs/data.csv", form, ct), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");

        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{taskId}/", ct));
        Assert.AreEqual("CREATED", (await api.GetTaskAsync(taskId, ct))["status"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task CreateTask_ShouldReadTheBody_WhenItStartsWithAByteOrderMarkOrNamesAnAgentTwice()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var json = "\uFEFF{\"user_id\": 1, \"tool_id\": \"profile-my-data\", \"agents\": [\"score-risk\", \"unified-profiler\", \"score-risk\"]}";
        using var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(json[1..])).ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await api.Http.PostAsync("/api/tasks", content, ct);

        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, body);
        var agents = System.Text.Json.Nodes.JsonNode.Parse(body)!["agents"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();
        CollectionAssert.AreEqual(new[] { "score-risk", "unified-profiler" }, agents);
    }

    [TestMethod]
    public async Task Upload_ShouldRefuseAndStoreNothing_WhenTheBodyIsEmptyOrTooLarge()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await AssertErrorAsync(await api.UploadAsync(taskId, "empty.csv", [], ct), HttpStatusCode.BadRequest, "EMPTY_BODY");

        // The test nodes allow 1 MiB.
        var big = new byte[1024 * 1024 + 10];
        Array.Fill(big, (byte)'a');
        await AssertErrorAsync(await api.UploadAsync(taskId, "big.csv", big, ct), HttpStatusCode.RequestEntityTooLarge, "FILE_TOO_LARGE");

        // Same, streamed without a Content-Length (chunked): the limit is enforced while reading.
        var chunked = new StreamContent(new MemoryStream(big));
        chunked.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/tasks/{taskId}/inputs/chunked.csv") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var chunkedResponse = await api.Http.SendAsync(request, ct);
        var chunkedBody = await chunkedResponse.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, chunkedResponse.StatusCode, chunkedBody);
        Assert.AreEqual("FILE_TOO_LARGE", JsonNode.Parse(chunkedBody)!["error_code"]!.GetValue<string>(), chunkedBody);
        // It said Kestrel's "The max request body size is 1048577 bytes": the limit plus the byte that detects an overrun.
        StringAssert.Contains(chunkedBody, "Files may not exceed 1048576 bytes.");

        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{taskId}/", ct));
        Assert.AreEqual("CREATED", (await api.GetTaskAsync(taskId, ct))["status"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Upload_ShouldRefuseANameDifferingOnlyInCase_AndKeepReplacingUnderTheHeldName()
    {
        // A Windows node downloads a task's inputs into one folder: Data.csv and data.csv would be one file there, and the
        // job would read whichever came last as both.
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "Données.csv", "a\n1\n"u8.ToArray(), ct);

        using (var clash = await api.UploadAsync(taskId, "DONNÉES.csv", "a\n2\n"u8.ToArray(), ct))
        {
            await AssertErrorAsync(clash, HttpStatusCode.Conflict, "FILE_NAME_CLASH");
            StringAssert.Contains(await clash.Content.ReadAsStringAsync(ct), "'Données.csv'");
        }
        Assert.HasCount(1, await S3Probe.ListAsync($"users/1/tasks/{taskId}/inputs/", ct), "the refused upload stored nothing");

        await api.UploadOkAsync(taskId, "Données.csv", "a\n3\n"u8.ToArray(), ct);
        await api.UploadOkAsync(taskId, "other.csv", "a\n4\n"u8.ToArray(), ct);
    }

    [TestMethod]
    public async Task Upload_ShouldRefuseANameInAnotherUnicodeForm_AndNamesWithInvisibleCharacters()
    {
        // Outside tester: été.csv precomposed (NFC) and written e + U+0301 (NFD) were stored as two inputs, and the
        // report's ignored_inputs listed "été.csv" twice; a zero-width space in a name was taken. Two names that read
        // alike are one, as names differing in letter case are; an invisible character is refused.
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        const string Composed = "\u00E9t\u00E9.csv", Decomposed = "e\u0301te\u0301.csv";
        await api.UploadOkAsync(taskId, Composed, "a\n1\n"u8.ToArray(), ct);

        using (var clash = await api.UploadAsync(taskId, Decomposed, "a\n2\n"u8.ToArray(), ct))
        {
            await AssertErrorAsync(clash, HttpStatusCode.Conflict, "FILE_NAME_CLASH");
            StringAssert.Contains(await clash.Content.ReadAsStringAsync(ct), "Unicode form");
        }
        using (var cased = await api.UploadAsync(taskId, "E\u0301TE\u0301.CSV", "a\n2\n"u8.ToArray(), ct))
        {
            await AssertErrorAsync(cased, HttpStatusCode.Conflict, "FILE_NAME_CLASH"); // case and form together
        }
        foreach (var invisible in new[] { "data\u200B.csv", "\u200Edata.csv", "da\u00ADta.csv", "data\u2060.csv", "\u200Ddata.csv" })
        {
            using var refused = await api.UploadAsync(taskId, invisible, "a\n3\n"u8.ToArray(), ct);
            await AssertErrorAsync(refused, HttpStatusCode.BadRequest, "INVALID_FILE_NAME");
        }
        Assert.HasCount(1, await S3Probe.ListAsync($"users/1/tasks/{taskId}/inputs/", ct), "the refused uploads stored nothing");
        Assert.AreEqual(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @t", ct, ("t", taskId)));

        // A joiner inside a word is how the word is written (Persian "mi-khaham" with a zero-width non-joiner): kept.
        await api.UploadOkAsync(taskId, "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645.csv", "a\n4\n"u8.ToArray(), ct);
        await api.UploadOkAsync(taskId, Composed, "a\n5\n"u8.ToArray(), ct); // the held name still replaces its file
    }

    [TestMethod]
    public async Task Upload_ShouldStoreAndAnalyseANameAtTheLimit_AndRefuseALongerOne()
    {
        // 250 bytes of name made s3rver (the stack's S3) fail with ENAMETOOLONG and every later request with it; 200
        // stored the input but broke the listing. 150 bytes of UTF-8 (73 × 'é' + ".csv") is the limit, and the cleaned
        // file named after it (plus "_cleaned_{timestamp}.csv") is stored and listed too.
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(tool: "clean-my-data", ct: ct);
        await AssertErrorAsync(await api.UploadAsync(taskId, new string('é', 74) + ".csv", TestFiles.Sample("sample.csv"), ct),
            HttpStatusCode.BadRequest, "INVALID_FILE_NAME");

        await api.UploadOkAsync(taskId, new string('é', 73) + ".csv", TestFiles.Sample("sample.csv"), ct);
        await api.ProcessOkAsync(taskId, ct);

        var final = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(120), ct);
        Assert.AreEqual("COMPLETED", final["status"]!.GetValue<string>(), final.ToJsonString());
        var outputs = await S3Probe.ListAsync($"users/1/tasks/{taskId}/outputs/", ct);
        var cleaned = outputs.Single(k => k.Contains("_cleaned_", StringComparison.Ordinal));
        // The output is named after the input, longer than an upload may be, and is still served by its name.
        string name = cleaned[(cleaned.LastIndexOf('/') + 1)..];
        Assert.IsGreaterThan(150, System.Text.Encoding.UTF8.GetByteCount(name));
        using var download = await api.Http.GetAsync($"/api/tasks/{taskId}/outputs/{Uri.EscapeDataString(name)}", ct);
        Assert.AreEqual(HttpStatusCode.OK, download.StatusCode, await download.Content.ReadAsStringAsync(ct));
        // HEAD answers the GET's headers without reading the object from storage.
        byte[] body = await download.Content.ReadAsByteArrayAsync(ct);
        using var head = await api.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/tasks/{taskId}/outputs/{Uri.EscapeDataString(name)}"), ct);
        Assert.AreEqual(HttpStatusCode.OK, head.StatusCode);
        Assert.AreEqual(body.LongLength, head.Content.Headers.ContentLength);
        Assert.AreEqual(download.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.AreEqual(download.Content.Headers.ContentDisposition?.FileNameStar, head.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [TestMethod]
    public async Task Process_ShouldAnswer409_WhenTheTaskIsAlreadyQueuedOrFinished()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await AssertErrorAsync(await api.ProcessAsync(taskId, ct: ct), HttpStatusCode.BadRequest, "FILES_NOT_FOUND");

        await api.UploadOkAsync(taskId, "parameters.json", """{"unified-profiler": {"top_n_values": 3}}"""u8.ToArray(), ct);
        await AssertErrorAsync(await api.ProcessAsync(taskId, ct: ct), HttpStatusCode.BadRequest, "FILES_NOT_FOUND");
        var failed = await api.GetTaskAsync(taskId, ct);
        Assert.AreEqual("UPLOAD_FAILED", failed["status"]!.GetValue<string>());
        Assert.AreEqual("FILES_NOT_FOUND", failed["error_code"]?.GetValue<string>(), failed.ToJsonString());
        // Published as every transition is: the last-state key said UPLOADING.
        await using (var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(StackSettings.RedisConfiguration))
        {
            var last = JsonNode.Parse((string)(await redis.GetDatabase().StringGetAsync($"agensium:task:{taskId}:last"))!)!;
            Assert.AreEqual("UPLOAD_FAILED", last["status"]!.GetValue<string>(), last.ToJsonString());
            Assert.AreEqual("FILES_NOT_FOUND", last["error_code"]?.GetValue<string>(), last.ToJsonString());
        }

        // A baseline is no primary: the job would have nothing to analyse.
        await api.UploadOkAsync(taskId, "baseline_sample.csv", TestFiles.Sample("sample.csv"), ct);
        await AssertErrorAsync(await api.ProcessAsync(taskId, ct: ct), HttpStatusCode.BadRequest, "FILES_NOT_FOUND");

        await api.UploadOkAsync(taskId, "sample.csv", TestFiles.Sample("sample.csv"), ct);
        var uploading = await api.GetTaskAsync(taskId, ct);
        Assert.AreEqual("UPLOADING", uploading["status"]!.GetValue<string>());
        Assert.IsNull(uploading["error_code"], "a new upload clears the upload failure");
        await AssertErrorAsync(await api.ProcessAsync(taskId, """{"queue": "nowhere"}""", ct), HttpStatusCode.BadRequest, "UNKNOWN_QUEUE");
        await AssertErrorAsync(await api.ProcessAsync(taskId, """{"queue": 5""", ct), HttpStatusCode.BadRequest, "INVALID_JSON");
        await AssertErrorAsync(await api.ProcessAsync(taskId, """{"queue": "default", "queue": "x"}""", ct), HttpStatusCode.BadRequest, "INVALID_JSON");
        // A misspelt field is refused, not ignored (the task would have gone to the default queue).
        using (var typo = await api.ProcessAsync(taskId, """{"queu": "high_priority"}""", ct))
        {
            string body = await typo.Content.ReadAsStringAsync(ct);
            Assert.AreEqual(HttpStatusCode.BadRequest, typo.StatusCode, body);
            StringAssert.Contains(body, "UNKNOWN_FIELD");
            StringAssert.Contains(body, "Did you mean 'queue'?");
        }

        await api.ProcessOkAsync(taskId, ct);
        using (var again = await api.ProcessAsync(taskId, ct: ct))
        {
            var body = await again.Content.ReadAsStringAsync(ct);
            Assert.AreEqual(HttpStatusCode.Conflict, again.StatusCode, body);
        }
        await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(60), ct);
        await AssertErrorAsync(await api.ProcessAsync(taskId, ct: ct), HttpStatusCode.Conflict, "INVALID_TASK_STATE");
        await AssertErrorAsync(await api.UploadAsync(taskId, "late.csv", "a\n1\n"u8.ToArray(), ct), HttpStatusCode.Conflict, "INVALID_TASK_STATE");
        // Operator actions take no body: a field is refused before anything is done (not even an audited attempt).
        await AssertErrorAsync(await api.PostJsonAsync($"/api/tasks/{taskId}/retry", """{"parameters": {}}""", ct), HttpStatusCode.BadRequest, "UNKNOWN_FIELD");
        await AssertErrorAsync(await api.PostJsonAsync("/api/queues/default/pause", """{"reason": "maintenance"}""", ct), HttpStatusCode.BadRequest, "UNKNOWN_FIELD");
        // /api/debug ran its job whatever the body said.
        await AssertErrorAsync(await api.PostJsonAsync("/api/debug", """{"x": 1}""", ct), HttpStatusCode.BadRequest, "UNKNOWN_FIELD");
        await AssertErrorAsync(await api.PostJsonAsync("/api/debug", "not json", ct), HttpStatusCode.BadRequest, "INVALID_JSON");
        Assert.AreEqual(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE target IN (@t, 'default') AND action IN ('retry', 'pause-queue')", ct, ("t", taskId)));
        Assert.AreEqual(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM job_history WHERE task_id = @t", ct, ("t", taskId)));
    }

    [TestMethod]
    public async Task Outputs_ShouldAnswer404_WhenTheFileDoesNotExist()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await AssertErrorAsync(await api.Http.GetAsync($"/api/tasks/{taskId}/outputs/missing.json", ct), HttpStatusCode.NotFound, "OUTPUT_NOT_FOUND");
    }

    [TestMethod]
    public async Task Api_ShouldAnswer401_WhenTheKeyIsMissingOrWrong_ButHealthStaysOpen()
    {
        var ct = TestContext.CancellationToken;
        using var anonymous = new ApiClient(TestCluster.NodeA, apiKey: null);
        using var wrong = new ApiClient(TestCluster.NodeA, apiKey: "not-the-key");
        foreach (var client in new[] { anonymous, wrong })
        {
            await AssertErrorAsync(await client.PostJsonAsync("/api/tasks", """{"user_id": 1, "tool_id": "profile-my-data"}""", ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            await AssertErrorAsync(await client.Http.GetAsync($"/api/tasks/{Guid.NewGuid()}", ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            await AssertErrorAsync(await client.PostJsonAsync("/api/debug", "", ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }
        Assert.AreEqual(HttpStatusCode.OK, (await anonymous.Http.GetAsync("/health", ct)).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await anonymous.Http.GetAsync("/health/ready", ct)).StatusCode);
        await AssertErrorAsync(await anonymous.Http.GetAsync("/api/node", ct), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [TestMethod]
    public async Task OpenReadinessProbe_ShouldSayTheStatesOnly_AndTheNodeIdOnlyBehindTheKey()
    {
        // Stop 40's API probe: GET /health/ready, open to anyone who reaches the port, named the node (its host and PID).
        var ct = TestContext.CancellationToken;
        using var anonymous = new ApiClient(TestCluster.NodeA, apiKey: null);
        using var api = new ApiClient(TestCluster.NodeA);

        var ready = System.Text.Json.Nodes.JsonNode.Parse(await anonymous.Http.GetStringAsync("/health/ready", ct))!.AsObject();

        CollectionAssert.AreEquivalent(new[] { "status", "database", "s3", "redis", "scheduler", "disk" }, ready.Select(p => p.Key).ToList(), ready.ToJsonString());
        Assert.AreEqual("ok", ready["status"]!.GetValue<string>());
        var node = System.Text.Json.Nodes.JsonNode.Parse(await api.Http.GetStringAsync("/api/node", ct))!["node"]!.GetValue<string>();
        Assert.AreEqual(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM nodes WHERE instance_id = @id", ct, ("id", node)), "the id the dashboard and job history show");
    }
}
