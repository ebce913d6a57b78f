using System.Net;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>Retries of transient failures (test nodes: base 1 s, cap 4 s, 3 retries) and cancellation.</summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class RetryAndCancelTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    [TestMethod]
    public async Task TransientFailure_ShouldBeRetriedWithBackoff_AndCompleteOnAttempt3()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.SubmitFaultAsync("transient-until:3", ct: ct);
        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(60), ct);
        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), task.ToJsonString());
        Assert.AreEqual(3, task["attempt"]!.GetValue<int>());
        // The completed task carries no error of the attempts before (job_history keeps those).
        Assert.IsNull(task["error_code"], task.ToJsonString());
        Assert.IsNull(task["error_message"], task.ToJsonString());
        Assert.IsTrue(await Db.ScalarAsync<bool>("SELECT updated_at >= completed_at FROM tasks WHERE task_id = @t", ct, ("t", taskId)),
            "updated_at is never earlier than the transition it records");

        var attempts = await Db.QueryAsync("""
            SELECT attempt, status, error_code, retryable, next_retry_at, started_at FROM job_history
            WHERE task_id = @t ORDER BY attempt
            """, ct, ("t", taskId));
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, attempts.Select(a => (int)a["attempt"]!).ToArray());
        CollectionAssert.AreEqual(new[] { "FAILED", "FAILED", "COMPLETED" }, attempts.Select(a => (string)a["status"]!).ToArray());
        for (var i = 0; i < 2; i++)
        {
            Assert.AreEqual("TRANSIENT_ERROR", attempts[i]["error_code"]);
            Assert.IsTrue((bool)attempts[i]["retryable"]!);
            var due = (DateTime)attempts[i]["next_retry_at"]!;
            var next = (DateTime)attempts[i + 1]["started_at"]!;
            Assert.IsGreaterThanOrEqualTo(due.AddMilliseconds(-50), next, "a retry never starts before its backoff is over");
        }
        Assert.IsNull(attempts[2]["next_retry_at"]);
        Assert.AreEqual(1, await OutputsAsync(taskId, ct));
    }

    [TestMethod]
    public async Task TransientFailure_ShouldFailAfterMaxRetries_WhenItNeverClears()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeB);
        var taskId = await api.SubmitFaultAsync("transient-until:99", ct: ct);
        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(90), ct);
        Assert.AreEqual("FAILED", task["status"]!.GetValue<string>());
        Assert.AreEqual("TRANSIENT_ERROR", task["error_code"]!.GetValue<string>());
        Assert.AreEqual(4, task["attempt"]!.GetValue<int>(), "1 attempt + max_retries 3");
        Assert.AreEqual(4L, await Db.ScalarAsync<long>("SELECT count(*) FROM job_history WHERE task_id = @t", ct, ("t", taskId)));
    }

    [TestMethod]
    public async Task OperatorRetry_ShouldGetAutomaticRetriesOfItsOwn_WhenTheFirstRunUsedThemUp()
    {
        // Attempts 1–4 fail (1 + 3 retries), then FAILED; the operator's retry is attempt 5, which fails too and, as a
        // task sent again in Celery, has max_retries of its own: attempt 6 completes. Counted by attempt number, the
        // operator's retry had none left and the task failed at attempt 5.
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.SubmitFaultAsync("transient-until:6", ct: ct);
        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(120), ct);
        Assert.AreEqual("FAILED", task["status"]!.GetValue<string>(), task.ToJsonString());
        Assert.AreEqual(4, task["attempt"]!.GetValue<int>());

        using var retried = await api.PostJsonAsync($"/api/tasks/{taskId}/retry", "", ct);
        Assert.AreEqual(HttpStatusCode.OK, retried.StatusCode, await retried.Content.ReadAsStringAsync(ct));
        task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(120), ct);
        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), task.ToJsonString());
        Assert.AreEqual(6, task["attempt"]!.GetValue<int>());
    }

    /// <summary>
    /// Stop 40: a running task failed by another hand than a cancel (here an operator's SQL; the stale-task sweep is
    /// CleanupJobTests') went on: its run closed the attempt COMPLETED beside the FAILED task and uploaded its outputs
    /// under it. The run now stops within the cancel poll, uploads nothing, and its attempt ends FAILED with the task's error.
    /// </summary>
    [TestMethod]
    public async Task RunningTaskFailedByAnotherHand_ShouldEndItsAttemptFailed_AndUploadNothing()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        // Shorter than the fault-injection tool's soft limit on the test nodes (15 s).
        var taskId = await api.SubmitFaultAsync("sleep:12", ct: ct);
        await Poll.UntilAsync(async () => await Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @t AND status = 'RUNNING'", ct, ("t", taskId)) == 1 ? "" : null,
            TimeSpan.FromSeconds(20), ct);
        await Db.ExecuteAsync("""
            UPDATE tasks SET status = 'FAILED', error_code = 'FAILED_BY_OPERATOR', error_message = 'by hand', failed_at = now()
             WHERE task_id = @t AND status = 'PROCESSING'
            """, ct, ("t", taskId));

        // Until the run is over, whichever way it ends: Quartz releases its firing once the end is recorded.
        await Poll.UntilAsync(async () => await Db.ScalarAsync<long>(
            "SELECT count(*) FROM qrtz_fired_triggers WHERE trigger_name LIKE @t", ct, ("t", "%" + taskId + "%")) == 0 ? "" : null,
            TimeSpan.FromSeconds(60), ct);
        var attempts = await Db.QueryAsync("SELECT status, error_code, duration_ms FROM job_history WHERE task_id = @t", ct, ("t", taskId));
        Assert.HasCount(1, attempts);
        Assert.AreEqual("FAILED", (string)attempts[0]["status"]!, "the attempt ends as its task did, not COMPLETED");
        Assert.AreEqual("FAILED_BY_OPERATOR", (string?)attempts[0]["error_code"]);
        Assert.IsLessThan(10_000L, (long)attempts[0]["duration_ms"]!, "the run stopped, it did not sleep its 12 s out");
        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{taskId}/outputs/", ct), "no outputs under a FAILED task");
        Assert.AreEqual("FAILED", (await api.GetTaskAsync(taskId, ct))["status"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task PermanentFailure_ShouldNeverBeRetried()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.SubmitFaultAsync("permanent", ct: ct);
        var task = await api.WaitForFinalAsync(taskId, TimeSpan.FromSeconds(30), ct);
        Assert.AreEqual("FAILED", task["status"]!.GetValue<string>());
        Assert.AreEqual("PROCESSING_ERROR", task["error_code"]!.GetValue<string>());
        Assert.AreEqual(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM job_history WHERE task_id = @t", ct, ("t", taskId)));
    }

    [TestMethod]
    public async Task Cancel_ShouldStopARunningTaskOnAnyNode_AndAQueuedOneNeverStarts()
    {
        var ct = TestContext.CancellationToken;
        using var a = new ApiClient(TestCluster.NodeA);
        using var b = new ApiClient(TestCluster.NodeB);
        // low_priority may use 2 slots per node: four long runs fill it, the fifth waits in the queue.
        var (running, queued) = await a.FillLowPriorityAsync("sleep:60", "sleep:60", ct);
        await Task.Delay(1500, ct); // both nodes have polled since: the queue limit keeps it waiting
        Assert.AreEqual("QUEUED", (await a.GetTaskAsync(queued, ct))["status"]!.GetValue<string>());

        using (var response = await b.CancelAsync(queued, ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.AreEqual("CANCELLED", (await a.GetTaskAsync(queued, ct))["status"]!.GetValue<string>());

        // Cancel the running ones through node B, whichever node runs them.
        foreach (var id in running)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using (var response = await b.CancelAsync(id, ct))
            {
                Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync(ct));
            }
            await Poll.UntilAsync(async () =>
            {
                var rows = await Db.QueryAsync("SELECT status FROM job_history WHERE task_id = @t AND status <> 'RUNNING'", ct, ("t", id));
                return rows.Count == 1 ? rows : null;
            }, TimeSpan.FromSeconds(10), ct);
            // The run stopped (the wait above is bounded); how fast is a figure, printed here and kept in docs/semantics.md,
            // not a timed assertion that a loaded machine could break.
            TestContext.WriteLine($"cancel of {id} stopped its run after {clock.Elapsed.TotalMilliseconds:F0} ms");
            var task = await a.GetTaskAsync(id, ct);
            Assert.AreEqual("CANCELLED", task["status"]!.GetValue<string>());
            Assert.IsNotNull(task["cancelled_at"]);
            Assert.AreEqual("CANCELLED", await Db.ScalarAsync<string>("SELECT status FROM job_history WHERE task_id = @t", ct, ("t", id)));
            Assert.AreEqual(0, await OutputsAsync(id, ct));
        }

        await Task.Delay(1500, ct);
        Assert.AreEqual(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM job_history WHERE task_id = @t AND status <> 'SKIPPED'", ct, ("t", queued)),
            "the cancelled queued task never ran");
        Assert.AreEqual("CANCELLED", (await a.GetTaskAsync(queued, ct))["status"]!.GetValue<string>());
        await Poll.UntilAsync(() => Task.FromResult(
            TestCluster.NodeA.BusyWorkerProcessIds().Count + TestCluster.NodeB.BusyWorkerProcessIds().Count == 0 ? "" : null), TimeSpan.FromSeconds(5), ct);

        using var again = await a.CancelAsync(queued, ct);
        Assert.AreEqual(HttpStatusCode.Conflict, again.StatusCode);
    }

    /// <summary>
    /// Stop 43: a task cancelled while an automatic retry waited kept the failure it was waiting to retry
    /// (TRANSIENT_ERROR and its message) on its CANCELLED row; error_code is set only on a FAILED task and on a QUEUED
    /// one while its retry waits, so the cancel clears them (the failed attempt keeps its error in job_history).
    /// </summary>
    [TestMethod]
    public async Task CancelDuringARetryWait_ShouldClearTheErrorOfTheRetriedFailure()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        // Attempt 1 failed with a transient error and its retry waits an hour (the tests' real waits are under 4 s with
        // full jitter, too short to land a cancel in for sure): the state ScheduleRetryAsync leaves, set by hand with no
        // retry trigger, so nothing runs.
        var taskId = await api.CreateTaskAsync(tool: "x-fault-injection", ct: ct);
        await api.UploadOkAsync(taskId, "fault.csv", "transient-until:99\n"u8.ToArray(), ct);
        await Db.ExecuteAsync("""
            UPDATE tasks SET status = 'QUEUED', queue = 'default', attempt = 1, progress = 20, processing_started_at = now(),
                   error_code = 'TRANSIENT_ERROR', error_message = 'x-fault-injection: connection reset on attempt 1',
                   next_retry_at = now() + interval '1 hour' WHERE task_id = @t;
            INSERT INTO job_history (fire_instance_id, job_name, job_group, task_id, user_id, tool_id, queue, node_instance_id,
                                     attempt, status, error_code, started_at, finished_at, next_retry_at, retryable)
            VALUES (gen_random_uuid()::text, 'process-analysis', 'analysis', @t, 1, 'x-fault-injection', 'default', 'test',
                    1, 'FAILED', 'TRANSIENT_ERROR', now(), now(), now() + interval '1 hour', true);
            """, ct, ("t", taskId));

        using (var response = await api.CancelAsync(taskId, ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        var task = await api.GetTaskAsync(taskId, ct);
        Assert.AreEqual("CANCELLED", task["status"]!.GetValue<string>(), task.ToJsonString());
        Assert.AreEqual(0L, await Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @t AND status NOT IN ('FAILED', 'SKIPPED')", ct, ("t", taskId)),
            "the cancel met the retry wait, not a run");
        Assert.IsNull(task["error_code"], task.ToJsonString());
        Assert.IsNull(task["error_message"], task.ToJsonString());
        Assert.IsNull(task["next_retry_at"], task.ToJsonString());
        Assert.AreEqual("TRANSIENT_ERROR", await Db.ScalarAsync<string>(
            "SELECT error_code FROM job_history WHERE task_id = @t ORDER BY attempt DESC LIMIT 1", ct, ("t", taskId)),
            "the failed attempt keeps its error");
    }

    private static async Task<int> OutputsAsync(string taskId, CancellationToken ct) =>
        (await S3Probe.ListAsync($"users/1/tasks/{taskId}/outputs/", ct)).Count;
}
