using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// A job that fills its node's disk fails STORAGE_ERROR, once, and leaves nothing (<see cref="Jobs_ShouldFailStorageErrorWithoutRetry_AndKeepNothing_WhenTheyFillTheNodesDisk"/>),
/// and so does one whose node's work folder is read-only (<see cref="Jobs_ShouldFailStorageErrorWithoutRetry_AndKeepNothing_WhenTheNodesWorkFolderIsReadOnly"/>).
/// An upload that fills the node's own disk (its work folder, where the body is spooled) is answered 507
/// LOCAL_DISK_FULL and leaves nothing: it was 503 DEPENDENCY_UNAVAILABLE, "a service this node depends on is
/// unreachable … retry in a few seconds" (stop 43's probe); one onto a read-only work folder 507 LOCAL_DISK_UNWRITABLE,
/// with one ERROR naming the folder (it was 503 until stop 46). The work folder is a small tmpfs mounted for the test, which
/// needs root (CI runs as root); where mounting is not permitted the test is inconclusive.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class LocalDiskFullTests
{
    // The database of the API-only node on 5183 that most tests start (the jobs' tests start clusters of their own).
    private static PrivateCluster _api = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task CreateDatabaseAsync(TestContext context) =>
        _api = await PrivateCluster.StartAsync("agensium_test_disk_full", [], null, context.CancellationToken);

    [ClassCleanup]
    public static async Task DisposeClusterAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    // A node of _api's database (user 1 seeded once its schema is there) with these settings.
    private static async Task<ServiceNode> StartNodeAsync(Dictionary<string, string> settings, CancellationToken ct)
    {
        var node = await ServiceNode.StartAsync(5183, _api.NodeSettings(settings), ct);
        await _api.SeedUserAsync(ct);
        return node;
    }

    [TestMethod]
    public async Task Upload_ShouldAnswer507LocalDiskFull_AndKeepNothing_WhenTheNodesDiskIsFull()
    {
        var ct = TestContext.CancellationToken;
        using var disk = SmallDisk.Mount("1m");
        var work = disk.Path;
        await using var node = await StartNodeAsync(new Dictionary<string, string>
        {
            ["Scheduler__WorkDirectory"] = work,
            ["Scheduler__RunJobs"] = "false",
            ["Api__MaxUploadBytes"] = "8388608",
            ["Scheduler__WorkDirectoryMinFreeMb"] = "0", // ready on a 1 MiB disk (a readiness test below fills one)
        }, ct);
        using var api = new ApiClient(node);
        var taskId = await api.CreateTaskAsync(ct: ct);

        using var response = await api.Http.PutAsync($"/api/tasks/{taskId}/inputs/big.csv", new ByteArrayContent(new byte[3 * 1024 * 1024]), ct);
        var text = await response.Content.ReadAsStringAsync(ct);

        Assert.AreEqual(HttpStatusCode.InsufficientStorage, response.StatusCode, text);
        var body = JsonNode.Parse(text)!;
        Assert.AreEqual("LOCAL_DISK_FULL", body["error_code"]!.GetValue<string>(), text);
        StringAssert.Contains(body["message"]!.GetValue<string>(), "local disk is full");
        Assert.IsFalse(response.Headers.Contains("Retry-After"), "not a dependency's outage that passes in seconds");
        Assert.IsEmpty(Directory.EnumerateFiles(work, "upload-*", SearchOption.AllDirectories).ToList(), "the spool file is removed");
        Assert.AreEqual(0L, await _api.Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @t", ct, ("t", taskId)), "no reservation is kept");
        Assert.AreEqual("CREATED", await _api.Db.ScalarAsync<string>("SELECT status FROM tasks WHERE task_id = @t", ct, ("t", taskId)));
        StringAssert.Contains(await node.WaitForLogAsync("answered 507: this node's local disk is full (No space left on device", ct), "answered 507: this node's local disk is full (No space left on device");

        // The space the failed upload took is free again: a file that fits is taken.
        await api.UploadOkAsync(taskId, "small.csv", "id,x\n1,2\n"u8.ToArray(), ct);
    }

    [TestMethod]
    public async Task Upload_ShouldAnswer507LocalDiskUnwritable_AndLogOneErrorNamingTheFolder_WhenTheNodesWorkFolderIsReadOnly()
    {
        // s45 review: an upload spooled onto a read-only work folder (EROFS, a plain IOException, read as a broken
        // connection) was answered 503 DEPENDENCY_UNAVAILABLE, "retry in a few seconds", with a warning per request: the
        // node's own storage, which takes an operator, as a full disk does (507). The node's folder is covered by a
        // read-only tmpfs (a remount is refused while the node holds its lock file open for writing).
        var ct = TestContext.CancellationToken;
        using var disk = SmallDisk.Mount("4m");
        await using var node = await StartApiNodeAsync(disk, ct);
        using var api = new ApiClient(node);
        var taskId = await api.CreateTaskAsync(ct: ct);
        var nodeFolder = disk.NodeFolder();
        using var cover = disk.CoverReadOnly(nodeFolder);

        using (var response = await api.Http.PutAsync($"/api/tasks/{taskId}/inputs/data.csv", new ByteArrayContent("id,x\n1,2\n"u8.ToArray()), ct))
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            Assert.AreEqual(HttpStatusCode.InsufficientStorage, response.StatusCode, text);
            var body = JsonNode.Parse(text)!;
            Assert.AreEqual("LOCAL_DISK_UNWRITABLE", body["error_code"]!.GetValue<string>(), text);
            StringAssert.Contains(body["message"]!.GetValue<string>(), "local work folder could not be written", text);
            Assert.IsFalse(response.Headers.Contains("Retry-After"), "not a dependency's outage that passes in seconds");
        }
        Assert.AreEqual(0L, await _api.Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @t", ct, ("t", taskId)), "no reservation is kept");
        Assert.AreEqual("CREATED", await _api.Db.ScalarAsync<string>("SELECT status FROM tasks WHERE task_id = @t", ct, ("t", taskId)));
        var log = (await node.WaitForLogAsync("/inputs/data.csv answered 507", ct)).Split('\n');
        var said = log.Where(l => l.Contains("/inputs/data.csv", StringComparison.Ordinal) && (l.Contains(": ERROR/", StringComparison.Ordinal) || l.Contains(": WARNING/", StringComparison.Ordinal))).ToList();
        var errors = said.Where(l => l.Contains(": ERROR/", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, said, "one ERROR for the failed request, no warning: " + string.Join("\n", said));
        Assert.HasCount(1, errors, string.Join("\n", said));
        StringAssert.Contains(errors[0], $"this node's work folder {nodeFolder} could not be written (Read-only file system", errors[0]);

        // Once the folder can be written again, the same upload is taken.
        cover.Dispose();
        await api.UploadOkAsync(taskId, "data.csv", "id,x\n1,2\n"u8.ToArray(), ct);
    }

    [TestMethod]
    public async Task Uploads_ShouldLogTheFirstRefusalOnly_AndSayOnceWhenTheyAreTakenAgain_WhenTheNodesWorkFolderIsReadOnly()
    {
        // s46 review: each upload refused 507 LOCAL_DISK_UNWRITABLE logged an ERROR of its own, so a stream of uploads
        // flooded the log. Now the first is said (naming the folder), the rest are counted (a line a minute), and the
        // first upload taken again says so once, with the count.
        var ct = TestContext.CancellationToken;
        using var disk = SmallDisk.Mount("4m");
        await using var node = await StartApiNodeAsync(disk, ct);
        using var api = new ApiClient(node);
        var taskId = await api.CreateTaskAsync(ct: ct);
        var nodeFolder = disk.NodeFolder();
        var cover = disk.CoverReadOnly(nodeFolder);
        try
        {
            for (int i = 0; i < 12; i++)
            {
                using var response = await api.Http.PutAsync($"/api/tasks/{taskId}/inputs/data{i}.csv", new ByteArrayContent("id,x\n1,2\n"u8.ToArray()), ct);
                Assert.AreEqual(HttpStatusCode.InsufficientStorage, response.StatusCode, await response.Content.ReadAsStringAsync(ct));
            }
        }
        finally
        {
            cover.Dispose();
        }
        await api.UploadOkAsync(taskId, "data.csv", "id,x\n1,2\n"u8.ToArray(), ct);
        await api.UploadOkAsync(taskId, "more.csv", "id,x\n1,2\n"u8.ToArray(), ct);

        var log = (await node.WaitForLogAsync("answered 507", ct)).Split('\n');
        var refusals = log.Where(l => l.Contains("answered 507", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, refusals, "one line for 12 refusals within a minute: " + string.Join("\n", refusals));
        StringAssert.Contains(refusals[0], ": ERROR/", refusals[0]);
        StringAssert.Contains(refusals[0], $"/inputs/data0.csv answered 507: this node's work folder {nodeFolder} could not be written (Read-only file system", refusals[0]);
        var again = log.Where(l => l.Contains("takes uploads again", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, again, "said once, at the first upload taken: " + string.Join("\n", again));
        StringAssert.Contains(again[0], ": INFO/", again[0]);
        StringAssert.Contains(again[0], $"work folder {nodeFolder} takes uploads again (12 refused 507 since ", again[0]);
    }

    [TestMethod]
    public async Task Jobs_ShouldFailStorageErrorWithoutRetry_AndKeepNothing_WhenTheyFillTheNodesDisk()
    {
        // A job whose inputs filled its node's disk as they were downloaded was retried as TRANSIENT_ERROR (the plain
        // IOException of ENOSPC read as a broken connection; s44 review). README: a disk that fills during an analysis
        // fails the task STORAGE_ERROR. The node that runs jobs works in a 1 MiB tmpfs; the API-only node takes uploads.
        var ct = TestContext.CancellationToken;
        using var disk = SmallDisk.Mount("1m");
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_disk_full_job", [5181], new()
        {
            ["Scheduler__RunJobs"] = "false",
            ["Api__MaxUploadBytes"] = "8388608",
            ["Retry__BaseDelay"] = "00:00:01",
            ["Retry__MaxDelay"] = "00:00:02",
        }, ct);
        await cluster.StartNodeAsync(5182, ct, new() { ["Scheduler__RunJobs"] = "true", ["Scheduler__WorkDirectory"] = disk.Path, ["Scheduler__WorkDirectoryMinFreeMb"] = "0" }); // ready on a 1 MiB disk
        using var api = new ApiClient(cluster.Nodes[0]);

        // The download of a 3 MiB input; then, once its space is free again, the outputs of clean-my-data, whose 400 KiB
        // input fits but not its cleaned copies (the tool's own handling, which gave STORAGE_ERROR already).
        foreach (var (tool, size, saying) in new[]
        {
            ("profile-my-data", 3 * 1024 * 1024, "The local disk of the node that ran the task is full (No space left on device"),
            ("clean-my-data", 400 * 1024, "No space left on device"),
        })
        {
            var taskId = await api.CreateTaskAsync(tool: tool, ct: ct);
            await api.UploadOkAsync(taskId, "data.csv", Rows(size), ct);
            await api.ProcessOkAsync(taskId, ct);

            var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(120), ct);
            var attempts = await cluster.Db.QueryAsync(
                "SELECT status, error_code, error_message, retryable FROM job_history WHERE task_id = @t ORDER BY id", ct, ("t", taskId));
            var said = task.ToJsonString() + "\n" + string.Join("\n", attempts.Select(a => string.Join(" | ", a.Values)));
            Assert.AreEqual("FAILED", task["status"]!.GetValue<string>(), said);
            Assert.AreEqual("STORAGE_ERROR", task["error_code"]!.GetValue<string>(), said);
            StringAssert.Contains(task["error_message"]!.GetValue<string>(), saying, said);
            Assert.HasCount(1, attempts, "not retried: " + said);
            Assert.AreEqual(false, attempts[0]["retryable"], said);
        }
        var left = disk.Files().Where(f => Path.GetFileName(f) != NodeWorkFolderLock).ToList();
        Assert.IsEmpty(left, "nothing the jobs wrote is kept: " + string.Join(", ", left));
    }

    [TestMethod]
    public async Task Jobs_ShouldFailStorageErrorWithoutRetry_AndKeepNothing_WhenTheNodesWorkFolderIsReadOnly()
    {
        // s44 review: a job whose node could not write its work folder (read-only, refused, removed) while it prepared
        // its inputs was retried as TRANSIENT_ERROR (EROFS is a plain IOException, read as a broken connection) or ended
        // INTERNAL_ERROR. It is the node's disk, as a full one: STORAGE_ERROR, once. The job node's folder is made
        // read-only after it started (root, whom permissions never refuse, is refused by a read-only file system): a
        // read-only tmpfs covers it, as a remount is refused while the node holds its lock file open for writing.
        var ct = TestContext.CancellationToken;
        using var disk = SmallDisk.Mount("4m");
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_ro_work_job", [5181], new()
        {
            ["Scheduler__RunJobs"] = "false",
            ["Retry__BaseDelay"] = "00:00:01",
            ["Retry__MaxDelay"] = "00:00:02",
        }, ct);
        await cluster.StartNodeAsync(5182, ct, new() { ["Scheduler__RunJobs"] = "true", ["Scheduler__WorkDirectory"] = disk.Path, ["Scheduler__WorkDirectoryMinFreeMb"] = "0" });
        var before = disk.Files();
        var nodeFolder = disk.NodeFolder();
        using var cover = disk.CoverReadOnly(nodeFolder);
        using var api = new ApiClient(cluster.Nodes[0]);

        var taskId = await api.CreateTaskAsync(tool: "profile-my-data", ct: ct);
        await api.UploadOkAsync(taskId, "data.csv", Rows(10 * 1024), ct);
        await api.ProcessOkAsync(taskId, ct);

        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(120), ct);
        var attempts = await cluster.Db.QueryAsync(
            "SELECT status, error_code, error_message, retryable FROM job_history WHERE task_id = @t ORDER BY id", ct, ("t", taskId));
        var said = task.ToJsonString() + "\n" + string.Join("\n", attempts.Select(a => string.Join(" | ", a.Values)));
        Assert.AreEqual("FAILED", task["status"]!.GetValue<string>(), said);
        Assert.AreEqual("STORAGE_ERROR", task["error_code"]!.GetValue<string>(), said);
        StringAssert.StartsWith(task["error_message"]!.GetValue<string>(), "The local work folder of the node that ran the task could not be written (Read-only file system", said);
        StringAssert.Contains(task["error_message"]!.GetValue<string>(), "nothing it wrote was kept", said);
        Assert.HasCount(1, attempts, "not retried: " + said);
        Assert.AreEqual(false, attempts[0]["retryable"], said);
        cover.Dispose();
        CollectionAssert.AreEquivalent(before, disk.Files(), "nothing was written: " + said);
    }

    private const string NodeWorkFolderLock = Agensium.Scheduler.Jobs.NodeWorkFolder.LockName;

    // A CSV of about the size given.
    private static byte[] Rows(int size)
    {
        var csv = new System.Text.StringBuilder("id,name,city\n");
        for (int i = 0; csv.Length < size; i++)
        {
            csv.Append(i).Append(",name ").Append(i).Append(",city ").Append(i % 50).Append('\n');
        }
        return System.Text.Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>
    /// Stop 43's review: with the work directory full, uploads answered 507 while GET /health/ready still said the node
    /// was ready, so a load balancer kept sending it work. Readiness now checks the free space of the work directory's
    /// disk against Scheduler:WorkDirectoryMinFreeMb (100 MiB by default), here on a 160 MiB tmpfs filled past it.
    /// </summary>
    [TestMethod]
    public async Task Readiness_ShouldSayTheNodeCannotTakeWork_WhileItsWorkDirectoryHasNoRoom()
    {
        var ct = TestContext.CancellationToken;
        using var small = SmallDisk.Mount("160m");
        var work = small.Path;
        await using var node = await StartNodeAsync(new Dictionary<string, string>
        {
            ["Scheduler__WorkDirectory"] = work,
            ["Scheduler__RunJobs"] = "false",
        }, ct); // ready: 160 MiB free
        using var anonymous = new ApiClient(node, apiKey: null);

        // What another program (or a stuck spool) leaves on the disk: 100 MiB of data, 60 MiB left, below the 100 MiB.
        var filler = Path.Combine(work, "filler");
        await File.WriteAllBytesAsync(filler, new byte[100 * 1024 * 1024], ct);
        using (var full = await anonymous.Http.GetAsync("/health/ready", ct))
        {
            var text = await full.Content.ReadAsStringAsync(ct);
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, full.StatusCode, "not ready with no room to work: " + text);
            var body = JsonNode.Parse(text)!;
            Assert.AreEqual("unavailable", body["status"]!.GetValue<string>(), text);
            Assert.AreEqual("ok", body["database"]!.GetValue<string>(), "the dependencies are fine: " + text);
            var disk = body["disk"]!.GetValue<string>();
            StringAssert.StartsWith(disk, "full (", text);
            StringAssert.Contains(disk, "below Scheduler:WorkDirectoryMinFreeMb 100 MiB", text);
            Assert.DoesNotContain(work, text, "the open probe does not name the node's folders");
        }

        File.Delete(filler);
        using var ready = await anonymous.Http.GetAsync("/health/ready", ct);
        var again = await ready.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.OK, ready.StatusCode, "ready again once space is freed: " + again);
        Assert.AreEqual("ok", JsonNode.Parse(again)!["disk"]!.GetValue<string>(), again);
    }

    /// <summary>
    /// s46 review: readiness checked only the work folder's free space, so a read-only work folder (every upload 507
    /// LOCAL_DISK_UNWRITABLE, every job STORAGE_ERROR) still said <c>disk: ok</c> and a load balancer kept sending the node
    /// uploads it refused. The node's folder is covered by a read-only tmpfs, with no free-space minimum (0).
    /// </summary>
    [TestMethod]
    public async Task Readiness_ShouldSayTheNodeCannotTakeWork_WhileItsWorkFolderCannotBeWritten()
    {
        var ct = TestContext.CancellationToken;
        using var disk = SmallDisk.Mount("4m");
        await using var node = await StartApiNodeAsync(disk, ct); // ready
        using var anonymous = new ApiClient(node, apiKey: null);
        var nodeFolder = disk.NodeFolder();
        var cover = disk.CoverReadOnly(nodeFolder);
        try
        {
            var (status, text) = await ReadinessAsync(anonymous, HttpStatusCode.ServiceUnavailable, ct); // within the probe's 5 s cache
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, status, "not ready with a work folder that refuses every upload: " + text);
            var body = JsonNode.Parse(text)!;
            Assert.AreEqual("unavailable", body["status"]!.GetValue<string>(), text);
            Assert.AreEqual("ok", body["database"]!.GetValue<string>(), "the dependencies are fine: " + text);
            Assert.AreEqual("unwritable (no file can be created in the work directory: Read-only file system)", body["disk"]!.GetValue<string>(), text);
            Assert.DoesNotContain(disk.Path, text, "the open probe does not name the node's folders");
            var errors = (await node.WaitForLogAsync("Readiness:", ct)).Split('\n').Where(l => l.Contains(": ERROR/", StringComparison.Ordinal) && l.Contains("Readiness:", StringComparison.Ordinal)).ToList();
            Assert.HasCount(1, errors, "the log names the folder once: " + string.Join("\n", errors));
            StringAssert.Contains(errors[0], $"work folder {nodeFolder} cannot be written (Read-only file system", errors[0]);
        }
        finally
        {
            cover.Dispose();
        }

        var (again, againText) = await ReadinessAsync(anonymous, HttpStatusCode.OK, ct);
        Assert.AreEqual(HttpStatusCode.OK, again, "ready again once the folder can be written: " + againText);
        Assert.AreEqual("ok", JsonNode.Parse(againText)!["disk"]!.GetValue<string>(), againText);
        StringAssert.Contains(await node.WaitForLogAsync($"work folder {nodeFolder} can be written again", ct), $"work folder {nodeFolder} can be written again");
    }

    // Asks GET /health/ready until it answers `wanted` (the probe's answer is kept 5 s) or 30 s have passed: the last answer.
    private static async Task<(HttpStatusCode Status, string Text)> ReadinessAsync(ApiClient client, HttpStatusCode wanted, CancellationToken ct)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await client.Http.GetAsync("/health/ready", ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode == wanted || DateTime.UtcNow > until)
            {
                return (response.StatusCode, text);
            }
            await Task.Delay(500, ct);
        }
    }

    // A node that serves the API only (no jobs), its work folder on <paramref name="disk"/>, ready whatever room that has.
    private static Task<ServiceNode> StartApiNodeAsync(SmallDisk disk, CancellationToken ct) =>
        StartNodeAsync(new Dictionary<string, string>
        {
            ["Scheduler__WorkDirectory"] = disk.Path,
            ["Scheduler__RunJobs"] = "false",
            ["Scheduler__WorkDirectoryMinFreeMb"] = "0",
        }, ct);
}
