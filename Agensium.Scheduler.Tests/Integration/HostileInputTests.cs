using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>Hostile requests: each gets a clear 4xx and leaves no row, no object and no half-written state.</summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class HostileInputTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    private static async Task<string> CodeOfAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.IsTrue((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["error_code"]!.GetValue<string>();
    }

    [TestMethod]
    [DataRow("""{"user_id": 1e30, "tool_id": "profile-my-data"}""", "INVALID_USER_ID")]
    [DataRow("""{"user_id": 99999999999999999999999999, "tool_id": "profile-my-data"}""", "INVALID_USER_ID")]
    [DataRow("""{"user_id": 1.5, "tool_id": "profile-my-data"}""", "INVALID_USER_ID")]
    [DataRow("""{"user_id": null, "tool_id": "profile-my-data"}""", "INVALID_USER_ID")]
    [DataRow("""{"user_id": true, "tool_id": "profile-my-data"}""", "INVALID_USER_ID")]
    [DataRow("""{"user_id": 1, "tool_id": null}""", "INVALID_TOOL_ID")]
    [DataRow("""{"user_id": 1, "tool_id": ["profile-my-data"]}""", "INVALID_TOOL_ID")]
    [DataRow("""{"user_id": 1, "tool_id": "'; DROP TABLE tasks; --"}""", "UNKNOWN_TOOL")]
    [DataRow("""{"user_id": 1, "tool_id": "pr\u043Efile-my-data"}""", "UNKNOWN_TOOL")]
    [DataRow("""{"user_id": 1, "tool_id": "profile-my-data\u0000"}""", "UNKNOWN_TOOL")]
    [DataRow("""{"user_id": 1, "tool_id": "\u202Eatad-ym-eliforp"}""", "UNKNOWN_TOOL")]
    [DataRow("""{"user_id": 1, "tool_id": "profile-my-data", "agents": ["unified-profiler", {"x": 1}]}""", "INVALID_AGENTS")]
    [DataRow("""{"user_id": 1, "tool_id": "profile-my-data", "agents": ["1 OR 1=1"]}""", "UNKNOWN_AGENT")]
    [DataRow("""{"user_id": 1, "tool_id": "profile-my-data",}""", "INVALID_JSON")]
    [DataRow("""{"user_id": 1, "tool_id": "profile-my-data"} trailing""", "INVALID_JSON")]
    [DataRow("""not json at all""", "INVALID_JSON")]
    public async Task CreateTask_ShouldRefuseHostileBodies_WithACodeAndNoRow(string body, string code)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var before = await Db.ScalarAsync<long>("SELECT count(*) FROM tasks", ct);
        Assert.AreEqual(code, await CodeOfAsync(await api.PostJsonAsync("/api/tasks", body, ct)));
        Assert.AreEqual(before, await Db.ScalarAsync<long>("SELECT count(*) FROM tasks", ct));
    }

    [TestMethod]
    public async Task CreateTask_ShouldRefuseDeepAndHugeBodies()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var deep = new string('[', 5000) + new string(']', 5000);
        Assert.AreEqual("INVALID_JSON", await CodeOfAsync(await api.PostJsonAsync("/api/tasks", deep, ct)));
        var huge = $$"""{"user_id": 1, "tool_id": "profile-my-data", "pad": "{{new string('x', 200_000)}}"}""";
        Assert.AreEqual("BODY_TOO_LARGE", await CodeOfAsync(await api.PostJsonAsync("/api/tasks", huge, ct)));
        var longTool = $$"""{"user_id": 1, "tool_id": "{{new string('t', 50_000)}}"}""";
        using var response = await api.PostJsonAsync("/api/tasks", longTool, ct);
        Assert.AreEqual("UNKNOWN_TOOL", await CodeOfAsync(response));
    }

    [TestMethod]
    public async Task Upload_ShouldRefuseMoreFilesThanTheLimit_AndKeepTheOnesBefore()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        for (var i = 0; i < 20; i++)
        {
            await api.UploadOkAsync(taskId, $"part{i}.csv", "a\n1\n"u8.ToArray(), ct);
        }
        Assert.AreEqual("TOO_MANY_FILES", await CodeOfAsync(await api.UploadAsync(taskId, "one-more.csv", "a\n1\n"u8.ToArray(), ct)));
        // Replacing an existing file is still allowed.
        await api.UploadOkAsync(taskId, "part3.csv", "a\n2\n"u8.ToArray(), ct);
        Assert.AreEqual("a\n2\n", await CommittedInputs.ReadAsync(taskId, "part3.csv", ct));
        // The replaced version is removed in the background: 20 objects, the committed ones.
        var committed = await CommittedInputs.KeysAsync(taskId, ct);
        Assert.HasCount(20, committed);
        await Poll.UntilAsync(async () => (await S3Probe.ListAsync($"users/1/tasks/{taskId}/inputs/", ct)).Order().SequenceEqual(committed.Order()) ? "" : null,
            TimeSpan.FromSeconds(20), ct);
    }

    [TestMethod]
    public async Task Upload_ShouldAnswerTheNameClash_WhenTheTaskIsFull()
    {
        // PART3.csv beside a held part3.csv is refused whether or not the task has room; the way out is to upload it as
        // part3.csv, which replaces the file even in a full task. It answered TOO_MANY_FILES, which says no such thing.
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        for (var i = 0; i < 20; i++)
        {
            await api.UploadOkAsync(taskId, $"part{i}.csv", "a\n1\n"u8.ToArray(), ct);
        }
        using (var clash = await api.UploadAsync(taskId, "PART3.csv", "a\n2\n"u8.ToArray(), ct))
        {
            var body = await clash.Content.ReadAsStringAsync(ct);
            Assert.AreEqual(HttpStatusCode.Conflict, clash.StatusCode, body);
            Assert.AreEqual("FILE_NAME_CLASH", JsonNode.Parse(body)!["error_code"]!.GetValue<string>(), body);
            StringAssert.Contains(body, "'part3.csv'");
        }
        await api.UploadOkAsync(taskId, "part3.csv", "a\n2\n"u8.ToArray(), ct);
        Assert.AreEqual("a\n2\n", await CommittedInputs.ReadAsync(taskId, "part3.csv", ct));
    }

    [TestMethod]
    public async Task Upload_ShouldHoldTheFileLimit_When10kUploadsForOneTaskArriveAtOnce()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        using var other = new ApiClient(TestCluster.NodeB);
        var taskId = await api.CreateTaskAsync(ct: ct);
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var stored = new System.Collections.Concurrent.ConcurrentBag<string>();
        // 10,000 distinct files, 32 in flight, through both nodes: every answer is a stored file or TOO_MANY_FILES.
        await Parallel.ForEachAsync(Enumerable.Range(0, 10_000), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct },
            async (i, token) =>
            {
                var name = $"flood{i:D5}.csv";
                using var response = await (i % 2 == 0 ? api : other).UploadAsync(taskId, name, "a\n1\n"u8.ToArray(), token);
                var outcome = response.IsSuccessStatusCode ? "stored" : await CodeOfAsync(response);
                outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                if (response.IsSuccessStatusCode)
                {
                    stored.Add(name);
                }
            });
        TestContext.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        CollectionAssert.AreEquivalent(new[] { "stored", "TOO_MANY_FILES" }, outcomes.Keys.ToArray());
        Assert.AreEqual(20, outcomes["stored"], "exactly the limit is stored, however many arrive at once");
        var objects = await S3Probe.ListAsync($"users/1/tasks/{taskId}/inputs/", ct);
        CollectionAssert.AreEquivalent((await CommittedInputs.KeysAsync(taskId, ct)).ToArray(), objects.ToArray());
        CollectionAssert.AreEquivalent(stored.Select(n => $"/{n}").ToArray(), objects.Select(k => k[k.LastIndexOf('/')..]).ToArray());
        Assert.AreEqual(20L, await Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @id", ct, ("id", taskId)));
        await api.UploadOkAsync(taskId, stored.First(), "a\n2\n"u8.ToArray(), ct); // a stored file can still be replaced
    }

    [TestMethod]
    public async Task Upload_ShouldStoreNothing_WhenTheClientGoesAwayHalfway()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, TestCluster.NodeA.Port, ct);
            var stream = client.GetStream();
            var head = $"PUT /api/tasks/{taskId}/inputs/cut.csv HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: {TestCluster.ApiKey}\r\n" +
                       "Content-Type: text/csv\r\nContent-Length: 100000\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("a,b\n" + string.Concat(Enumerable.Repeat("1,2\n", 5000))), ct);
            await stream.FlushAsync(ct);
        } // closed halfway through the announced 100000 bytes
        await Task.Delay(1000, ct);
        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{taskId}/", ct));
        Assert.AreEqual("CREATED", (await api.GetTaskAsync(taskId, ct))["status"]!.GetValue<string>());
        Assert.IsFalse(TestCluster.NodeA.HasExited);
    }

    [TestMethod]
    public async Task Upload_ShouldRefuseNulAndTraversalInNames_AndServeOutputsOnlyByPlainName()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        foreach (var name in new[] { "a\0b.csv", "..", "x/../../y.csv", "CON\r\nX-Injected: 1" })
        {
            using var response = await api.Http.PutAsync($"/api/tasks/{taskId}/inputs/{Uri.EscapeDataString(name)}",
                new ByteArrayContent("a\n1\n"u8.ToArray()), ct);
            Assert.IsTrue((int)response.StatusCode is 400 or 404 or 405, $"{name}: {(int)response.StatusCode}");
        }
        // Encoded separators stay encoded in the route value and are refused with the "..".
        using (var raw = await api.Http.PutAsync(new Uri($"{TestCluster.NodeA.BaseUrl}/api/tasks/{taskId}/inputs/..%2F..%2Fsecret.csv"),
            new ByteArrayContent("a\n1\n"u8.ToArray()), ct))
        {
            Assert.AreEqual(HttpStatusCode.BadRequest, raw.StatusCode);
        }
        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{taskId}/", ct));
        using var escape = await api.Http.GetAsync($"/api/tasks/{taskId}/outputs/{Uri.EscapeDataString("../inputs/x.csv")}", ct);
        Assert.AreEqual(HttpStatusCode.BadRequest, escape.StatusCode);
    }

    // The server decodes a path's escapes only where they spell UTF-8: %FF.csv was stored as the name "%FF.csv", which
    // %25FF.csv gives too. Both are refused; escapes of UTF-8 are kept, as the name they spell or, sent as %25, literally.
    [TestMethod]
    [DataRow("%FF.csv", 400)]
    [DataRow("%ED%A0%80.csv", 400)]
    [DataRow("a%C3.csv", 400)]
    [DataRow("%25FF.csv", 400)]
    [DataRow("%C3%A9.csv", 200)]
    [DataRow("%2541.csv", 200)]
    [DataRow("100%25.csv", 200)]
    public async Task Upload_ShouldRefuseANameWithAPercentEscapeThatIsNotUtf8(string rawName, int status)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        using var response = await api.Http.PutAsync(new Uri($"{TestCluster.NodeA.BaseUrl}/api/tasks/{taskId}/inputs/{rawName}"),
            new ByteArrayContent("a\n1\n"u8.ToArray()) { Headers = { ContentType = new("text/csv") } }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(status, (int)response.StatusCode, body);
        if (status == 400)
        {
            StringAssert.Contains(body, "INVALID_FILE_NAME");
            StringAssert.Contains(body, "not UTF-8");
            Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{taskId}/", ct));
        }
    }

    // JSON lets a string escape half of a surrogate pair; the parser takes it, but it is no text, and reading it threw
    // wherever a handler read the field or the field names were checked: 500 INTERNAL_ERROR on every JSON route.
    [TestMethod]
    [DataRow("/api/tasks", """{"user_id": 1, "tool_id": "\ud800"}""")]
    [DataRow("/api/tasks", """{"user_id": 1, "tool_id": "profile-my-data", "agents": ["\udc00"]}""")]
    [DataRow("/api/tasks", """{"\ud800": 1}""")]
    [DataRow("/api/tasks/{task}/process", """{"queue": "\udc00"}""")]
    [DataRow("/api/tasks/{task}/process", """{"\udc00x": 1}""")]
    [DataRow("/api/tasks/{task}/cancel", """{"\udc00x": 1}""")]
    [DataRow("/api/queues/low_priority/pause", """{"\ud83d": 1}""")]
    public async Task JsonRoutes_ShouldRefuseAnEscapedLoneSurrogate_AsInvalidJson(string route, string body)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        var before = await Db.ScalarAsync<long>("SELECT count(*) FROM tasks", ct);
        Assert.AreEqual("INVALID_JSON", await CodeOfAsync(await api.PostJsonAsync(route.Replace("{task}", taskId, StringComparison.Ordinal), body, ct)));
        Assert.AreEqual(before, await Db.ScalarAsync<long>("SELECT count(*) FROM tasks", ct));
        Assert.AreEqual("CREATED", (await api.GetTaskAsync(taskId, ct))["status"]!.GetValue<string>());
    }

    // The audit log keeps 200 characters of a target: cutting between the halves of an emoji left a lone surrogate that
    // PostgreSQL's encoder refused, so the action answered 500 and went unaudited.
    [TestMethod]
    [DataRow("/api/queues/{name}/pause", "pause-queue", "UNKNOWN_QUEUE")]
    [DataRow("/api/jobs/{name}/trigger", "trigger-job", "JOB_NOT_FOUND")]
    [DataRow("/api/tasks/{name}/cancel", "cancel", "INVALID_TASK_ID")]
    public async Task OperatorAction_ShouldAuditATargetCutInsideAnEmoji_AndAnswerItsCode(string route, string action, string code)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var name = new string('q', 199) + "\U0001F600";
        var before = await Db.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM audit_log", ct);
        using var response = await api.Http.PostAsync(route.Replace("{name}", Uri.EscapeDataString(name), StringComparison.Ordinal), null, ct);
        Assert.AreEqual(code, await CodeOfAsync(response));
        var target = await Db.ScalarAsync<string>(
            $"SELECT target FROM audit_log WHERE id > {before} AND action = '{action}' ORDER BY id DESC LIMIT 1", ct);
        Assert.AreEqual(new string('q', 199), target);
    }

    // Nothing decodes a Content-Encoding: a gzip upload was stored compressed as the task's file (200, and its job failed
    // later as INVALID_INPUT_FILE), a compressed JSON body was told it was not UTF-8.
    [TestMethod]
    public async Task CompressedBodies_ShouldBeRefusedAs415_AndStoreNothing()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        using var packed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("a,b\n1,2\n"u8);
        }
        var file = new ByteArrayContent(packed.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        file.Headers.ContentEncoding.Add("gzip");
        using (var upload = await api.Http.PutAsync($"/api/tasks/{taskId}/inputs/data.csv", file, ct))
        {
            Assert.AreEqual(HttpStatusCode.UnsupportedMediaType, upload.StatusCode);
            Assert.AreEqual("UNSUPPORTED_MEDIA_TYPE", await CodeOfAsync(upload));
        }
        Assert.AreEqual(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @id", ct, ("id", taskId)));
        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{taskId}/", ct));
        Assert.AreEqual("CREATED", (await api.GetTaskAsync(taskId, ct))["status"]!.GetValue<string>());

        var before = await Db.ScalarAsync<long>("SELECT count(*) FROM tasks", ct);
        var json = new StringContent("""{"user_id": 1, "tool_id": "profile-my-data"}""", Encoding.UTF8, "application/json");
        json.Headers.ContentEncoding.Add("br");
        using (var create = await api.Http.PostAsync("/api/tasks", json, ct))
        {
            Assert.AreEqual("UNSUPPORTED_MEDIA_TYPE", await CodeOfAsync(create));
        }
        Assert.AreEqual(before, await Db.ScalarAsync<long>("SELECT count(*) FROM tasks", ct));

        // A transfer coding besides chunked: Kestrel takes "gzip, chunked", removes the chunking and leaves the gzip.
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, TestCluster.NodeA.Port, ct);
            var stream = client.GetStream();
            var gz = packed.ToArray();
            var head = $"PUT /api/tasks/{taskId}/inputs/data.csv HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: {TestCluster.ApiKey}\r\n" +
                       "Content-Type: text/csv\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n" + $"{gz.Length:x}\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
            await stream.WriteAsync(gz, ct);
            await stream.WriteAsync("\r\n0\r\n\r\n"u8.ToArray(), ct);
            await stream.FlushAsync(ct);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var status = await reader.ReadLineAsync(ct);
            StringAssert.StartsWith(status, "HTTP/1.1 415", "Transfer-Encoding: gzip, chunked");
        }
        Assert.AreEqual(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @id", ct, ("id", taskId)));
        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{taskId}/", ct));

        // "identity" is no coding at all: taken as a plain body.
        var plain = new ByteArrayContent("a,b\n1,2\n"u8.ToArray());
        plain.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        plain.Headers.ContentEncoding.Add("identity");
        using var ok = await api.Http.PutAsync($"/api/tasks/{taskId}/inputs/data.csv", plain, ct);
        Assert.AreEqual(HttpStatusCode.OK, ok.StatusCode, await ok.Content.ReadAsStringAsync(ct));
    }

    // The task list and task creation read user_id as digits only; the user's event stream took "+1", " 1" and "1 " too.
    [TestMethod]
    [DataRow("%2B1")]
    [DataRow("%201")]
    [DataRow("1%20")]
    public async Task UserEvents_ShouldReadTheUserIdAsTheTaskListDoes(string rawUserId)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        using var response = await api.Http.GetAsync($"/api/users/{rawUserId}/events", HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual("INVALID_USER_ID", await CodeOfAsync(response));
        using var list = await api.Http.GetAsync($"/api/tasks?user_id={rawUserId}", ct);
        Assert.AreEqual("INVALID_USER_ID", await CodeOfAsync(list));
    }

    // ReadFormAsync throws on a malformed form: the login answered 500 (503 DEPENDENCY_UNAVAILABLE for a multipart body
    // cut before its closing boundary), and a dashboard action read its form only after it had run and been audited.
    [TestMethod]
    [DataRow("multipart/form-data", "key=x")]
    [DataRow("multipart/form-data; boundary=zz", "--zz\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nx")]
    [DataRow("application/x-www-form-urlencoded", "many")]
    public async Task DashboardForms_ShouldRefuseAMalformedForm_AsInvalidForm_BeforeActing(string contentType, string body)
    {
        var ct = TestContext.CancellationToken;
        if (body == "many")
        {
            body = string.Join('&', Enumerable.Range(0, 1100).Select(i => $"f{i}=1"));
        }
        HttpContent Form()
        {
            var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            return content;
        }
        using var anonymous = new ApiClient(TestCluster.NodeA, apiKey: null);
        using (var login = await anonymous.Http.PostAsync("/dashboard/login", Form(), ct))
        {
            Assert.AreEqual(HttpStatusCode.BadRequest, login.StatusCode, await login.Content.ReadAsStringAsync(ct));
            Assert.AreEqual("INVALID_FORM", await CodeOfAsync(login));
        }

        using var api = new ApiClient(TestCluster.NodeA);
        var before = await Db.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM audit_log", ct);
        using (var action = await api.Http.PostAsync("/dashboard/actions/queues/low_priority/resume", Form(), ct))
        {
            Assert.AreEqual(HttpStatusCode.BadRequest, action.StatusCode, await action.Content.ReadAsStringAsync(ct));
            Assert.AreEqual("INVALID_FORM", await CodeOfAsync(action));
        }
        Assert.AreEqual(0L, await Db.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE id > {before} AND action = 'resume-queue'", ct),
            "a refused post must not act");
    }

    // Two retries of one failure (two operators, two nodes): the slower one read the row FAILED at attempt 1, the
    // faster one's run (attempt 2) failed again meanwhile, and the slower one requeued that new failure: a second run
    // nobody asked for, answered "attempt 2" for a run that was attempt 3. Here the faster retry's run is the test's
    // UPDATE, made while the slower retry waits for the row lock the test holds.
    [TestMethod]
    public async Task Retry_ShouldNotRequeueAFailureItDidNotSee()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "data.csv", [0, 1, 2, 0xFF, 0, 1, 2, 0xFF], ct);
        await api.ProcessOkAsync(taskId, ct);
        var failed = await api.WaitForFinalAsync(taskId, TimeSpan.FromMinutes(2), ct);
        Assert.AreEqual("FAILED", failed["status"]!.GetValue<string>());
        Assert.AreEqual(1, failed["attempt"]!.GetValue<int>());

        await using var connection = new Npgsql.NpgsqlConnection(StackSettings.TestConnectionString);
        await connection.OpenAsync(ct);
        await using var lockHolder = await connection.BeginTransactionAsync(ct);
        await using (var hold = new Npgsql.NpgsqlCommand("SELECT 1 FROM tasks WHERE task_id = @id FOR UPDATE", connection, lockHolder))
        {
            hold.Parameters.AddWithValue("id", taskId);
            await hold.ExecuteScalarAsync(ct);
        }
        using var other = new ApiClient(TestCluster.NodeB);
        var slowRetry = other.Http.PostAsync($"/api/tasks/{taskId}/retry", null, ct);
        await Poll.UntilAsync(async () => await Db.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE%tasks%'",
            ct) > 0 ? "" : null, TimeSpan.FromSeconds(30), ct); // the retry's update, waiting for the row lock
        await using (var ranAndFailedAgain = new Npgsql.NpgsqlCommand("UPDATE tasks SET attempt = 2 WHERE task_id = @id", connection, lockHolder))
        {
            ranAndFailedAgain.Parameters.AddWithValue("id", taskId);
            await ranAndFailedAgain.ExecuteNonQueryAsync(ct);
        }
        await lockHolder.CommitAsync(ct);

        using var response = await slowRetry;
        Assert.AreEqual(HttpStatusCode.Conflict, response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        Assert.AreEqual("TASK_NOT_RETRYABLE", await CodeOfAsync(response));
        var task = await api.GetTaskAsync(taskId, ct);
        Assert.AreEqual("FAILED", task["status"]!.GetValue<string>());
        Assert.AreEqual(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM qrtz_triggers WHERE trigger_name LIKE @id", ct, ("id", "%" + taskId + "%")));
    }

    [TestMethod]
    public async Task ApiKey_ShouldNeverAppearInLogsOrErrors()
    {
        var ct = TestContext.CancellationToken;
        const string wrong = "wrong-key-that-must-not-be-logged-4b1d";
        using var intruder = new ApiClient(TestCluster.NodeA, wrong);
        using var response = await intruder.PostJsonAsync("/api/tasks", """{"user_id": 1, "tool_id": "profile-my-data"}""", ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(wrong, body);
        Assert.DoesNotContain(TestCluster.ApiKey, body);
        foreach (var node in new[] { TestCluster.NodeA, TestCluster.NodeB })
        {
            var log = node.ReadLog();
            Assert.DoesNotContain(wrong, log);
            Assert.DoesNotContain(TestCluster.ApiKey, log);
            Assert.DoesNotContain("S3RVER", log);
            Assert.DoesNotContain("Password=agensium", log);
        }
    }
}
