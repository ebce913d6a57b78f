namespace Agensium.Scheduler.Tests.Integration;

[TestClass]
[TestCategory("Integration")]
public sealed class CleanupJobTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    /// <summary>Runs the cleanup job now and waits for that run (not an earlier one) to complete.</summary>
    private static async Task RunCleanupAsync(ApiClient api, CancellationToken ct)
    {
        var triggeredAt = await Db.ScalarAsync<DateTime>("SELECT now()", ct);
        using (var response = await api.PostJsonAsync("/api/jobs/cleanup-expired-tasks/trigger", "", ct))
        {
            Assert.AreEqual(202, (int)response.StatusCode);
        }
        await Poll.UntilAsync(async () => await Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE job_name = 'cleanup-expired-tasks' AND status = 'COMPLETED' AND started_at >= @t", ct,
            ("t", triggeredAt)) > 0 ? "" : null, TimeSpan.FromSeconds(30), ct);
    }

    [TestMethod]
    public async Task Cleanup_ShouldExpireOldUploadsAndFailStaleTasks_WhenTriggered()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeB);

        var old = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(old, "sample.csv", TestFiles.Sample("sample.csv"), ct);
        await Db.ExecuteAsync("UPDATE tasks SET created_at = now() - interval '16 minutes' WHERE task_id = @t", ct, ("t", old));
        var fresh = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(fresh, "sample.csv", TestFiles.Sample("sample.csv"), ct);
        var oldCreated = await api.CreateTaskAsync(ct: ct);
        await Db.ExecuteAsync("UPDATE tasks SET created_at = now() - interval '1 hour' WHERE task_id = @t", ct, ("t", oldCreated));
        // Processed with parameters but no data file: UPLOAD_FAILED, which the seed never expired (its files stayed).
        var uploadFailed = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(uploadFailed, "parameters.json", "{}"u8.ToArray(), ct);
        using (var refused = await api.ProcessAsync(uploadFailed, ct: ct))
        {
            Assert.AreEqual(400, (int)refused.StatusCode);
        }
        Assert.AreEqual("UPLOAD_FAILED", (await api.GetTaskAsync(uploadFailed, ct))["status"]!.GetValue<string>());
        await Db.ExecuteAsync("UPDATE tasks SET created_at = now() - interval '16 minutes' WHERE task_id = @t", ct, ("t", uploadFailed));

        var stale = Guid.NewGuid().ToString();
        var running = Guid.NewGuid().ToString();
        await Db.ExecuteAsync("""
            INSERT INTO tasks (task_id, user_id, tool_id, status, progress, processing_started_at) VALUES
              (@s, 1, 'profile-my-data', 'PROCESSING', 55, now() - interval '25 hours'),
              (@r, 1, 'profile-my-data', 'PROCESSING', 55, now() - interval '23 hours')
            """, ct, ("s", stale), ("r", running));
        Assert.IsNotEmpty(await S3Probe.ListAsync($"users/1/tasks/{old}/", ct));

        await RunCleanupAsync(api, ct);

        var expired = await api.GetTaskAsync(old, ct);
        Assert.IsTrue(expired["s3_cleaned"]!.GetValue<bool>());
        Assert.AreEqual("EXPIRED", expired["status"]!.GetValue<string>());
        Assert.IsNotNull(expired["expired_at"]);
        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{old}/", ct));

        Assert.AreEqual("EXPIRED", (await api.GetTaskAsync(oldCreated, ct))["status"]!.GetValue<string>());
        Assert.AreEqual("EXPIRED", (await api.GetTaskAsync(uploadFailed, ct))["status"]!.GetValue<string>());
        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{uploadFailed}/", ct));
        Assert.AreEqual("UPLOADING", (await api.GetTaskAsync(fresh, ct))["status"]!.GetValue<string>());
        Assert.IsNotEmpty(await S3Probe.ListAsync($"users/1/tasks/{fresh}/", ct));

        var staleTask = await api.GetTaskAsync(stale, ct);
        Assert.AreEqual("FAILED", staleTask["status"]!.GetValue<string>());
        Assert.AreEqual("STALE_TASK", staleTask["error_code"]!.GetValue<string>());
        Assert.IsNotNull(staleTask["failed_at"]);
        Assert.AreEqual("PROCESSING", (await api.GetTaskAsync(running, ct))["status"]!.GetValue<string>());

        // An expired task takes no more uploads and cannot be processed.
        using var late = await api.UploadAsync(old, "more.csv", "a\n1\n"u8.ToArray(), ct);
        Assert.AreEqual(409, (int)late.StatusCode);
        using var process = await api.ProcessAsync(old, ct: ct);
        Assert.AreEqual(409, (int)process.StatusCode);

        var cleanupRun = await Db.QueryAsync("SELECT result FROM job_history WHERE job_name = 'cleanup-expired-tasks' AND status = 'COMPLETED' ORDER BY id DESC LIMIT 1", ct);
        Assert.HasCount(1, cleanupRun);
        StringAssert.Contains((string)cleanupRun[0]["result"]!, "\"stale\"");
    }

    [TestMethod]
    public async Task Cleanup_ShouldDeleteJobHistoryOlderThanTheRetention_WhenTriggered()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var old = "old-" + Guid.NewGuid();
        var recent = "recent-" + Guid.NewGuid();
        await Db.ExecuteAsync("""
            INSERT INTO job_history (fire_instance_id, job_name, job_group, node_instance_id, status, started_at, finished_at) VALUES
              (@old, 'debug', 'maintenance', 'node-x', 'COMPLETED', now() - interval '31 days', now() - interval '31 days'),
              (@recent, 'debug', 'maintenance', 'node-x', 'COMPLETED', now() - interval '29 days', now() - interval '29 days')
            """, ct, ("old", old), ("recent", recent));

        await RunCleanupAsync(api, ct);

        Assert.AreEqual(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM job_history WHERE fire_instance_id = @f", ct, ("f", old)));
        Assert.AreEqual(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM job_history WHERE fire_instance_id = @f", ct, ("f", recent)));
    }
}
