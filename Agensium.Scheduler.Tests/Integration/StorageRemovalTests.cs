using System.Net;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// Objects that must leave S3 (a failed or refused upload's, a deleted or expired task's) are recorded in PostgreSQL
/// when they become garbage, and any node removes them: a node that dies before it got to them loses nothing, and one
/// prefix that always fails does not hold back the others. Each test kills or blocks the node that made the garbage
/// and checks that another node (or a later pass) removes it.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class StorageRemovalTests
{
    public TestContext TestContext { get; set; } = null!;

    // No [TestInitialize] starting the shared two-node TestCluster: every test here runs nodes of its own, on a
    // database of its own (starting the shared cluster for nothing cost the class's first test about 20 s).

    private static string TaskPrefix(string taskId) => $"users/1/tasks/{taskId}/";

    private static FreezableProxy StackProxy() =>
        FreezableProxy.Start(int.Parse(StackSettings.S3Port, System.Globalization.CultureInfo.InvariantCulture));

    // One node whose S3 is reached through the proxy, with a short S3 timeout. Its removal loop looks for due rows every
    // second (10 s by default) and a row's lease is only the removal's own longest time (6 × the S3 timeout, 12 s; 30 s
    // at least by default): what a test waits for is the same, another node taking a killed node's row once its lease
    // is over, sooner.
    private static Task<PrivateCluster> StartBehindAsync(FreezableProxy proxy, string database, CancellationToken ct,
        Dictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["S3__ServiceUrl"] = $"http://127.0.0.1:{proxy.Port}",
            ["S3__Timeout"] = "00:00:02",
            ["S3__PauseAfterTimeout"] = "00:00:01",
            ["S3__RemovalPollInterval"] = "00:00:01",
            ["S3__RemovalMinimumLease"] = "00:00:01",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value; // a test's own setting wins over these
        }
        return PrivateCluster.StartAsync(database, [5179], settings, ct);
    }

    /// <summary>The node that replaces a killed one: same database, S3 reached directly.</summary>
    private static Task<ServiceNode> StartReplacementAsync(PrivateCluster cluster, CancellationToken ct) =>
        cluster.StartNodeAsync(5179, ct, new Dictionary<string, string> { ["S3__ServiceUrl"] = StackSettings.S3Url });

    private static Task WaitUntilGoneAsync(string prefix, TimeSpan timeout, CancellationToken ct) =>
        Poll.UntilAsync(async () => (await S3Probe.ListAsync(prefix, ct)).Count == 0 ? "" : null, timeout, ct);

    /// <summary>
    /// Review finding 1: a failed upload's object was removed only from its node's memory. The node died before S3
    /// came back, the late PUT landed, and the object stayed in S3 for as long as the task was kept.
    /// </summary>
    [TestMethod]
    public async Task FailedUploadsObject_ShouldBeRemovedByAnotherNode_WhenItsNodeDiesFirst()
    {
        var ct = TestContext.CancellationToken;
        await using var proxy = StackProxy();
        await using var cluster = await StartBehindAsync(proxy, "agensium_test_removal_upload_node_dies", ct);
        using var api = new ApiClient(cluster.Nodes[0]);
        var taskId = await api.CreateTaskAsync(ct: ct);

        proxy.Freeze();
        using (var response = await api.UploadAsync(taskId, "a.csv", "a,b\n1,2\n"u8.ToArray(), ct))
        {
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        cluster.Nodes[0].Kill();
        proxy.Thaw(); // the store applies the PUT it held: the object lands with its node gone
        await Poll.UntilAsync(async () => (await S3Probe.ListAsync(TaskPrefix(taskId), ct)).Count > 0 ? "" : null, TimeSpan.FromSeconds(20), ct);

        await StartReplacementAsync(cluster, ct);
        await WaitUntilGoneAsync(TaskPrefix(taskId), TimeSpan.FromSeconds(120), ct);
        Assert.AreEqual("CREATED", await cluster.Db.ScalarAsync<string>("SELECT status FROM tasks WHERE task_id = @t", ct, ("t", taskId)),
            "the task is kept; only the unused object went");
    }

    /// <summary>
    /// Review finding 2: an upload still arriving when its task expired was refused, and its object (which landed
    /// after the expiry had removed the task's prefix) could not be deleted then. Only its node's memory knew it, and
    /// the expiry's retry pass looks at tasks with s3_cleaned false, which this one was not: the object stayed.
    /// </summary>
    [TestMethod]
    public async Task RefusedLateUploadsObject_ShouldBeRemovedByAnotherNode_WhenItsDeleteFailedAndItsNodeDied()
    {
        var ct = TestContext.CancellationToken;
        await using var proxy = StackProxy();
        await using var cluster = await StartBehindAsync(proxy, "agensium_test_removal_late_upload", ct);
        using var api = new ApiClient(cluster.Nodes[0]);
        var taskId = await api.CreateTaskAsync(ct: ct);

        var rest = new TaskCompletionSource();
        var body = new SlowBody("a,b\n1,2\n3,4\n"u8.ToArray(), rest.Task);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var upload = api.Http.PutAsync($"/api/tasks/{taskId}/inputs/a.csv", body, ct);
        await body.FirstPartSent.WaitAsync(TimeSpan.FromSeconds(10), ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        // As the cleanup leaves it (done here in one statement: the body may not wait long, Kestrel's minimum data rate):
        // expired, its prefix removed, s3_cleaned.
        await cluster.Db.ExecuteAsync("""
            UPDATE tasks SET created_at = now() - interval '16 minutes', status = 'EXPIRED', expired_at = now(), s3_cleaned = true
             WHERE task_id = @t
            """, ct, ("t", taskId));

        proxy.Hold("DELETE /"); // from now on the store answers no delete (every other request is served)
        rest.SetResult();
        using (var response = await upload)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            Assert.AreEqual(HttpStatusCode.Conflict, response.StatusCode, text);
            StringAssert.Contains(text, "INVALID_TASK_STATE");
        }
        Assert.IsNotEmpty(await S3Probe.ListAsync(TaskPrefix(taskId), ct), "the refused upload's object is stored and its delete hangs");
        cluster.Nodes[0].Kill();

        await StartReplacementAsync(cluster, ct);
        await WaitUntilGoneAsync(TaskPrefix(taskId), TimeSpan.FromSeconds(120), ct);
    }

    /// <summary>
    /// Review finding 3: deleting a CREATED task deleted its row, then its prefix without the lock; a node that died
    /// between the two left the prefix's objects (here a failed upload's leftover) with no row, for ever.
    /// </summary>
    [TestMethod]
    public async Task DeleteOfACreatedTask_ShouldStillRemoveItsPrefix_WhenTheNodeDiesBeforeS3Answers()
    {
        var ct = TestContext.CancellationToken;
        await using var proxy = StackProxy();
        await using var cluster = await StartBehindAsync(proxy, "agensium_test_removal_delete_dies", ct);
        using var api = new ApiClient(cluster.Nodes[0]);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await S3Probe.PutAsync(TaskPrefix(taskId) + "inputs/0123456789abcdef0123456789abcdef/a.csv", "a,b\n1,2\n", ct);

        proxy.Hold(taskId); // the store does not answer the delete's requests for the task's prefix
        var delete = api.Http.DeleteAsync($"/api/tasks/{taskId}", ct);
        await Poll.UntilAsync(() => Task.FromResult(proxy.Held > 0 ? "" : null), TimeSpan.FromSeconds(30), ct);
        Assert.AreEqual(0L, await cluster.Db.ScalarAsync<long>("SELECT count(*) FROM tasks WHERE task_id = @t", ct, ("t", taskId)));
        cluster.Nodes[0].Kill();
        try
        {
            using var _ = await delete;
        }
        catch (HttpRequestException)
        {
            // The node died before it answered.
        }

        await StartReplacementAsync(cluster, ct);
        await WaitUntilGoneAsync(TaskPrefix(taskId), TimeSpan.FromSeconds(120), ct);
    }

    /// <summary>
    /// Found on the way (finding 3's kind): a run that ended after its task was cancelled and deleted removed the outputs
    /// it had uploaded only after its end committed, from memory; a node that died before (or whose S3 failed for its
    /// few tries) left them under the deleted task for ever. The removal is now recorded with the run's end. Since stop 40
    /// the run asks whether its task is still PROCESSING before each upload, so it uploads nothing here; whatever the task
    /// left under its prefix is still removed by another node once this one is killed. (An upload already on its way
    /// when the task is deleted still lands: that race has no test of its own since.)
    /// </summary>
    [TestMethod]
    public async Task OutputsOfARunWhoseTaskWasDeleted_ShouldBeRemovedByAnotherNode_WhenItsNodeDiesBeforeRemovingThem()
    {
        var ct = TestContext.CancellationToken;
        await using var proxy = StackProxy();
        // The run does not look for the cancel (a poll interval of ten minutes): it finishes after the delete.
        await using var cluster = await StartBehindAsync(proxy, "agensium_test_removal_run_outputs", ct,
            new()
            {
                ["Worker__CancelPollInterval"] = "00:10:00",
                ["Worker__Tools__x-fault-injection__SoftTimeLimit"] = "00:01:00",
                ["Worker__Tools__x-fault-injection__HardTimeLimit"] = "00:01:10",
            });
        using var api = new ApiClient(cluster.Nodes[0]);
        var id = await api.SubmitFaultAsync("sleep:20", ct: ct); // ends well after the cancel and the delete
        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @id AND status = 'RUNNING'", ct, ("id", id)) == 1 ? "" : null,
            TimeSpan.FromSeconds(30), ct);
        using (var cancel = await api.CancelAsync(id, ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, cancel.StatusCode);
        }
        using (var delete = await api.Http.DeleteAsync($"/api/tasks/{id}", ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, delete.StatusCode, await delete.Content.ReadAsStringAsync(ct));
        }

        proxy.Hold("DELETE /"); // from now on the store answers no delete
        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @id AND status <> 'RUNNING'", ct, ("id", id)) == 1 ? "" : null,
            TimeSpan.FromSeconds(90), ct);
        Assert.IsEmpty(await S3Probe.ListAsync(TaskPrefix(id) + "outputs/", ct), "the run uploads nothing once its task is deleted");
        cluster.Nodes[0].Kill();

        await StartReplacementAsync(cluster, ct);
        await WaitUntilGoneAsync(TaskPrefix(id), TimeSpan.FromSeconds(120), ct);
    }

    /// <summary>
    /// Review finding 4: the cleanup's retry of EXPIRED tasks whose files were not removed stopped at the first task that
    /// failed again, so one prefix that always fails (here S3 never answers for it) kept every later task's files.
    /// </summary>
    [TestMethod]
    public async Task Cleanup_ShouldRemoveTheOtherExpiredTasksFiles_WhenOneTasksPrefixAlwaysFails()
    {
        var ct = TestContext.CancellationToken;
        await using var proxy = StackProxy();
        await using var cluster = await StartBehindAsync(proxy, "agensium_test_removal_one_fails", ct);
        using var api = new ApiClient(cluster.Nodes[0]);
        string stuck = Guid.NewGuid().ToString(), later = Guid.NewGuid().ToString();
        await cluster.Db.ExecuteAsync("""
            INSERT INTO tasks (task_id, user_id, tool_id, status, created_at, expired_at, s3_cleaned) VALUES
              (@stuck, 1, 'profile-my-data', 'EXPIRED', now() - interval '3 hours', now() - interval '2 hours', false),
              (@later, 1, 'profile-my-data', 'EXPIRED', now() - interval '2 hours', now() - interval '1 hour', false)
            """, ct, ("stuck", stuck), ("later", later));
        await S3Probe.PutAsync(TaskPrefix(stuck) + "inputs/data.csv", "a,b\n1,2\n", ct);
        await S3Probe.PutAsync(TaskPrefix(later) + "inputs/data.csv", "a,b\n1,2\n", ct);

        proxy.Hold(stuck); // every request for the first task's prefix hangs, for the whole test
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (await cluster.Db.ScalarAsync<bool>("SELECT NOT s3_cleaned FROM tasks WHERE task_id = @t", ct, ("t", later)))
        {
            Assert.IsLessThan(deadline, DateTime.UtcNow, "the later task's files were never removed");
            await RunCleanupAsync(api, cluster.Db, ct);
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }
        Assert.IsEmpty(await S3Probe.ListAsync(TaskPrefix(later), ct));
        Assert.IsFalse(await cluster.Db.ScalarAsync<bool>("SELECT s3_cleaned FROM tasks WHERE task_id = @t", ct, ("t", stuck)));
    }

    /// <summary>
    /// Cancelling a QUEUED task removed an earlier attempt's outputs by an S3 call after the cancel had committed: with S3
    /// frozen the caller got an error for a task that was cancelled, and the outputs stayed with nothing to remove them.
    /// Now the cancel answers at once and the removal is on record, done once S3 answers again.
    /// </summary>
    [TestMethod]
    public async Task CancelOfAQueuedTask_ShouldAnswerAtOnce_AndRemoveEarlierOutputsOnceS3IsBack()
    {
        var ct = TestContext.CancellationToken;
        await using var proxy = StackProxy();
        // A long S3 timeout: a cancel that called the frozen store would wait for it (a minute), far past the bound
        // below, which only a machine's load could otherwise come near (10 s seen under a load average of 50).
        await using var cluster = await StartBehindAsync(proxy, "agensium_test_removal_cancel_queued", ct,
            new Dictionary<string, string> { ["S3__Timeout"] = "00:01:00" });
        using var api = new ApiClient(cluster.Nodes[0]);
        using (var pause = await api.PostJsonAsync("/api/queues/default/pause", "", ct))
        {
            Assert.IsTrue(pause.IsSuccessStatusCode, await pause.Content.ReadAsStringAsync(ct));
        }
        var taskId = await api.SubmitFaultAsync("ok", ct: ct); // held QUEUED by the pause
        var leftover = TaskPrefix(taskId) + "outputs/fault_injection_result.json";
        await S3Probe.PutAsync(leftover, "{}", ct); // as an earlier attempt would have left it

        proxy.Freeze();
        var started = DateTime.UtcNow;
        using (var cancel = await api.CancelAsync(taskId, ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, cancel.StatusCode, await cancel.Content.ReadAsStringAsync(ct));
        }
        Assert.IsLessThan(TimeSpan.FromSeconds(30), DateTime.UtcNow - started, "the cancel waits for no S3 call (S3 timeout 60 s here)");
        Assert.AreEqual("CANCELLED", await cluster.Db.ScalarAsync<string>("SELECT status FROM tasks WHERE task_id = @t", ct, ("t", taskId)));
        CollectionAssert.Contains(await S3Probe.ListAsync(TaskPrefix(taskId) + "outputs/", ct), leftover);

        proxy.Thaw();
        await WaitUntilGoneAsync(TaskPrefix(taskId) + "outputs/", TimeSpan.FromSeconds(60), ct);
        Assert.IsNotEmpty(await S3Probe.ListAsync(TaskPrefix(taskId) + "inputs/", ct), "the inputs stay with the cancelled task");
    }

    /// <summary>
    /// A run stopped by a cancel removed its task's earlier outputs by an S3 call in the job body, unguarded: with S3
    /// refusing the delete (403), the cancelled run was logged as crashed ("Analysis failed unexpectedly") and went to
    /// its end as a FAILED INTERNAL_ERROR; the end's own removal then threw out of the listener, so the end was logged
    /// as not recorded and the job never as ended CANCELLED. Now the removal is on record with the run's end and left
    /// to the removals when S3 refuses it, and it is done once S3 takes deletes again.
    /// </summary>
    [TestMethod]
    public async Task CancelledRun_ShouldEndCancelled_AndLeaveItsOutputsToTheRemovals_WhenS3RefusesTheirDelete()
    {
        var ct = TestContext.CancellationToken;
        await using var proxy = StackProxy();
        // The tests' soft limit of 15 s would stop the run on its own on a loaded machine before the cancel arrives.
        await using var cluster = await StartBehindAsync(proxy, "agensium_test_removal_cancel_refused", ct,
            new()
            {
                ["Worker__Tools__x-fault-injection__SoftTimeLimit"] = "00:01:00",
                ["Worker__Tools__x-fault-injection__HardTimeLimit"] = "00:01:10",
            });
        var node = cluster.Nodes[0];
        using var api = new ApiClient(node);
        var id = await api.SubmitFaultAsync("sleep:50", ct: ct); // stopped by the cancel long before it ends
        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @id AND status = 'RUNNING'", ct, ("id", id)) == 1 ? "" : null,
            TimeSpan.FromSeconds(30), ct);
        var outputs = TaskPrefix(id) + "outputs/";
        var leftover = outputs + "fault_injection_result.json";
        await S3Probe.PutAsync(leftover, "{}", ct); // as an earlier attempt would have left it

        proxy.Refuse("DELETE /"); // the store's policy denies deletes from now on
        using (var cancel = await api.CancelAsync(id, ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, cancel.StatusCode, await cancel.Content.ReadAsStringAsync(ct));
        }
        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @id AND status <> 'RUNNING'", ct, ("id", id)) == 1 ? "" : null,
            TimeSpan.FromSeconds(30), ct);
        Assert.AreEqual("CANCELLED", await cluster.Db.ScalarAsync<string>("SELECT status FROM job_history WHERE task_id = @id", ct, ("id", id)));
        // The listener's last word on the job: its end logged, or its failure to record it.
        var log = await Poll.UntilAsync(() => Task.FromResult(node.ReadLog() is var text
            && (text.Contains("Job process-analysis ended", StringComparison.Ordinal) || text.Contains("could not record the end", StringComparison.Ordinal)) ? text : null),
            TimeSpan.FromSeconds(30), ct);
        Assert.DoesNotContain("Analysis failed unexpectedly", log, "a cancelled run is not a crash");
        Assert.DoesNotContain("could not record the end", log);
        Assert.Contains("Job process-analysis ended CANCELLED", log);
        Assert.AreEqual(1L, await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM s3_removals WHERE object_key = @k AND is_prefix AND reason = 'cancelled-outputs'", ct, ("k", outputs)),
            "the outputs' removal is on record");
        CollectionAssert.Contains(await S3Probe.ListAsync(outputs, ct), leftover, "S3 refused its delete");

        proxy.StopRefusing();
        await WaitUntilGoneAsync(outputs, TimeSpan.FromSeconds(60), ct);
        // Its row goes just after the objects (the remover deletes, then records it done).
        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM s3_removals WHERE object_key = @k", ct, ("k", outputs)) == 0 ? "" : null, TimeSpan.FromSeconds(30), ct);
        Assert.IsNotEmpty(await S3Probe.ListAsync(TaskPrefix(id) + "inputs/", ct), "the inputs stay with the cancelled task");
        Assert.AreEqual("CANCELLED", await cluster.Db.ScalarAsync<string>("SELECT status FROM tasks WHERE task_id = @id", ct, ("id", id)));
    }

    /// <summary>
    /// Review finding (s37): an attempt turned away at the start gate because its task was cancelled (a retry trigger
    /// firing after the cancel, a recovery trigger for the attempt of a dead node) ended SKIPPED and recorded nothing, so
    /// an earlier attempt's outputs (a partial upload of a killed attempt) stayed in S3 for ever whenever the cancel
    /// itself had not recorded them: its node died after the cancel committed, before its unschedule and its record.
    /// The cancel is that commit alone here (what the cancel's node left); the retry trigger then fires and is turned
    /// away. Now the gate's skip of a cancelled (or gone) task records the outputs' removal with the attempt's end.
    /// </summary>
    [TestMethod]
    public async Task OutputsOfACancelledTask_ShouldBeRemoved_WhenItsRetryTriggerIsTurnedAwayAtTheGate()
    {
        var ct = TestContext.CancellationToken;
        // A retry 8 s after the failure, exactly (no jitter): time to cancel before it fires.
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_removal_gate_skip", [5179],
            new Dictionary<string, string>
            {
                ["Retry__BaseDelay"] = "00:00:08",
                ["Retry__MaxDelay"] = "00:00:08",
                ["Retry__Jitter"] = "false",
                ["S3__RemovalPollInterval"] = "00:00:01",
            }, ct);
        using var api = new ApiClient(cluster.Nodes[0]);
        var id = await api.SubmitFaultAsync("transient-until:99", ct: ct);
        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @t AND status = 'FAILED' AND next_retry_at IS NOT NULL", ct, ("t", id)) == 1 ? "" : null,
            TimeSpan.FromSeconds(30), ct);
        var outputs = TaskPrefix(id) + "outputs/";
        await S3Probe.PutAsync(outputs + "fault_injection_result.json", "{\"partial", ct); // as a killed attempt's upload leaves it
        Assert.AreEqual(1, await cluster.Db.ExecuteAsync("""
            UPDATE tasks SET status = 'CANCELLED', next_retry_at = NULL, cancelled_at = now() WHERE task_id = @t AND status = 'QUEUED'
            """, ct, ("t", id)), "the test's precondition: the retry is still planned when the task is cancelled");

        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @t AND status = 'SKIPPED'", ct, ("t", id)) == 1 ? "" : null,
            TimeSpan.FromSeconds(30), ct);
        Assert.AreEqual(1L, await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @t AND status <> 'SKIPPED'", ct, ("t", id)), "the retry never ran");
        await WaitUntilGoneAsync(outputs, TimeSpan.FromSeconds(30), ct);
        Assert.IsNotEmpty(await S3Probe.ListAsync(TaskPrefix(id) + "inputs/", ct), "the inputs stay with the cancelled task");
        Assert.AreEqual("CANCELLED", await cluster.Db.ScalarAsync<string>("SELECT status FROM tasks WHERE task_id = @t", ct, ("t", id)));
    }

    /// <summary>Runs the cleanup job now on the cluster and waits for that run to end.</summary>
    private static async Task RunCleanupAsync(ApiClient api, SqlClient db, CancellationToken ct)
    {
        var triggeredAt = await db.ScalarAsync<DateTime>("SELECT now()", ct);
        using (var response = await api.PostJsonAsync("/api/jobs/cleanup-expired-tasks/trigger", "", ct))
        {
            Assert.AreEqual(202, (int)response.StatusCode);
        }
        await Poll.UntilAsync(async () => await db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE job_name = 'cleanup-expired-tasks' AND status IN ('COMPLETED', 'FAILED') AND started_at >= @t", ct,
            ("t", triggeredAt)) > 0 ? "" : null, TimeSpan.FromSeconds(90), ct);
    }
}
