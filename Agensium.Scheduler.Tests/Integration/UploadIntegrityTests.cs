using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// A task's inputs are the files registered in task_inputs: an upload that fails never leaves a file a job analyses,
/// the dashboard lists or a limit counts, and its object is removed (in the background, and with the task's prefix).
/// </summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class UploadIntegrityTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    private static string InputsPrefix(string taskId) => $"users/1/tasks/{taskId}/inputs/";

    [TestMethod]
    public async Task Process_ShouldAnalyseTheLastPrimaryFileInNameOrder_WhateverOrderTheirUploadKeysSortIn()
    {
        // Each upload's key starts with its own random id, so the listing's key order is not name order: the job took the
        // file whose id sorted last (a.csv or b.csv, half and half in an outside probe), where README and the local
        // analyze take the last in name order. Here b.csv's key sorts first.
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        var files = new[] { ("a.csv", "id,x\n1,marker-a\n2,marker-a\n", "ffffffffffffffffffffffffffffffff"), ("b.csv", "id,y\n1,marker-b\n2,marker-b\n", "00000000000000000000000000000000") };
        foreach (var (name, content, id) in files)
        {
            await api.UploadOkAsync(taskId, name, Encoding.UTF8.GetBytes(content), ct);
            var key = $"{InputsPrefix(taskId)}{id}/{name}";
            await S3Probe.PutAsync(key, content, ct);
            await Db.Shared.ExecuteAsync("UPDATE task_inputs SET object_key = @k WHERE task_id = @t AND file_name = @n", ct, ("k", key), ("t", taskId), ("n", name));
        }

        await api.ProcessOkAsync(taskId, ct);
        var final = await api.WaitForFinalAsync(taskId, TimeSpan.FromMinutes(2), ct);
        Assert.AreEqual("COMPLETED", final["status"]!.GetValue<string>(), final.ToJsonString());
        var report = JsonNode.Parse(await api.Http.GetStringAsync($"/api/tasks/{taskId}/outputs/profile_my_data_analysis.json", ct))!;
        Assert.AreEqual("a.csv", (string?)report["metadata"]!["ignored_inputs"]![0], report["metadata"]!.ToJsonString());
        StringAssert.Contains(report.ToJsonString(), "marker-b");
        Assert.DoesNotContain("marker-a", report.ToJsonString());
    }

    [TestMethod]
    [DataRow("text/csv;")]
    [DataRow("text")]
    [DataRow("/")]
    [DataRow(";")]
    [DataRow("text/csv; charset=")]
    [DataRow("garbage/;;;")]
    public async Task Upload_ShouldStoreTheFileAsOctetStream_WhenTheContentTypeIsMalformed(string contentType)
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        using var content = new ByteArrayContent("x,y\n1,2\n3,4\n"u8.ToArray());
        Assert.IsTrue(content.Headers.TryAddWithoutValidation("Content-Type", contentType));
        using var response = await api.Http.PutAsync($"/api/tasks/{taskId}/inputs/a.csv", content, ct);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync(ct));

        var key = await CommittedInputs.KeyAsync(taskId, "a.csv", ct);
        Assert.IsNotNull(key);
        StringAssert.EndsWith(key, "/a.csv");
        CollectionAssert.AreEqual(new[] { key }, await S3Probe.ListAsync(InputsPrefix(taskId), ct));
        Assert.AreEqual("application/octet-stream", Api.UploadsApi.StoredContentType(contentType));
        await api.ProcessOkAsync(taskId, ct);
        Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(120), ct))["status"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Job_ShouldAnalyseOnlyRegisteredInputs_AndTheDashboardListOnlyThem()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        // What a failed upload leaves behind: an object under inputs/ without a task_inputs row (listed after 0.csv).
        await S3Probe.PutAsync(InputsPrefix(taskId) + "zz-orphan.csv", "orphan,col\n1,2\n3,4\n", ct);
        await api.UploadOkAsync(taskId, "0.csv", "a,b\n1,2\n3,4\n"u8.ToArray(), ct);
        await api.ProcessOkAsync(taskId, ct);
        Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(120), ct))["status"]!.GetValue<string>());

        var report = await api.Http.GetStringAsync($"/api/tasks/{taskId}/report", ct);
        Assert.DoesNotContain("zz-orphan", report, "the unregistered object was neither analysed nor reported as an input");
        Assert.DoesNotContain("orphan", JsonNode.Parse(report)!["metadata"]!.ToJsonString());

        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(TestCluster.NodeA.BaseUrl) };
        using var login = await http.PostAsync("/dashboard/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["name"] = "inputs-test", ["key"] = TestCluster.ApiKey, ["next"] = "/dashboard",
        }), ct);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("agensium_dashboard=", StringComparison.Ordinal)).Split(';')[0];
        using var page = new HttpRequestMessage(HttpMethod.Get, $"/dashboard/tasks/{taskId}");
        page.Headers.Add("Cookie", cookie);
        using var shown = await http.SendAsync(page, ct);
        var html = await shown.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.OK, shown.StatusCode, html);
        StringAssert.Contains(html, "0.csv");
        Assert.DoesNotContain("zz-orphan", html);
    }

    [TestMethod]
    public async Task Process_ShouldNotCountAnUnregisteredObject_AsTheDataFile()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "parameters.json", "{}"u8.ToArray(), ct);
        await S3Probe.PutAsync(InputsPrefix(taskId) + "data.csv", "a,b\n1,2\n", ct);
        using var response = await api.ProcessAsync(taskId, ct: ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, body);
        StringAssert.Contains(body, "FILES_NOT_FOUND");
    }

    [TestMethod]
    public async Task Delete_ShouldRemoveAFailedUploadsObject_EvenUnderACreatedTask()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await S3Probe.PutAsync(InputsPrefix(taskId) + "a.csv", "a,b\n1,2\n", ct);
        using var response = await api.Http.DeleteAsync($"/api/tasks/{taskId}", ct);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{taskId}/", ct));
    }

    [TestMethod]
    public async Task UploadStartedAt_ShouldBeSetByTheFirstUploadOnly()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "a.csv", "a,b\n1,2\n"u8.ToArray(), ct);
        var first = await Db.ScalarAsync<DateTime>("SELECT upload_started_at FROM tasks WHERE task_id = @id", ct, ("id", taskId));
        await Task.Delay(50, ct);
        await api.UploadOkAsync(taskId, "b.csv", "a,b\n1,2\n"u8.ToArray(), ct);
        await api.UploadOkAsync(taskId, "a.csv", "a,b\n5,6\n"u8.ToArray(), ct);
        Assert.AreEqual(first, await Db.ScalarAsync<DateTime>("SELECT upload_started_at FROM tasks WHERE task_id = @id", ct, ("id", taskId)));
    }

    [TestMethod]
    public async Task Process_ShouldAnswer404_WhenADeleteCommitsWhileItChecksTheInputs()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "parameters.json", "{}"u8.ToArray(), ct);

        // A delete that has removed the row but not committed yet: /process still reads the task, then waits on its lock.
        await using var connection = new Npgsql.NpgsqlConnection(StackSettings.TestConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var delete = new Npgsql.NpgsqlCommand("DELETE FROM tasks WHERE task_id = @id", connection, transaction))
        {
            delete.Parameters.AddWithValue("id", taskId);
            Assert.AreEqual(1, await delete.ExecuteNonQueryAsync(ct));
        }
        var process = api.ProcessAsync(taskId, ct: ct);
        await Poll.UntilAsync(async () => await Db.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%UPDATE%tasks%'", ct) > 0 ? "" : null,
            TimeSpan.FromSeconds(20), ct);
        await transaction.CommitAsync(ct);

        using var response = await process;
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, body);
        StringAssert.Contains(body, "TASK_NOT_FOUND");
    }

    /// <summary>
    /// Finding 2: a PUT that timed out and that S3 applied only after a later upload of the same name succeeded replaced
    /// that upload's file (both were written to inputs/{name}). Every upload now writes its own key and only a commit
    /// makes it the task's file: the late PUT lands beside it, is never analysed, and is removed.
    /// </summary>
    [TestMethod]
    public async Task Upload_ShouldKeepTheLaterUploadsFile_WhenATimedOutPutOfTheSameNameLandsAfterIt()
    {
        var ct = TestContext.CancellationToken;
        await using var proxy = FreezableProxy.Start(int.Parse(StackSettings.S3Port, System.Globalization.CultureInfo.InvariantCulture));
        await using var cluster = await UploadS3TimeoutTests.StartBehindAsync(proxy, "agensium_test_upload_late_put", "00:00:02", ct);
        using var api = new ApiClient(cluster.Nodes[0]);
        var taskId = await api.CreateTaskAsync(ct: ct);

        // Upload 1: its PUT is held by the store (every other request is served) until upload 2 has succeeded.
        proxy.Hold("late-marker");
        using (var response = await api.UploadAsync(taskId, "a.csv", "name,score\nlate-marker,1\nlate-marker,2\nlate-marker,3\n"u8.ToArray(), ct))
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode, body);
        }
        Assert.IsGreaterThan(0, proxy.Held, "the first upload's PUT was held by the store");
        // Upload 2 of the same name (once the node's S3 pause after the timeout is over).
        await Poll.UntilAsync(async () =>
        {
            using var response = await api.UploadAsync(taskId, "a.csv", "name,score\ngood-value,1\ngood-value,2\ngood-value,3\n"u8.ToArray(), ct);
            return response.IsSuccessStatusCode ? "" : null;
        }, TimeSpan.FromSeconds(30), ct);
        var logBefore = cluster.Nodes[0].ReadLog();
        proxy.Release(); // the store applies the held PUT now, after upload 2's success
        await Task.Delay(TimeSpan.FromSeconds(3), ct);

        await api.ProcessOkAsync(taskId, ct);
        Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(120), ct))["status"]!.GetValue<string>());
        var report = await api.Http.GetStringAsync($"/api/tasks/{taskId}/outputs/profile_my_data_analysis.json", ct);
        StringAssert.Contains(report, "good-value", "the job analysed the second upload");
        Assert.DoesNotContain("late-marker", report, "the late PUT replaced nothing the job read");

        var key = await CommittedInputs.KeyAsync(cluster.Db, taskId, "a.csv", ct);
        StringAssert.Contains(await CommittedInputs.ReadAsync(cluster.Db, taskId, "a.csv", ct), "good-value");
        // The late object landed under its own key and is removed (the node looks for it again after a delete). The node
        // logs the removal after S3 has answered the delete, so the listing can be clean a moment before the line is written:
        // both are waited for.
        var removed = $"Removed the unused input object {InputsPrefix(taskId)}";
        try
        {
            await Poll.UntilAsync(async () =>
                (await S3Probe.ListAsync(InputsPrefix(taskId), ct)).SequenceEqual([key!]) && cluster.Nodes[0].ReadLog()[logBefore.Length..].Contains(removed, StringComparison.Ordinal)
                    ? "" : null, TimeSpan.FromSeconds(40), ct);
        }
        catch (TimeoutException)
        {
            // The assertions below say which of the two is missing.
        }
        CollectionAssert.AreEqual(new[] { key! }, (await S3Probe.ListAsync(InputsPrefix(taskId), ct)).ToArray(), "only the committed upload's object is left");
        var removals = cluster.Nodes[0].ReadLog()[logBefore.Length..];
        StringAssert.Contains(removals, removed, "the late PUT did land, and was removed");
        Assert.DoesNotContain(key!, removals);
    }

    /// <summary>
    /// Finding 5: the task's age was checked only before the body was read, so a slow upload that started just before
    /// its task expired was stored. The commit checks it again under the task row's lock: 409 INVALID_TASK_STATE
    /// (expired), no input registered, the object removed.
    /// </summary>
    [TestMethod]
    public async Task Upload_ShouldBeRefusedAsExpired_WhenTheTaskExpiresWhileItsBodyArrives()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        var rest = new TaskCompletionSource();
        var body = new SlowBody("a,b\n1,2\n3,4\n"u8.ToArray(), rest.Task);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var upload = api.Http.PutAsync($"/api/tasks/{taskId}/inputs/a.csv", body, ct);
        await body.FirstPartSent.WaitAsync(TimeSpan.FromSeconds(10), ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct); // the request's early checks (the task's age among them) are done
        await Db.ExecuteAsync("UPDATE tasks SET created_at = now() - interval '16 minutes' WHERE task_id = @t", ct, ("t", taskId));
        rest.SetResult();

        using var response = await upload;
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.Conflict, response.StatusCode, text);
        StringAssert.Contains(text, "INVALID_TASK_STATE");
        StringAssert.Contains(text, "expired");
        Assert.AreEqual(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @id", ct, ("id", taskId)));
        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{taskId}/", ct), "the object was removed");
        Assert.AreEqual("CREATED", (await api.GetTaskAsync(taskId, ct))["status"]!.GetValue<string>());
    }

    private static Agensium.Scheduler.Storage.S3ObjectStore StackObjectStore()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new Agensium.Scheduler.Storage.S3Options { ServiceUrl = StackSettings.S3Url, Bucket = StackSettings.Bucket });
        var client = new Amazon.S3.AmazonS3Client(new Amazon.Runtime.BasicAWSCredentials("S3RVER", "S3RVER"), new Amazon.S3.AmazonS3Config
        {
            ServiceURL = StackSettings.S3Url,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
        });
        return new Agensium.Scheduler.Storage.S3ObjectStore(client, options, new Agensium.Scheduler.Storage.ObjectStoreCircuit(options, TimeProvider.System));
    }

    /// <summary>A migrated database of its own with user 1 (no node polls its s3_removals), and its client.</summary>
    private static async Task<(string ConnectionString, SqlClient Db)> RemoverDatabaseAsync(string name, CancellationToken ct)
    {
        var cs = await SqlClient.RecreateMigratedDatabaseAsync(name, ct);
        var db = new SqlClient(cs);
        await db.ExecuteAsync("INSERT INTO users (id, email) VALUES (1, 'dev@agensium.local')", ct);
        return (cs, db);
    }

    private static async Task<string> NewCreatedTaskAsync(SqlClient db, CancellationToken ct)
    {
        var taskId = Guid.NewGuid().ToString();
        await db.ExecuteAsync("INSERT INTO tasks (task_id, user_id, tool_id, status) VALUES (@t, 1, 'profile-my-data', 'CREATED')", ct, ("t", taskId));
        return taskId;
    }

    private static Agensium.Scheduler.Storage.StorageRemover Remover(Npgsql.NpgsqlDataSource source, Agensium.Scheduler.Storage.IObjectStore objects) =>
        Remover(source, objects, Microsoft.Extensions.Options.Options.Create(new Agensium.Scheduler.Storage.S3Options()));

    private static Agensium.Scheduler.Storage.StorageRemover Remover(Npgsql.NpgsqlDataSource source, Agensium.Scheduler.Storage.IObjectStore objects,
        Microsoft.Extensions.Options.IOptions<Agensium.Scheduler.Storage.S3Options> options) =>
        new(new Agensium.Scheduler.Storage.StorageRemovals(source), new Agensium.Scheduler.Tasks.TaskInputSlots(source), objects,
            new Agensium.Scheduler.Storage.ObjectStoreCircuit(options, TimeProvider.System), options,
            Microsoft.Extensions.Options.Options.Create(new Agensium.Scheduler.Jobs.SchedulerOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Agensium.Scheduler.Storage.StorageRemover>.Instance);

    /// <summary>
    /// Finding 1, driven through the classes themselves on the real database and S3: upload A reserves a.csv, upload B
    /// of the same name commits (its client is told the file is stored), then A fails. A's give-back deleted the name's
    /// row whoever held it, and the background cleaner then deleted the object of the unregistered name: B's file.
    /// A gives back only its own reservation now, and the remover removes only an object no row commits, even when
    /// asked to remove a committed one.
    /// </summary>
    [TestMethod]
    public async Task Release_ShouldKeepASameNameUploadThatCommittedMeanwhile_AndTheRemoverItsObject()
    {
        var ct = TestContext.CancellationToken;
        var (cs, db) = await RemoverDatabaseAsync("agensium_test_remover_release", ct);
        await using var source = Npgsql.NpgsqlDataSource.Create(cs);
        var slots = new Agensium.Scheduler.Tasks.TaskInputSlots(source);
        var store = TaskStoreOn(source);
        var taskId = await NewCreatedTaskAsync(db, ct);

        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        var keyA = Agensium.Scheduler.Storage.TaskPaths.UploadedInput(1, taskId, a, "a.csv");
        var keyB = Agensium.Scheduler.Storage.TaskPaths.UploadedInput(1, taskId, b, "a.csv");
        var window = TimeSpan.FromMinutes(15);
        Assert.AreEqual(Agensium.Scheduler.Tasks.TaskInputSlots.Outcome.Reserved, (await slots.ReserveAsync(taskId, "a.csv", a, keyA, window, 20, ct)).Outcome);
        Assert.AreEqual(Agensium.Scheduler.Tasks.TaskInputSlots.Outcome.Replacing, (await slots.ReserveAsync(taskId, "a.csv", b, keyB, window, 20, ct)).Outcome);
        await S3Probe.PutAsync(keyB, "b,stored\n1,2\n", ct);
        Assert.AreEqual((Agensium.Scheduler.Tasks.TaskStore.InputCommit.Committed, (string?)null),
            await store.CommitInputAsync(taskId, "a.csv", b, keyB, 20, window, ct));

        // A's PUT lands (S3 took it after A's timeout), then A fails: it gives its reservation back and its key up. B's
        // key is asked for too (as by a record written before its commit), which must not remove a committed file.
        await S3Probe.PutAsync(keyA, "a,late\n1,2\n", ct);
        Assert.IsFalse(await slots.ReleaseAsync(taskId, "a.csv", a, keyA, 0, ct), "B's committed row is not A's to give back");
        await db.ExecuteAsync("INSERT INTO s3_removals (object_key, task_id, reason) VALUES (@k, @t, 'replaced')", ct, ("k", keyB), ("t", taskId));
        var pass = await Remover(source, StackObjectStore()).RunDueAsync(() => true, ct);
        Assert.AreEqual(2, pass.Removed);

        Assert.IsEmpty(await S3Probe.ListAsync(keyA, ct), "A's late object is removed");
        var registered = await slots.RegisteredAsync(taskId, ct);
        Assert.HasCount(1, registered);
        Assert.AreEqual("a.csv", registered[keyB]);
        StringAssert.Contains(await S3Probe.ReadAsync(keyB, ct), "b,stored", "B's file is still stored");
        Assert.AreEqual(b, await db.ScalarAsync<Guid>("SELECT reservation_id FROM task_inputs WHERE task_id = @t", ct, ("t", taskId)));
        Assert.AreEqual(0L, await db.ScalarAsync<long>("SELECT count(*) FROM s3_removals WHERE task_id = @t", ct, ("t", taskId)), "nothing left on record");

        // And a reservation that is still its own is given back when its upload fails.
        var c = Guid.NewGuid();
        var keyC = Agensium.Scheduler.Storage.TaskPaths.UploadedInput(1, taskId, c, "c.csv");
        Assert.AreEqual(Agensium.Scheduler.Tasks.TaskInputSlots.Outcome.Reserved, (await slots.ReserveAsync(taskId, "c.csv", c, keyC, window, 20, ct)).Outcome);
        Assert.IsTrue(await slots.ReleaseAsync(taskId, "c.csv", c, keyC, 0, ct));
        Assert.AreEqual(1L, await db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @t", ct, ("t", taskId)));
    }

    /// <summary>The task rows of a test database, as a node reads and writes them.</summary>
    private static Agensium.Scheduler.Tasks.TaskStore TaskStoreOn(Npgsql.NpgsqlDataSource source) =>
        new(new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<Agensium.Scheduler.Data.AgensiumDbContext>(
                Microsoft.EntityFrameworkCore.NpgsqlDbContextOptionsBuilderExtensions.UseNpgsql(
                    new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Agensium.Scheduler.Data.AgensiumDbContext>(), source).Options),
            source, TimeProvider.System);

    /// <summary>
    /// A case-only name clash (Data.csv against data.csv: one file on a Windows node) is refused at the commit too, not
    /// only at the reservation: upload B of Data.csv waits on A's reservation, A fails and gives the name back, upload C
    /// reserves and commits data.csv, then B commits. B's commit found no row of its name and inserted one beside C's.
    /// </summary>
    [TestMethod]
    public async Task Commit_ShouldRefuseACaseOnlyNameClash_WhenTheNamesRowWasGivenBackMeanwhile()
    {
        var ct = TestContext.CancellationToken;
        var (cs, db) = await RemoverDatabaseAsync("agensium_test_case_clash_commit", ct);
        await using var source = Npgsql.NpgsqlDataSource.Create(cs);
        var slots = new Agensium.Scheduler.Tasks.TaskInputSlots(source);
        var store = TaskStoreOn(source);
        var taskId = await NewCreatedTaskAsync(db, ct);

        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        var keyA = Agensium.Scheduler.Storage.TaskPaths.UploadedInput(1, taskId, a, "Data.csv");
        var keyB = Agensium.Scheduler.Storage.TaskPaths.UploadedInput(1, taskId, b, "Data.csv");
        var keyC = Agensium.Scheduler.Storage.TaskPaths.UploadedInput(1, taskId, c, "data.csv");
        var window = TimeSpan.FromMinutes(15);
        Assert.AreEqual(Agensium.Scheduler.Tasks.TaskInputSlots.Outcome.Reserved, (await slots.ReserveAsync(taskId, "Data.csv", a, keyA, window, 20, ct)).Outcome);
        Assert.AreEqual(Agensium.Scheduler.Tasks.TaskInputSlots.Outcome.Replacing, (await slots.ReserveAsync(taskId, "Data.csv", b, keyB, window, 20, ct)).Outcome);
        Assert.AreEqual(new Agensium.Scheduler.Tasks.TaskInputSlots.Reservation(Agensium.Scheduler.Tasks.TaskInputSlots.Outcome.NameClash, "Data.csv"),
            await slots.ReserveAsync(taskId, "data.csv", c, keyC, window, 20, ct), "a name being received counts");
        Assert.IsTrue(await slots.ReleaseAsync(taskId, "Data.csv", a, keyA, 0, ct), "A fails and gives the name back");

        Assert.AreEqual(Agensium.Scheduler.Tasks.TaskInputSlots.Outcome.Reserved, (await slots.ReserveAsync(taskId, "data.csv", c, keyC, window, 20, ct)).Outcome);
        await S3Probe.PutAsync(keyC, "c\n1\n", ct);
        Assert.AreEqual(Agensium.Scheduler.Tasks.TaskStore.InputCommit.Committed, (await store.CommitInputAsync(taskId, "data.csv", c, keyC, 20, window, ct)).Outcome);
        await S3Probe.PutAsync(keyB, "b\n1\n", ct);
        Assert.AreEqual(Agensium.Scheduler.Tasks.TaskStore.InputCommit.NameClash, (await store.CommitInputAsync(taskId, "Data.csv", b, keyB, 20, window, ct)).Outcome);

        var registered = await slots.RegisteredAsync(taskId, ct);
        Assert.HasCount(1, registered);
        Assert.AreEqual("data.csv", registered[keyC]);
    }

    /// <summary>
    /// Finding 3: the cleaner started one task per failed upload (up to 10,000), each holding a pooled connection and
    /// the task row's lock across its S3 calls, so an S3 outage with many failed uploads could drain the pool and block
    /// the task. The remover takes one object at a time, and no lock or transaction is held while S3 is called.
    /// </summary>
    [TestMethod]
    public async Task Remover_ShouldCallS3ForOneObjectAtATime_WithoutHoldingTheTaskLock_WhileS3Hangs()
    {
        var ct = TestContext.CancellationToken;
        var application = "remover-test-" + Guid.NewGuid().ToString("N")[..8];
        var (cs, db) = await RemoverDatabaseAsync("agensium_test_remover_hanging", ct);
        await using var source = Npgsql.NpgsqlDataSource.Create(new Npgsql.NpgsqlConnectionStringBuilder(cs) { ApplicationName = application }.ConnectionString);
        var hanging = new HangingStore();
        var taskId = await NewCreatedTaskAsync(db, ct);
        var keys = Enumerable.Range(0, 30).Select(i => Agensium.Scheduler.Storage.TaskPaths.UploadedInput(1, taskId, Guid.NewGuid(), $"f{i}.csv")).ToArray();
        await db.ExecuteAsync("INSERT INTO s3_removals (object_key, task_id, reason) SELECT k, @t, 'upload' FROM unnest(@keys) AS k", ct,
            ("t", taskId), ("keys", keys));
        var pass = Remover(source, hanging).RunDueAsync(() => true, ct);
        try
        {
            await Poll.UntilAsync(() => Task.FromResult(hanging.InFlight > 0 ? "" : null), TimeSpan.FromSeconds(10), ct);
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            Assert.AreEqual(1, hanging.MaxInFlight, "one S3 call at a time");
            Assert.AreEqual(0L, await db.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE application_name = @a AND state <> 'idle'", ct,
                ("a", application)), "no database connection is busy (in a transaction, or waiting for a lock) while S3 hangs");

            // The task row is not locked while S3 hangs.
            await using (var connection = await source.OpenConnectionAsync(ct))
            await using (var transaction = await connection.BeginTransactionAsync(ct))
            await using (var probe = new Npgsql.NpgsqlCommand("SELECT 1 FROM tasks WHERE task_id = @t FOR UPDATE NOWAIT", connection, transaction))
            {
                probe.Parameters.AddWithValue("t", taskId);
                Assert.AreEqual(1, await probe.ExecuteScalarAsync(ct));
            }
        }
        finally
        {
            hanging.Resume();
        }
        Assert.AreEqual(30, (await pass).Removed);
        Assert.IsTrue(keys.All(hanging.Deleted.ContainsKey));
        Assert.AreEqual(1, hanging.MaxInFlight);
        Assert.AreEqual(0L, await db.ScalarAsync<long>("SELECT count(*) FROM s3_removals WHERE task_id = @t", ct, ("t", taskId)));
    }

    /// <summary>An object store whose calls wait until <see cref="Resume"/> (S3 not answering), counting how many run at once.</summary>
    private sealed class HangingStore : Agensium.Scheduler.Storage.IObjectStore
    {
        private readonly TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _maxInFlight;

        public int InFlight => Volatile.Read(ref _inFlight);
        public int MaxInFlight => Volatile.Read(ref _maxInFlight);
        public System.Collections.Concurrent.ConcurrentDictionary<string, bool> Deleted { get; } = new();

        public void Resume() => _resumed.TrySetResult();

        private async Task CallAsync(CancellationToken ct)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int max;
            while ((max = Volatile.Read(ref _maxInFlight)) < now && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
            {
            }
            try
            {
                await _resumed.Task.WaitAsync(ct);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        public async Task<IReadOnlyList<Agensium.Scheduler.Storage.StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken)
        {
            await CallAsync(cancellationToken);
            return [new Agensium.Scheduler.Storage.StoredObject(prefix, 1, DateTime.UtcNow)];
        }

        public async Task DeleteAsync(string key, CancellationToken cancellationToken)
        {
            await CallAsync(cancellationToken);
            Deleted[key] = true;
        }

        public Task PutFileAsync(string key, string localPath, string contentType, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task DownloadToFileAsync(string key, string localPath, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<(Stream Content, long Length, string ContentType)?> OpenReadAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<string> PresignGetAsync(string key, DateTime expiresUtc) => throw new NotSupportedException();
        public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
