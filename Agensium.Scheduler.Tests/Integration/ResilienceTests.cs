using System.Net;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// The service fixes prompted by the chaos runner (tools/Agensium.Chaos), each reproduced on a cluster of its own:
/// a QUEUED task whose trigger never reached the store, a trigger insert that fails while POST /process is answered,
/// database errors while a job's start or end is recorded, an attempt taken over while its node was unresponsive, and
/// a node whose wall clock is off.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class ResilienceTests
{
    public TestContext TestContext { get; set; } = null!;

    private static readonly Dictionary<string, string> FastRepair = new()
    {
        ["Scheduler__QueuedRepairAfter"] = "00:00:02",
        ["Scheduler__QueuedRepairInterval"] = "00:00:01",
    };

    /// <summary>A task of the fault-injection tool whose data file says "ok", uploaded and not yet processed.</summary>
    private static async Task<string> UploadedTaskAsync(ApiClient api, CancellationToken ct)
    {
        var id = await api.CreateTaskAsync(tool: "x-fault-injection", ct: ct);
        await api.UploadOkAsync(id, "fault.csv", "ok\n"u8.ToArray(), ct);
        return id;
    }

    [TestMethod]
    public async Task DatabaseOutage_ShouldBeLoggedByTheServicesOwnWarnings_NotAlsoAsEfCoreErrorsWithTraces()
    {
        var ct = TestContext.CancellationToken;
        // The PostgreSQL it stops is a server of its own: the classes beside it keep the stack's.
        await using var servers = await PrivateStack.StartAsync("resilience-outage", ct);
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_resilience", [5176], FastRepair, ct, servers);
        using var api = new ApiClient(cluster.Nodes[0]);
        var stack = servers.Control;

        // The PostgreSQL stops under the running node; a read that goes through EF Core meets the outage.
        await stack.PgStopAsync();
        try
        {
            using var read = await api.Http.GetAsync("/api/tasks?limit=1", ct);
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, read.StatusCode, await read.Content.ReadAsStringAsync(ct));
            await Task.Delay(TimeSpan.FromSeconds(3), ct); // the node's loops meet it too
        }
        finally
        {
            await stack.PgStartAsync();
            servers.ClearPools(cluster.Db);
        }
        var id = await api.SubmitFaultAsync("ok", ct: ct);
        Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(60), ct))["status"]!.GetValue<string>());

        // One warning for the request, in the service's words; EF Core's ERROR events of the same failure (the
        // connection's, then the query's with its trace) are not logged beside it, nor those of the node's own writes.
        var log = await cluster.Nodes[0].WaitForLogAsync("Request GET /api/tasks answered 503: The database (PostgreSQL) is unreachable", ct);
        StringAssert.Contains(log, "Request GET /api/tasks answered 503: The database (PostgreSQL) is unreachable");
        Assert.DoesNotContain("An error occurred using the connection to database", log);
        Assert.DoesNotContain("An exception occurred while iterating over the results of a query", log);
        Assert.DoesNotContain("An exception occurred in the database while saving changes", log);
        Assert.DoesNotContain("Failed executing DbCommand", log);
        // What the node's loops and Quartz logged meanwhile is one line each, the cause after the message: no Npgsql trace.
        Assert.DoesNotContain("\n   at Npgsql.", log);
    }

    [TestMethod]
    public async Task HungDatabase_ShouldBeLoggedAsOneLinePerFault_WithoutTraces()
    {
        // Stop 43's probe: a SIGSTOPped PostgreSQL (connections up, nothing answers) made every call time out, and each
        // was logged with Npgsql's trace (324 of 395 lines in 70 s); a refused one gives a line per fault.
        // The node's Npgsql timeouts are short (connect 3 s, command 5 s: a call on an open connection throws after about
        // Command Timeout + 2 × Timeout, its cancel request unanswered too), so its calls time out seconds into the freeze
        // rather than after 30 s and more; it beats every second, so the outage's end is said soon after the thaw.
        var ct = TestContext.CancellationToken;
        // The PostgreSQL it freezes is a server of its own: the classes beside it keep the stack's.
        await using var servers = await PrivateStack.StartAsync("resilience-hang", ct);
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_resilience", [], FastRepair, ct, servers);
        var shortTimeouts = new Npgsql.NpgsqlConnectionStringBuilder(cluster.Db.ConnectionString) { Timeout = 3, CommandTimeout = 5 };
        var node = await cluster.StartNodeAsync(5184, ct, new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = shortTimeouts.ConnectionString,
            ["Dashboard__HeartbeatInterval"] = "00:00:01",
        });
        var stack = servers.Control;
        var before = node.ReadLog().Length;

        var frozen = stack.PgFreeze();
        try
        {
            // Frozen until the node has logged a call that timed out (Npgsql's exception named, as one line or with a trace).
            await Poll.UntilAsync(() => Task.FromResult(node.ReadLog()[before..].Contains("NpgsqlException", StringComparison.Ordinal) ? "" : null),
                TimeSpan.FromSeconds(90), ct);
        }
        finally
        {
            Agensium.Chaos.StackControl.PgThaw(frozen);
            servers.ClearPools(cluster.Db);
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!node.ReadLog()[before..].Contains("PostgreSQL answers again", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500, ct);
        }

        var log = node.ReadLog()[before..];
        StringAssert.Contains(log, "(NpgsqlException: ", "the node's calls timed out: " + log);
        StringAssert.Contains(log, "PostgreSQL answers again", log);
        Assert.DoesNotContain("\n   at ", log, "no trace: " + log);
        Assert.DoesNotContain("An exception occurred while iterating over the results of a query", log);
    }

    [TestMethod]
    public async Task QueuedTaskWithoutTrigger_ShouldGetItsTriggerAgainAndComplete_WhenItsNodeDiedBetweenTheTwoCommits()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_resilience", [5175], FastRepair, ct);
        using var api = new ApiClient(cluster.Nodes[0]);
        var id = await UploadedTaskAsync(api, ct);
        // What POST /process leaves when its node is killed after the QUEUED commit and before the trigger insert.
        await cluster.Db.ExecuteAsync("UPDATE tasks SET status = 'QUEUED', queue = 'default', progress = 15 WHERE task_id = @id", ct, ("id", id));

        var task = await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(60), ct);

        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), task.ToJsonString());
        Assert.AreEqual(1L, await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @id AND status = 'COMPLETED'", ct, ("id", id)));
    }

    [TestMethod]
    public async Task QueuedTaskWithoutTrigger_ShouldBeRepaired_WhenOlderQueuedTasksFillMoreThanOneRepairSlice()
    {
        var ct = TestContext.CancellationToken;
        var smallSlices = new Dictionary<string, string>(FastRepair) { ["Scheduler__QueuedRepairBatch"] = "2" };
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_resilience", [5175], smallSlices, ct);
        using var api = new ApiClient(cluster.Nodes[0]);
        // Four tasks held QUEUED (with their triggers) in a paused queue, older than the stranded one: a repair that
        // always looked at the oldest two would never reach it.
        using (var pause = await api.Http.PostAsync("/api/queues/low_priority/pause", null, ct))
        {
            Assert.IsTrue(pause.IsSuccessStatusCode, await pause.Content.ReadAsStringAsync(ct));
        }
        var held = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            held.Add(await api.SubmitFaultAsync("ok", queue: "low_priority", ct: ct));
        }
        var id = await UploadedTaskAsync(api, ct);
        await cluster.Db.ExecuteAsync("UPDATE tasks SET status = 'QUEUED', queue = 'default', progress = 15 WHERE task_id = @id", ct, ("id", id));

        var task = await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(60), ct);

        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), task.ToJsonString());
        foreach (var h in held)
        {
            Assert.AreEqual("QUEUED", (await api.GetTaskAsync(h, ct))["status"]!.GetValue<string>(), "the paused queue still holds its tasks");
        }
        Assert.AreEqual(0L, await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM tasks t WHERE t.task_id = ANY(@held) AND (SELECT count(*) FROM qrtz_triggers g WHERE g.trigger_name = t.task_id) <> 1",
            ct, ("held", held.ToArray())), "each held task keeps exactly its one trigger");
    }

    [TestMethod]
    public async Task Process_ShouldKeepTheTaskQueuedAndRunItOnce_WhenTheTriggerInsertFails()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_resilience", [5175], FastRepair, ct);
        using var api = new ApiClient(cluster.Nodes[0]);
        var id = await UploadedTaskAsync(api, ct);
        // Every insert of its trigger fails (the request's and the repair's) until the fault is taken away.
        await DbFaults.ArmAsync(cluster.Db, "trigger_insert", "qrtz_triggers", "BEFORE INSERT", $"NEW.trigger_name = '{id}'", int.MaxValue, "40001", ct);

        using var first = await api.ProcessAsync(id, ct: ct);
        Assert.AreEqual(System.Net.HttpStatusCode.Accepted, first.StatusCode, await first.Content.ReadAsStringAsync(ct));
        using var second = await api.ProcessAsync(id, ct: ct);
        Assert.AreEqual(System.Net.HttpStatusCode.Conflict, second.StatusCode, "a second call is told it is queued already");
        await Poll.UntilAsync(async () => await DbFaults.HitsAsync(cluster.Db, "trigger_insert", ct) >= 2 ? "" : null, TimeSpan.FromSeconds(30), ct);
        Assert.AreEqual("QUEUED", (await api.GetTaskAsync(id, ct))["status"]!.GetValue<string>(), "the QUEUED commit stands");
        await DbFaults.DisarmAsync(cluster.Db, "trigger_insert", "qrtz_triggers", ct);

        var task = await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(60), ct);
        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), task.ToJsonString());
        Assert.AreEqual(1L, await cluster.Db.ScalarAsync<long>("SELECT count(*) FROM job_history WHERE task_id = @id", ct, ("id", id)));
        Assert.Contains($"Task {id} is QUEUED but its trigger could not be stored now", await cluster.Nodes[0].WaitForLogAsync($"Task {id} is QUEUED but its trigger could not be stored now", ct));
    }

    [TestMethod]
    public async Task JobStart_ShouldBeRetried_WhenRecordingItHitsATransientDatabaseError()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_resilience", [5175], FastRepair, ct);
        using var api = new ApiClient(cluster.Nodes[0]);
        var id = await UploadedTaskAsync(api, ct);
        await DbFaults.ArmAsync(cluster.Db, "history_start", "job_history", "BEFORE INSERT", $"NEW.task_id = '{id}'", 1, "40001", ct);
        using var response = await api.ProcessAsync(id, ct: ct);
        Assert.AreEqual(System.Net.HttpStatusCode.Accepted, response.StatusCode);

        var task = await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(60), ct);

        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), "a blip while recording the start is not the task's fault: " + task.ToJsonString());
        // At least the failed write and the retry's; a loaded machine can cost the retry another transient error, which
        // is retried the same way (seen once in a clean-clone run: 3 writes, one COMPLETED attempt).
        Assert.IsGreaterThanOrEqualTo(2L, await DbFaults.HitsAsync(cluster.Db, "history_start", ct), "the first attempt's start failed and was retried");
        Assert.AreEqual(1L, await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @id AND status = 'COMPLETED'", ct, ("id", id)));
        Assert.AreEqual(0L, await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @id AND status = 'RUNNING'", ct, ("id", id)));
    }

    [TestMethod]
    public async Task JobEnd_ShouldBeRecordedOnceTheDatabaseAnswersAgain_NotLeftProcessing()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_resilience", [5175], FastRepair, ct);
        using var api = new ApiClient(cluster.Nodes[0]);
        var id = await UploadedTaskAsync(api, ct);
        await DbFaults.ArmAsync(cluster.Db, "task_end", "tasks", "BEFORE UPDATE",
            $"NEW.task_id = '{id}' AND NEW.status = 'COMPLETED'", 2, "40001", ct);
        using var response = await api.ProcessAsync(id, ct: ct);
        Assert.AreEqual(System.Net.HttpStatusCode.Accepted, response.StatusCode);

        var task = await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(60), ct);

        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>(), task.ToJsonString());
        Assert.AreEqual(3L, await DbFaults.HitsAsync(cluster.Db, "task_end", ct), "two failed tries, then the one that committed");
        var attempts = await cluster.Db.QueryAsync("SELECT status, attempt FROM job_history WHERE task_id = @id", ct, ("id", id));
        Assert.HasCount(1, attempts, "the end was recorded for the same attempt, not by running the job again");
        Assert.AreEqual("COMPLETED", attempts[0]["status"]);
        Assert.Contains("Job listener could not record the end of a job (try 2); trying again", await cluster.Nodes[0].WaitForLogAsync("Job listener could not record the end of a job (try 2); trying again", ct));
    }

    /// <summary>
    /// Stop 40's open point: two retries of one failure on two nodes run the task once because the requeue checks the
    /// attempt its request read, but a requeued run that fails before its start statement (here the start's write is
    /// refused) leaves the attempt where it was. The slower retry, which read the first failure, then requeued the
    /// second one it never saw and ran the task again.
    /// </summary>
    [TestMethod]
    public async Task SecondRetryOfOneFailure_ShouldBeRefused_WhenTheFirstRetrysRunFailedBeforeItsStart()
    {
        var ct = TestContext.CancellationToken;
        await using var proxy = FreezableProxy.Start(int.Parse(StackSettings.S3Port, System.Globalization.CultureInfo.InvariantCulture));
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_resilience", [5175], FastRepair, ct);
        // The slower node: its S3 goes through the proxy, which holds its retry in the inputs check (an S3 listing).
        // Its S3 timeout outlasts the hold, which a loaded machine can stretch past the default 30 s (then a 503, not the 409).
        var slow = await cluster.StartNodeAsync(5176, ct, new Dictionary<string, string>
        {
            ["S3__ServiceUrl"] = $"http://127.0.0.1:{proxy.Port}",
            ["S3__Timeout"] = "00:02:00",
        });
        using var api = new ApiClient(cluster.Nodes[0]);
        using var slowApi = new ApiClient(slow);
        var id = await api.SubmitFaultAsync("permanent", ct: ct);
        Assert.AreEqual("FAILED", (await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(60), ct))["status"]!.GetValue<string>());
        // Every later start of the task fails before it moves the attempt (not a transient error: the run is failed).
        await DbFaults.ArmAsync(cluster.Db, "retry_start", "job_history", "BEFORE INSERT", $"NEW.task_id = '{id}'", int.MaxValue, "P0001", ct);

        proxy.Hold(id);
        var slowRetry = slowApi.Http.PostAsync($"/api/tasks/{id}/retry", null, ct);
        await Poll.UntilAsync(() => Task.FromResult(proxy.Held > 0 ? "" : null), TimeSpan.FromSeconds(30), ct);
        using (var first = await api.Http.PostAsync($"/api/tasks/{id}/retry", null, ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, first.StatusCode, await first.Content.ReadAsStringAsync(ct));
        }
        var failedAgain = await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(60), ct);
        Assert.AreEqual("FAILED", failedAgain["status"]!.GetValue<string>());
        Assert.AreEqual(1, await cluster.Db.ScalarAsync<int>("SELECT attempt FROM tasks WHERE task_id = @id", ct, ("id", id)),
            "the first retry's run failed before its start moved the attempt");
        proxy.Release();

        using var second = await slowRetry;
        var body = await second.Content.ReadAsStringAsync(ct);
        Assert.AreEqual(HttpStatusCode.Conflict, second.StatusCode, "a retry of the failure before the first retry: " + body);
        StringAssert.Contains(body, "TASK_NOT_RETRYABLE");
        StringAssert.Contains(body, "failed again before its run started (INTERNAL_ERROR)");
        Assert.AreEqual("FAILED", (await api.GetTaskAsync(id, ct))["status"]!.GetValue<string>(), "not queued a second time");
    }

    [TestMethod]
    public async Task AttemptTakenOver_ShouldBeAbandonedWithoutCompletingOrUploading_WhenItsNodeComesBack()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_resilience", [5175], FastRepair, ct);
        var node = cluster.Nodes[0];
        using var api = new ApiClient(node);
        var id = await api.SubmitFaultAsync("sleep:6", ct: ct);
        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @id AND status = 'RUNNING'", ct, ("id", id)) == 1 ? "" : null,
            TimeSpan.FromSeconds(30), ct);

        // What the node that recovers a silent node's firing does first: it closes the old attempt as LOST.
        await cluster.Db.ExecuteAsync("UPDATE job_history SET status = 'LOST', finished_at = now() WHERE task_id = @id AND status = 'RUNNING'", ct, ("id", id));
        await Poll.UntilAsync(() => Task.FromResult(node.ReadLog().Contains("was taken over by another node", StringComparison.Ordinal) ? "" : null),
            TimeSpan.FromSeconds(30), ct);

        var task = await api.GetTaskAsync(id, ct);
        Assert.AreEqual("PROCESSING", task["status"]!.GetValue<string>(), "the task belongs to the attempt that took over");
        Assert.AreEqual(0L, await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @id AND status <> 'LOST'", ct, ("id", id)));
        Assert.IsEmpty(await S3Probe.ListAsync($"users/1/tasks/{id}/outputs/", ct));
        Assert.IsEmpty(node.BusyWorkerProcessIds(), "its worker was stopped");
    }

    [TestMethod]
    public async Task RunEndingAfterItsTaskWasCancelledAndDeleted_ShouldBeRecordedCancelled_AndLeaveNoOutputs()
    {
        // An outside probe: cancel, then delete, while the run uploaded its outputs; the end found no task row, so it was
        // recorded COMPLETED and its uploads stayed under the deleted task. Here the run does not look for the cancel
        // (a poll interval of ten minutes) so that it finishes and uploads after both, deterministically.
        // It sleeps 12 s so that the cancel lands while it runs also on a loaded machine (with 4 s, a run under load 40
        // had ended before the cancel: 409).
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_resilience", [5175],
            new Dictionary<string, string>(FastRepair) { ["Worker__CancelPollInterval"] = "00:10:00" }, ct);
        var node = cluster.Nodes[0];
        using var api = new ApiClient(node);
        var id = await api.SubmitFaultAsync("sleep:12", ct: ct);
        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @id AND status = 'RUNNING'", ct, ("id", id)) == 1 ? "" : null,
            TimeSpan.FromSeconds(30), ct);

        using (var cancel = await api.CancelAsync(id, ct))
        {
            Assert.AreEqual(System.Net.HttpStatusCode.OK, cancel.StatusCode);
        }
        using (var delete = await api.Http.DeleteAsync($"/api/tasks/{id}", ct))
        {
            Assert.AreEqual(System.Net.HttpStatusCode.OK, delete.StatusCode, await delete.Content.ReadAsStringAsync(ct));
        }
        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM job_history WHERE task_id = @id AND status <> 'RUNNING'", ct, ("id", id)) == 1 ? "" : null,
            TimeSpan.FromSeconds(60), ct);

        Assert.AreEqual("CANCELLED", await cluster.Db.ScalarAsync<string>("SELECT status FROM job_history WHERE task_id = @id", ct, ("id", id)),
            "a finished run never overwrites the cancel, also when the task is gone");
        // The run's uploads are removed just after its end commits (never under the transaction), so the history row can
        // be read a moment before they are gone: wait for the removal rather than look once (CI caught that moment).
        var left = new List<string>();
        try
        {
            await Poll.UntilAsync(async () => (left = await S3Probe.ListAsync($"users/1/tasks/{id}/", ct)).Count == 0 ? "" : null,
                TimeSpan.FromSeconds(30), ct);
        }
        catch (TimeoutException)
        {
        }
        Assert.IsEmpty(left, $"nothing left under the deleted task, 30 s after its run ended: {string.Join(", ", left)}");
    }

    [TestMethod]
    public async Task NodeWithItsClock30sAhead_ShouldCheckInAndRecordOnTheDatabaseClock()
    {
        var ct = TestContext.CancellationToken;
        const string fakeTime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
        if (!File.Exists(fakeTime))
        {
            Assert.Inconclusive("libfaketime is not installed (apt-get install faketime)");
        }
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_resilience", [5176], new()
        {
            ["LD_PRELOAD"] = fakeTime,
            ["FAKETIME"] = "+30s", // monotonic shifted too: FAKETIME_DONT_FAKE_MONOTONIC breaks .NET's timed waits
        }, ct);
        using var api = new ApiClient(cluster.Nodes[0]);
        var id = await api.SubmitFaultAsync("ok", ct: ct);
        Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(60), ct))["status"]!.GetValue<string>());

        // The node's own clock is 30 s ahead; what it writes is on PostgreSQL's clock.
        var startedAgo = await cluster.Db.ScalarAsync<double>(
            "SELECT extract(epoch FROM now() - started_at) FROM job_history WHERE task_id = @id", ct, ("id", id));
        Assert.IsTrue(startedAgo is > -5 and < 60, $"job_history.started_at is {startedAgo:0.0} s before the database's now");
        var checkinAgo = await cluster.Db.ScalarAsync<double>(
            "SELECT (extract(epoch FROM now()) * 10000000 + 621355968000000000 - last_checkin_time) / 10000000.0 FROM qrtz_scheduler_state", ct);
        Assert.IsTrue(checkinAgo is > -5 and < 20, $"the last check-in is {checkinAgo:0.0} s before the database's now");
        // About −30,000 ms: the two clocks are read a round trip apart, so −29,999 is as right as −30,004 (CI saw the former).
        var offsetLine = System.Text.RegularExpressions.Regex.Match(await cluster.Nodes[0].WaitForLogAsync("Clock offset from the database: ", ct), @"Clock offset from the database: (-?[0-9]+) ms");
        Assert.IsTrue(offsetLine.Success, "the node logs the clock offset it measured at start");
        int offsetMs = int.Parse(offsetLine.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsTrue(offsetMs is > -31_000 and < -29_000, $"the node measured its clock {offsetMs} ms from the database's, not about −30,000");

        // The cleaned file's name carries the time of the run: on the database's clock too, not 30 s ahead (the
        // worker process was stamping its outputs on the node's own clock).
        var cleanId = await api.CreateTaskAsync(tool: "clean-my-data", ct: ct);
        await api.UploadOkAsync(cleanId, "people.csv", System.Text.Encoding.UTF8.GetBytes("name,age\nAna,31\nBo,42\n"), ct);
        using (var processed = await api.ProcessAsync(cleanId, "{}", ct))
        {
            Assert.AreEqual(System.Net.HttpStatusCode.Accepted, processed.StatusCode, await processed.Content.ReadAsStringAsync(ct));
        }

        Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(cleanId, TimeSpan.FromSeconds(60), ct))["status"]!.GetValue<string>());
        var outputs = System.Text.Json.Nodes.JsonNode.Parse(await api.Http.GetStringAsync($"/api/tasks/{cleanId}/outputs", ct))!["files"]!.AsArray();
        string cleaned = outputs.Select(f => f!["file_name"]!.GetValue<string>()).Single(n => n.StartsWith("people_cleaned_", StringComparison.Ordinal));
        var stamped = DateTime.ParseExact(cleaned["people_cleaned_".Length..^".csv".Length], "yyyyMMdd_HHmmss", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
        var finished = await cluster.Db.ScalarAsync<DateTime>("SELECT finished_at FROM job_history WHERE task_id = @id", ct, ("id", cleanId));
        double ahead = (stamped - finished.ToUniversalTime()).TotalSeconds;
        Assert.IsTrue(ahead is > -20 and < 5, $"{cleaned} is {ahead:0.0} s from the run's end on the database's clock");

        // duration_ms is the time between the attempt's recorded start and end (it was Quartz's run time, which
        // left out an end write retried while PostgreSQL was away): the operators' percentiles add up.
        var mismatch = await cluster.Db.ScalarAsync<double>(
            "SELECT max(abs(duration_ms - extract(epoch FROM finished_at - started_at) * 1000)) FROM job_history WHERE finished_at IS NOT NULL AND status <> 'LOST'", ct);
        Assert.IsTrue(mismatch <= 1, $"duration_ms differs from finished_at − started_at by {mismatch} ms");
    }
}
