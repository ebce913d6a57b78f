using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// An upload that fills the node's own disk (its work folder, where the body is spooled) is answered 507
/// LOCAL_DISK_FULL and leaves nothing: it was 503 DEPENDENCY_UNAVAILABLE, "a service this node depends on is
/// unreachable … retry in a few seconds" (stop 43's probe). The work folder is a small tmpfs mounted for the test, which
/// needs root (CI runs as root); where mounting is not permitted the test is inconclusive.
/// </summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster's database (a third node of its cluster)
[TestCategory("Integration")]
public sealed class LocalDiskFullTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken); // its database, user and API key

    [TestMethod]
    public async Task Upload_ShouldAnswer507LocalDiskFull_AndKeepNothing_WhenTheNodesDiskIsFull()
    {
        var ct = TestContext.CancellationToken;
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("mounts a tmpfs (Linux)");
        }
        var work = Directory.CreateTempSubdirectory("agensium-full-disk-").FullName;
        var (mounted, why) = await RunAsync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", work], ct);
        if (!mounted)
        {
            Directory.Delete(work);
            Assert.Inconclusive($"mounting a 1 MiB tmpfs is not permitted here ({why.Trim()}): run as root to check a full disk");
        }
        try
        {
            await using var node = await ServiceNode.StartAsync(5183, new Dictionary<string, string>
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
            Assert.AreEqual(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @t", ct, ("t", taskId)), "no reservation is kept");
            Assert.AreEqual("CREATED", await Db.ScalarAsync<string>("SELECT status FROM tasks WHERE task_id = @t", ct, ("t", taskId)));
            StringAssert.Contains(node.ReadLog(), "answered 507: this node's local disk is full (No space left on device");

            // The space the failed upload took is free again: a file that fits is taken.
            await api.UploadOkAsync(taskId, "small.csv", "id,x\n1,2\n"u8.ToArray(), ct);
        }
        finally
        {
            await RunAsync("umount", ["-l", work], CancellationToken.None);
            Directory.Delete(work, recursive: true);
        }
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
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("mounts a tmpfs (Linux)");
        }
        var work = Directory.CreateTempSubdirectory("agensium-full-disk-").FullName;
        var (mounted, why) = await RunAsync("mount", ["-t", "tmpfs", "-o", "size=160m", "tmpfs", work], ct);
        if (!mounted)
        {
            Directory.Delete(work);
            Assert.Inconclusive($"mounting a tmpfs is not permitted here ({why.Trim()}): run as root to check a full disk");
        }
        try
        {
            await using var node = await ServiceNode.StartAsync(5183, new Dictionary<string, string>
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
        finally
        {
            await RunAsync("umount", ["-l", work], CancellationToken.None);
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(bool Ok, string Error)> RunAsync(string command, string[] args, CancellationToken ct)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var error = await process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return (process.ExitCode == 0, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (false, e.Message);
        }
    }
}
