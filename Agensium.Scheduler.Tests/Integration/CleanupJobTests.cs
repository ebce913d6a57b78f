namespace Agensium.Scheduler.Tests.Integration;

[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
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

    /// <summary>
    /// Stop 40: the stale sweep failed a task STALE_TASK on its row only, and left its attempt RUNNING; so the stale
    /// run's planned retries counted against an operator's retry, which then failed at its first transient error. The
    /// sweep now closes the stale run's attempt FAILED/STALE_TASK with the task (here the attempt of a node that died and
    /// was never recovered), a final failure, so the operator's run has retries of its own.
    /// </summary>
    [TestMethod]
    public async Task StaleSweep_ShouldCloseTheStaleAttemptWithTheTask_SoThatAnOperatorRetryGetsRetriesOfItsOwn()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        // Attempts before 6 fail with a transient error: 1–3 did (3 retries used), 4 is stale, 5 is the operator's.
        var taskId = await api.CreateTaskAsync(tool: "x-fault-injection", ct: ct);
        await api.UploadOkAsync(taskId, "fault.csv", "transient-until:6\n"u8.ToArray(), ct);
        await Db.ExecuteAsync("""
            UPDATE tasks SET status = 'PROCESSING', queue = 'default', attempt = 4, progress = 20,
                   processing_started_at = now() - interval '25 hours' WHERE task_id = @t;
            INSERT INTO job_history (fire_instance_id, job_name, job_group, task_id, user_id, tool_id, queue, node_instance_id,
                                     attempt, status, error_code, started_at, finished_at, next_retry_at, retryable)
            SELECT gen_random_uuid()::text, 'process-analysis', 'analysis', @t, 1, 'x-fault-injection', 'default', 'gone-node',
                   n, 'FAILED', 'TRANSIENT_ERROR', now() - interval '26 hours', now() - interval '26 hours',
                   now() - interval '26 hours', true
              FROM generate_series(1, 3) n;
            INSERT INTO job_history (fire_instance_id, job_name, job_group, task_id, user_id, tool_id, queue, node_instance_id,
                                     attempt, status, started_at)
            VALUES (gen_random_uuid()::text, 'process-analysis', 'analysis', @t, 1, 'x-fault-injection', 'default', 'gone-node',
                    4, 'RUNNING', now() - interval '25 hours');
            """, ct, ("t", taskId));

        await RunCleanupAsync(api, ct);
        Assert.AreEqual("STALE_TASK", (await api.GetTaskAsync(taskId, ct))["error_code"]!.GetValue<string>());
        // The stale run's attempt ends with its task, FAILED/STALE_TASK, in the sweep's statement: it stayed RUNNING (a
        // run still alive then closed it COMPLETED beside the FAILED task and uploaded under it; RetryAndCancelTests'
        // RunningTaskFailedByAnotherHand_… shows how a live run now stops), or was closed LOST by the orphan closer.
        var stale = await Db.QueryAsync("SELECT status, error_code FROM job_history WHERE task_id = @t AND attempt = 4", ct, ("t", taskId));
        Assert.AreEqual("FAILED", (string)stale[0]["status"]!);
        Assert.AreEqual("STALE_TASK", (string?)stale[0]["error_code"]);

        using (var retried = await api.PostJsonAsync($"/api/tasks/{taskId}/retry", "", ct))
        {
            Assert.AreEqual(200, (int)retried.StatusCode, await retried.Content.ReadAsStringAsync(ct));
        }
        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(60), ct);
        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), task.ToJsonString());
        Assert.AreEqual(6, task["attempt"]!.GetValue<int>());
    }

    /// <summary>
    /// Finding 4: an EXPIRED task whose files could not be removed when it expired (S3 failed) kept s3_cleaned false
    /// and its files for good: no run looked at it again. Every run now retries such tasks.
    /// </summary>
    [TestMethod]
    public async Task Cleanup_ShouldRemoveTheFilesOfAnExpiredTask_WhoseRemovalFailedInAnEarlierRun()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = Guid.NewGuid().ToString();
        await Db.ExecuteAsync("""
            INSERT INTO tasks (task_id, user_id, tool_id, status, created_at, expired_at, s3_cleaned)
            VALUES (@t, 1, 'profile-my-data', 'EXPIRED', now() - interval '2 hours', now() - interval '1 hour', false)
            """, ct, ("t", taskId));
        await S3Probe.PutAsync($"users/1/tasks/{taskId}/inputs/data.csv", "a,b\n1,2\n", ct);

        await RunCleanupAsync(api, ct);

        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{taskId}/", ct));
        var task = await api.GetTaskAsync(taskId, ct);
        Assert.IsTrue(task["s3_cleaned"]!.GetValue<bool>(), task.ToJsonString());
        Assert.AreEqual("EXPIRED", task["status"]!.GetValue<string>());
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

    /// <summary>
    /// One run takes batch after batch until nothing is left to expire: with a batch of 5, twelve expired tasks are
    /// all EXPIRED after one run (a single batch per 15-min run fell behind the 600 creations a minute the API allows).
    /// </summary>
    [TestMethod]
    public async Task Cleanup_ShouldTakeBatchAfterBatchInOneRun_UntilNothingIsLeftToExpire()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_cleanupbatches", [5179],
            new() { ["Scheduler__CleanupBatchSize"] = "5" }, ct);
        var ids = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid().ToString()).ToArray();
        foreach (var id in ids)
        {
            await cluster.Db.ExecuteAsync("""
                INSERT INTO tasks (task_id, user_id, tool_id, status, progress, created_at)
                VALUES (@t, 1, 'profile-my-data', 'CREATED', 0, now() - interval '20 minutes')
                """, ct, ("t", id));
        }
        var fresh = Guid.NewGuid().ToString();
        await cluster.Db.ExecuteAsync("INSERT INTO tasks (task_id, user_id, tool_id, status, progress) VALUES (@t, 1, 'profile-my-data', 'CREATED', 0)", ct, ("t", fresh));

        using var api = new ApiClient(cluster.Nodes[0]);
        var triggeredAt = await cluster.Db.ScalarAsync<DateTime>("SELECT now()", ct);
        using (var response = await api.PostJsonAsync("/api/jobs/cleanup-expired-tasks/trigger", "", ct))
        {
            Assert.AreEqual(202, (int)response.StatusCode);
        }
        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE job_name = 'cleanup-expired-tasks' AND status = 'COMPLETED' AND started_at >= @t", ct,
            ("t", triggeredAt)) > 0 ? "" : null, TimeSpan.FromSeconds(30), ct);

        var result = (string)(await cluster.Db.QueryAsync(
            "SELECT result FROM job_history WHERE job_name = 'cleanup-expired-tasks' AND status = 'COMPLETED' AND started_at >= @t ORDER BY id DESC LIMIT 1",
            ct, ("t", triggeredAt)))[0]["result"]!;
        Assert.AreEqual(12L, await cluster.Db.ScalarAsync<long>("SELECT count(*) FROM tasks WHERE task_id = ANY(@ids) AND status = 'EXPIRED'", ct, ("ids", ids)),
            "every expired task in one run, not one batch of 5: " + result);
        Assert.AreEqual("CREATED", await cluster.Db.ScalarAsync<string>("SELECT status FROM tasks WHERE task_id = @t", ct, ("t", fresh)));
        Assert.AreEqual(3, System.Text.Json.Nodes.JsonNode.Parse(result)!["expiry_batches"]!.GetValue<int>(), result);
    }

    /// <summary>
    /// A task past its expiry is unusable even before a cleanup run got to it (up to 15 min later, or more under a
    /// backlog): an upload or a process answers 409 INVALID_TASK_STATE, "expired", and nothing is queued.
    /// </summary>
    [TestMethod]
    public async Task UploadAndProcess_ShouldAnswerExpired_ForATaskPastItsExpiry_BeforeCleanupRan()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var created = await api.CreateTaskAsync(ct: ct);
        var uploading = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(uploading, "sample.csv", TestFiles.Sample("sample.csv"), ct);
        await Db.ExecuteAsync("UPDATE tasks SET created_at = now() - interval '16 minutes' WHERE task_id = ANY(@t)", ct,
            ("t", new[] { created, uploading }));

        using (var upload = await api.UploadAsync(created, "sample.csv", TestFiles.Sample("sample.csv"), ct))
        {
            Assert.AreEqual(409, (int)upload.StatusCode);
            var body = await upload.Content.ReadAsStringAsync(ct);
            StringAssert.Contains(body, "INVALID_TASK_STATE");
            StringAssert.Contains(body, "expired");
        }
        using (var process = await api.ProcessAsync(uploading, ct: ct))
        {
            Assert.AreEqual(409, (int)process.StatusCode);
            StringAssert.Contains(await process.Content.ReadAsStringAsync(ct), "expired");
        }
        Assert.AreEqual("UPLOADING", (await api.GetTaskAsync(uploading, ct))["status"]!.GetValue<string>(), "not queued");
        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{created}/", ct), "the late upload was not stored");
    }
}
