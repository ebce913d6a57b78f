using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>The operator CLI (the service executable with a command) against the live two-node cluster.</summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class CliTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    private static Task<(int Exit, string Out, string Err)> RunAsync(CancellationToken ct, params string[] args) =>
        SchedulerCommand.RunAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = StackSettings.TestConnectionString,
            ["AGENSIUM_URL"] = TestCluster.NodeA.BaseUrl,
            ["AGENSIUM_API_KEY"] = TestCluster.ApiKey,
        }, ct, args);

    private static async Task<JsonNode> JsonAsync(CancellationToken ct, params string[] args)
    {
        var (exit, output, error) = await RunAsync(ct, [.. args, "--json"]);
        Assert.AreEqual(0, exit, $"{string.Join(' ', args)}: {error}");
        return JsonNode.Parse(output)!;
    }

    [TestMethod]
    public async Task Inspect_ShouldListRegisteredJobsNodesCronTriggersAndStats()
    {
        var ct = TestContext.CancellationToken;
        var jobs = (await JsonAsync(ct, "inspect", "registered")).AsArray().Select(j => j!["job"]!.GetValue<string>()).ToList();
        CollectionAssert.IsSubsetOf(new[] { "process-analysis", "cleanup-expired-tasks", "health-check", "debug" }, jobs);

        var nodes = (await JsonAsync(ct, "inspect", "nodes")).AsArray();
        var alive = nodes.Where(n => n!["state"]!.GetValue<string>() == "alive").Select(n => n!["node"]!.GetValue<string>()).ToList();
        foreach (var node in new[] { TestCluster.NodeA, TestCluster.NodeB })
        {
            using var api = new ApiClient(node);
            var id = JsonNode.Parse(await api.Http.GetStringAsync("/api/node", ct))!["node"]!.GetValue<string>();
            CollectionAssert.Contains(alive, id);
        }

        var cron = (await JsonAsync(ct, "inspect", "scheduled")).AsArray().Select(t => t!["trigger"]!.GetValue<string>()).ToList();
        CollectionAssert.IsSubsetOf(new[] { "cleanup-expired-tasks-cron", "health-check-cron" }, cron);
    }

    [TestMethod]
    public async Task InspectNodes_ShouldJudgeCheckInsInMilliseconds_AndCountTheLast24HoursOfRuns()
    {
        // Quartz keeps check-in intervals in milliseconds: with 2,000 a node last seen 8 s ago is alive (dead after
        // 3 × 2 s + 6 s), one seen 20 s ago is dead. Runs older than 24 h are not counted.
        var ct = TestContext.CancellationToken;
        string sched = $"inspect-{Guid.NewGuid():N}";
        string late = $"{sched}-late", gone = $"{sched}-gone", stopping = $"{sched}-stopping";
        string cron = Agensium.Scheduler.Jobs.SchedulerOptions.MaintenanceName(sched);
        const string Ticks = "(extract(epoch FROM now() - make_interval(secs => @ago)) * 10000000)::bigint + 621355968000000000";
        // A stopping node whose analyses' scheduler has stopped checking in while its maintenance scheduler still runs a
        // cleanup is alive: it was called dead, judged by the analyses' check-in alone (s44 review).
        foreach (var (s, name, ago) in new[] { (sched, late, 8.0), (sched, gone, 20.0), (cron, gone, 20.0), (sched, stopping, 20.0), (cron, stopping, 1.0) })
        {
            await Db.ExecuteAsync($"INSERT INTO qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval) VALUES (@s, @n, {Ticks}, 2000)",
                ct, ("s", s), ("n", name), ("ago", ago));
        }

        foreach (var (status, hoursAgo) in new[] { ("COMPLETED", 2), ("COMPLETED", 72), ("FAILED", 1), ("LOST", 30) })
        {
            await Db.ExecuteAsync(
                "INSERT INTO job_history (fire_instance_id, job_name, job_group, node_instance_id, status, started_at, finished_at) " +
                "VALUES (@f, 'health-check', 'system', @n, @st, now() - make_interval(hours => @h), now() - make_interval(hours => @h))",
                ct, ("f", Guid.NewGuid().ToString()), ("n", late), ("st", status), ("h", hoursAgo));
        }

        try
        {
            var rows = await Db.QueryAsync(Agensium.Scheduler.Cli.InspectQueries.Nodes, ct, ("s", sched), ("cron", cron));
            var byNode = rows.ToDictionary(r => (string)r["node"]!);
            Assert.AreEqual("alive", byNode[late]["state"]);
            Assert.AreEqual("dead", byNode[gone]["state"]);
            Assert.AreEqual("alive", byNode[stopping]["state"]);
            Assert.AreEqual(1L, byNode[late]["processed_24h"]);
            Assert.AreEqual(1L, byNode[late]["failed_24h"]);
            Assert.AreEqual(0L, byNode[late]["lost_24h"]);
        }
        finally
        {
            await Db.ExecuteAsync("DELETE FROM qrtz_scheduler_state WHERE sched_name IN (@s, @cron)", ct, ("s", sched), ("cron", cron));
            await Db.ExecuteAsync("DELETE FROM job_history WHERE node_instance_id = @n", ct, ("n", late));
        }
    }

    [TestMethod]
    public async Task History_ShouldFilterByJob_AsTheDashboardDoes()
    {
        // A cleanup run buried under health checks: --job finds it, with the dashboard's job names.
        var ct = TestContext.CancellationToken;
        string node = $"history-job-{Guid.NewGuid():N}";
        foreach (var job in new[] { "health-check", "health-check", "cleanup-expired-tasks", "health-check" })
        {
            await Db.ExecuteAsync(
                "INSERT INTO job_history (fire_instance_id, job_name, job_group, node_instance_id, status, started_at, finished_at) " +
                "VALUES (@f, @j, 'system', @n, 'COMPLETED', now(), now())",
                ct, ("f", Guid.NewGuid().ToString()), ("j", job), ("n", node));
        }
        try
        {
            var cleanup = (await JsonAsync(ct, "history", "--job", "cleanup-expired-tasks", "--node", node)).AsArray();
            Assert.HasCount(1, cleanup);
            Assert.AreEqual("cleanup-expired-tasks", cleanup[0]!["job"]!.GetValue<string>());
            Assert.HasCount(3, (await JsonAsync(ct, "history", "--job", "health-check", "--node", node)).AsArray());

            var (exit, _, error) = await RunAsync(ct, "history", "--job", "Cleanup");
            Assert.AreEqual(1, exit, error);
            StringAssert.Contains(error, "--job must be one of process-analysis, health-check, cleanup-expired-tasks, debug");
        }
        finally
        {
            await Db.ExecuteAsync("DELETE FROM job_history WHERE node_instance_id = @n", ct, ("n", node));
        }
    }

    [TestMethod]
    public async Task Submit_ShouldLeaveNoTaskBehind_WhenItFails()
    {
        var ct = TestContext.CancellationToken;
        var before = await Db.ScalarAsync<long>("SELECT count(*) FROM tasks", ct);

        var (missingExit, _, missingError) = await RunAsync(ct, "submit", "/no/such/file.csv", "--tool", "profile-my-data");
        Assert.AreEqual(1, missingExit, missingError);
        StringAssert.Contains(missingError, "does not exist");
        var (queueExit, _, queueError) = await RunAsync(ct, "submit", TestFiles.SamplePath("sample.csv"), "--tool", "profile-my-data", "--queue", "urgent");
        Assert.AreEqual(1, queueExit, queueError);
        StringAssert.Contains(queueError, "Unknown queue 'urgent'");
        // A failure the server reports after the task was created (a parameters file it refuses): the task is deleted.
        var badDir = Directory.CreateTempSubdirectory("agensium-cli-").FullName;
        var empty = Path.Combine(badDir, "empty.csv");
        await File.WriteAllTextAsync(empty, "", ct);
        var (emptyExit, _, emptyError) = await RunAsync(ct, "submit", empty, "--tool", "profile-my-data");
        Assert.AreEqual(1, emptyExit, emptyError);
        StringAssert.Contains(emptyError, "was deleted");

        Assert.AreEqual(before, await Db.ScalarAsync<long>("SELECT count(*) FROM tasks", ct), "no task left behind");
    }

    [TestMethod]
    public async Task SubmitWait_ShouldRunATaskToTheEnd_AndHistoryShouldShowIt()
    {
        var ct = TestContext.CancellationToken;
        var outDir = Directory.CreateTempSubdirectory("agensium-cli-out-").FullName;
        var task = await JsonAsync(ct, "submit", TestFiles.SamplePath("sample.csv"), "--tool", "profile-my-data", "--wait", "--out", outDir);
        Assert.AreEqual("COMPLETED", task["status"]!.GetValue<string>());
        var taskId = task["task_id"]!.GetValue<string>();

        // --out saved the outputs the API serves, whole, and nothing else; download saves the same bytes again.
        var saved = Directory.GetFiles(outDir).Select(Path.GetFileName).Order().ToList();
        CollectionAssert.AreEqual(new[] { "profile_my_data_analysis.json", "profile_my_data_analysis.xlsx" }, saved, string.Join(", ", saved));
        Assert.HasCount(2, task["downloaded"]!.AsArray());
        using (var api = new ApiClient(TestCluster.NodeA))
        {
            var served = await api.Http.GetByteArrayAsync($"/api/tasks/{taskId}/outputs/profile_my_data_analysis.json", ct);
            CollectionAssert.AreEqual(served, await File.ReadAllBytesAsync(Path.Combine(outDir, "profile_my_data_analysis.json"), ct));
        }

        var againDir = Path.Combine(outDir, "again");
        var downloaded = await JsonAsync(ct, "download", taskId, "--out", againDir);
        Assert.AreEqual(againDir, downloaded["folder"]!.GetValue<string>());
        foreach (var name in saved)
        {
            CollectionAssert.AreEqual(await File.ReadAllBytesAsync(Path.Combine(outDir, name!), ct), await File.ReadAllBytesAsync(Path.Combine(againDir, name!), ct), name);
        }

        // The table shows the saved paths as written, not JSON-escaped ("donn\u00E9es").
        var (tableExit, table, tableError) = await RunAsync(ct, "download", taskId, "--out", Path.Combine(outDir, "données"));
        Assert.AreEqual(0, tableExit, tableError);
        Assert.DoesNotContain("\\u00", table);
        StringAssert.Contains(table, "profile_my_data_analysis.json");

        var (unknownExit, _, unknownError) = await RunAsync(ct, "download", Guid.NewGuid().ToString(), "--out", Path.Combine(outDir, "none"));
        Assert.AreEqual(1, unknownExit, unknownError);
        StringAssert.Contains(unknownError, "TASK_NOT_FOUND");
        Assert.IsFalse(Directory.Exists(Path.Combine(outDir, "none")), "nothing is created for a task that has no outputs");
        // Piped (as here), the wait prints a line when the status or progress changes, not one per poll.
        // A misspelt parameter is said on standard error once the task has COMPLETED (the report has it as an alert).
        var parametersPath = Path.Combine(Directory.CreateTempSubdirectory("agensium-cli-params-").FullName, "parameters.json");
        await File.WriteAllTextAsync(parametersPath, """{"unified-profiler": {"top_n_valuez": 3}}""", ct);
        var (pipedExit, piped, pipedError) = await RunAsync(ct, "submit", TestFiles.SamplePath("sample.csv"), parametersPath, "--tool", "profile-my-data", "--wait");
        Assert.AreEqual(0, pipedExit, pipedError);
        StringAssert.Contains(pipedError, "warning: Parameter unified-profiler.top_n_valuez was not used", pipedError);
        var lines = piped.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeWhile(l => !l.StartsWith('┌') && !l.StartsWith('╭')).ToList();
        Assert.IsTrue(lines.Zip(lines.Skip(1)).All(p => p.First != p.Second), piped);
        CollectionAssert.Contains(lines, "COMPLETED 100%", piped);

        var (noWaitExit, _, noWaitError) = await RunAsync(ct, "submit", TestFiles.SamplePath("sample.csv"), "--tool", "profile-my-data", "--out", outDir);
        Assert.AreEqual(1, noWaitExit, noWaitError);
        StringAssert.Contains(noWaitError, "--out needs --wait");

        var history = (await JsonAsync(ct, "history", "--task", taskId)).AsArray();
        Assert.HasCount(1, history);
        Assert.AreEqual("COMPLETED", history[0]!["status"]!.GetValue<string>());
        // --node takes the node's host name (instance ids are host-pid-suffix) as well as the whole id; a shorter
        // start of the host name is another host.
        string ranOn = history[0]!["node"]!.GetValue<string>();
        string host = ranOn[..ranOn.IndexOf('-', StringComparison.Ordinal)];
        foreach (var (nodeFilter, count) in host.Length > 1 ? new[] { (ranOn, 1), (host, 1), (host[..^1], 0) } : [(ranOn, 1), (host, 1)])
        {
            var onNode = (await JsonAsync(ct, "history", "--task", taskId, "--node", nodeFilter)).AsArray();
            Assert.HasCount(count, onNode, nodeFilter);
        }
        var stats = (await JsonAsync(ct, "inspect", "stats")).AsArray();
        Assert.IsTrue(stats.Any(s => s!["what"]!.GetValue<string>() == "tasks" && s["key"]!.GetValue<string>() == "COMPLETED"));
        var failed = (await JsonAsync(ct, "history", "--status", "failed", "--tool", "profile-my-data", "--limit", "5")).AsArray();
        Assert.IsTrue(failed.All(r => r!["status"]!.GetValue<string>() == "FAILED" && r["tool"]!.GetValue<string>() == "profile-my-data"));

        // A filter that can match nothing is a typo, not "no runs": refused with what is allowed.
        foreach (var (args, message) in new (string[], string)[]
        {
            (["history", "--status", "bogus"], "--status must be one of"),
            (["history", "--tool", "nope"], "Unknown tool 'nope' for --tool (tool ids are exact). Known tools: profile-my-data, clean-my-data, master-my-data."),
            (["history", "--queue", "defualt"], "--queue must be one of"),
            (["history", "--limit", "0"], "--limit must be between 1 and"),
            (["history", "--task", "not-a-uuid"], "--task must be a task id"),
            (["history", "--since", "yesterday"], "--since must be a UTC date"),
        })
        {
            var (exit, _, error) = await RunAsync(ct, args);
            Assert.AreEqual(1, exit, string.Join(' ', args));
            StringAssert.Contains(error, message);
        }
    }

    [TestMethod]
    public async Task StatusTasksAndRetry_ShouldFollowListAndRunAFailedTaskAgain()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var id = await api.SubmitFaultAsync("permanent", ct: ct);

        // status --wait follows a task submitted elsewhere; its exit code says how the task ended.
        var (waitExit, waited, waitError) = await RunAsync(ct, "status", id, "--wait", "--json");
        Assert.AreEqual(1, waitExit, waitError);
        Assert.AreEqual("FAILED", JsonNode.Parse(waited)!["status"]!.GetValue<string>(), waited);

        var listed = (await JsonAsync(ct, "tasks", "--status", "failed", "--user", "1", "--limit", "100")).AsArray();
        Assert.IsTrue(listed.Any(t => t!["task_id"]!.GetValue<string>() == id), listed.ToJsonString());
        Assert.IsTrue(listed.All(t => t!["status"]!.GetValue<string>() == "FAILED"), listed.ToJsonString());
        var (tableExit, table, _) = await RunAsync(ct, "tasks", "--limit", "3");
        Assert.AreEqual(0, tableExit);
        StringAssert.Contains(table, "task_id");

        var retried = await JsonAsync(ct, "retry", id);
        Assert.AreEqual("QUEUED", retried["status"]!.GetValue<string>());
        Assert.AreEqual(2, retried["attempt"]!.GetValue<int>());
        await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(60), ct);
        var shown = await JsonAsync(ct, "status", id);
        Assert.AreEqual(2, shown["attempt"]!.GetValue<int>(), shown.ToJsonString());
        Assert.AreEqual("FAILED", shown["status"]!.GetValue<string>());

        foreach (var (args, message) in new (string[], string)[]
        {
            (["status", "not-a-task"], "INVALID_TASK_ID"),
            (["status", Guid.NewGuid().ToString()], "TASK_NOT_FOUND"),
            (["status", id, "--out", Path.GetTempPath()], "--out needs --wait"),
            (["tasks", "--status", "bogus"], "INVALID_STATUS"),
            (["tasks", "--limit", "0"], "INVALID_LIMIT"),
            (["retry", Guid.NewGuid().ToString()], "TASK_NOT_FOUND"),
        })
        {
            var (exit, _, error) = await RunAsync(ct, args);
            Assert.AreEqual(1, exit, string.Join(' ', args));
            StringAssert.Contains(error, message, string.Join(' ', args));
        }
    }

    [TestMethod]
    public async Task Retry_ShouldUploadTheFixedFilesGiven_BeforeItRunsTheFailedTaskAgain()
    {
        // A task that FAILED on a broken parameters.json: `retry TASK_ID parameters.json` replaces the file under its name
        // and runs the task again (the upload answered 409 INVALID_TASK_STATE and the retry reran the broken file).
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var id = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(id, "sample.csv", TestFiles.Sample("sample.csv"), ct);
        await api.UploadOkAsync(id, "parameters.json", """{"unified-profiler": {"top_n_values": 5,}}"""u8.ToArray(), ct);
        await api.ProcessOkAsync(id, ct);
        var failed = await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(120), ct);
        Assert.AreEqual("INVALID_PARAMETERS", failed["error_code"]?.GetValue<string>(), failed.ToJsonString());

        var dir = Path.Combine(Path.GetTempPath(), "agensium-retry-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var fixedParameters = Path.Combine(dir, "parameters.json");
        await File.WriteAllTextAsync(fixedParameters, """{"unified-profiler": {"top_n_values": 5}}""", ct);
        var retried = await JsonAsync(ct, "retry", id, fixedParameters);
        Assert.AreEqual("QUEUED", retried["status"]!.GetValue<string>(), retried.ToJsonString());

        var done = await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(120), ct);
        Assert.AreEqual("COMPLETED", done["status"]!.GetValue<string>(), done.ToJsonString());
        Assert.AreEqual(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @t AND file_name = 'parameters.json'", ct, ("t", id)));

        // A task that is not FAILED gets no file from retry (a CREATED one would take it, and the retry then refuse it).
        var created = await api.CreateTaskAsync(ct: ct);
        var (exit, output, error) = await RunAsync(ct, "retry", created, fixedParameters, "--json");
        Assert.AreEqual(1, exit, error);
        Assert.AreEqual("TASK_NOT_RETRYABLE", JsonNode.Parse(output)!["error_code"]!.GetValue<string>(), output);
        Assert.AreEqual(0L, await Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @t", ct, ("t", created)));
    }

    [TestMethod]
    public async Task ActiveReservedCancelAndDebug_ShouldReflectTheClusterNow()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        // Long enough that the four keep their slots (and the fifth keeps waiting) however slowly the CLI starts;
        // they are cancelled at the end.
        var (running, waiting) = await api.FillLowPriorityAsync("sleep:60", "sleep:1", ct);

        // The three look while the four run: side by side, so that a loaded machine's slow CLI starts do not add up past
        // the test nodes' 15 s soft limit of x-fault-injection (they did once, with the load average at 37).
        var activeCall = JsonAsync(ct, "inspect", "active");
        var reservedCall = JsonAsync(ct, "inspect", "reserved");
        var downloadCall = RunAsync(ct, "download", running[1], "--out", Path.Combine(Path.GetTempPath(), "agensium-none-" + Guid.NewGuid().ToString("N")));
        await Task.WhenAll(activeCall, reservedCall, downloadCall);
        var activeJson = await activeCall;
        var active = activeJson.AsArray().Select(a => a!["task_id"]?.GetValue<string>()).ToList();
        CollectionAssert.IsSubsetOf(running, active, activeJson.ToJsonString());
        var reserved = (await reservedCall).AsArray();
        Assert.IsTrue(reserved.Any(r => r!["task_or_trigger"]!.GetValue<string>() == waiting && r["state"]!.GetValue<string>() == "waiting"),
            reserved.ToJsonString());

        var (runningExit, _, runningError) = await downloadCall;
        Assert.AreEqual(1, runningExit, runningError);
        StringAssert.Contains(runningError, "is PROCESSING: outputs can be downloaded once it is COMPLETED");

        var cancelled = await JsonAsync(ct, "cancel", running[0]);
        Assert.AreEqual("CANCELLED", cancelled["status"]!.GetValue<string>());
        var debug = await JsonAsync(ct, "debug");
        Assert.AreEqual("ok", debug["status"]!.GetValue<string>());

        var (exit, _, error) = await RunAsync(ct, "cancel", Guid.NewGuid().ToString());
        Assert.AreEqual(1, exit);
        StringAssert.Contains(error, "TASK_NOT_FOUND");
        foreach (var id in running.Skip(1))
        {
            using var response = await api.CancelAsync(id, ct);
        }
        foreach (var id in running.Append(waiting))
        {
            await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(60), ct);
        }
    }

    [TestMethod]
    public async Task MasterMyData_ShouldSayItsConfigurationAlertsAsWarnings_AsLocallyAsForATask()
    {
        // s44 review: master-my-data's parameter trouble (a column named in a parameter that the data lacks, so that check
        // did nothing) was an alert of its report only; analyze and submit --wait printed no warning: line and --json gave
        // "warnings": [], where profile-my-data's and clean-my-data's misspelt or fractional parameters are said.
        var ct = TestContext.CancellationToken;
        var dir = Directory.CreateTempSubdirectory("agensium-cli-master-").FullName;
        var parametersPath = Path.Combine(dir, "parameters.json");
        await File.WriteAllTextAsync(parametersPath, """{"stewardship-flagger": {"required_fields": ["EmailAdress"]}}""", ct);
        const string Warning = "Column 'EmailAdress' named in stewardship-flagger.required_fields is not in the data; that entry was ignored. Did you mean 'EmailAddress'?";
        string data = TestFiles.SamplePath("master_my_data.csv");

        var (exit, _, error) = await RunAsync(ct, "analyze", data, "--tool", "master-my-data", "--agents", "stewardship-flagger",
            "--params", parametersPath, "--out", Path.Combine(dir, "lines"));
        Assert.AreEqual(0, exit, error);
        CollectionAssert.Contains(error.Split('\n', StringSplitOptions.TrimEntries), "warning: " + Warning, error);

        var (jsonExit, json, jsonError) = await RunAsync(ct, "analyze", data, "--tool", "master-my-data", "--agents", "stewardship-flagger",
            "--params", parametersPath, "--out", Path.Combine(dir, "json"), "--json");
        Assert.AreEqual(0, jsonExit, jsonError);
        CollectionAssert.AreEqual(new[] { Warning }, JsonNode.Parse(json)!["warnings"]!.AsArray().Select(w => (string?)w).ToArray(), json);

        // The same for a task (the whole chain): submit --wait reads the warnings from the report the node wrote.
        var (submitExit, submitted, submitError) = await RunAsync(ct, "submit", data, parametersPath, "--tool", "master-my-data", "--wait");
        Assert.AreEqual(0, submitExit, submitError);
        StringAssert.Contains(submitted, "COMPLETED", submitted);
        // (semantic-mapper has renamed EmailAddress by then, so there is no name to suggest.)
        StringAssert.Contains(submitError, "warning: Column 'EmailAdress' named in stewardship-flagger.required_fields is not in the data; that entry was ignored.", submitError);
    }

    [TestMethod]
    public async Task RemoveInput_ShouldTakeAnUploadedFileOutOfTheTask_AndSayWhenTheTaskHoldsNone()
    {
        // The CLI's command for DELETE …/inputs/{name}, beside retry TASK_ID FILE, which puts one in.
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var taskId = await api.CreateTaskAsync(ct: ct);
        await api.UploadOkAsync(taskId, "orders.csv", "id\n1\n"u8.ToArray(), ct);
        await api.UploadOkAsync(taskId, "wrong file.csv", "id\n2\n"u8.ToArray(), ct);

        var removed = await JsonAsync(ct, "remove-input", taskId, "wrong file.csv");

        Assert.AreEqual("wrong file.csv", removed["file_name"]!.GetValue<string>(), removed.ToJsonString());
        Assert.AreEqual(1L, await Db.ScalarAsync<long>("SELECT count(*) FROM task_inputs WHERE task_id = @t", ct, ("t", taskId)));
        var (exit, _, error) = await RunAsync(ct, "remove-input", taskId, "wrong file.csv");
        Assert.AreEqual(1, exit, error);
        StringAssert.Contains(error, "INPUT_NOT_FOUND", error);
    }

    [TestMethod]
    public async Task Analyze_ShouldWriteTheReportLocally_WithNoServer()
    {
        var ct = TestContext.CancellationToken;
        // A path longer than a terminal line: piped output must not wrap it (scripts read the "wrote PATH" lines).
        var outDir = Path.Combine(Path.GetTempPath(), "agensium-analyze-" + Guid.NewGuid().ToString("N"), new string('d', 80));
        var (exit, output, error) = await RunAsync(ct, "analyze", TestFiles.SamplePath("sample.csv"), "--tool", "profile-my-data", "--out", outDir);
        Assert.AreEqual(0, exit, error + output);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "profile_my_data_analysis.json"), ct))!;
        Assert.AreEqual("profile-my-data", report["metadata"]!["tool"]!.GetValue<string>());
        var book = Analysis.Reporting.WorkbookReader.Open(Path.Combine(outDir, "profile_my_data_analysis.xlsx"));
        Assert.AreEqual("profile-my-data", book.RowStartingWith("Summary", "tool")[1]);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        CollectionAssert.Contains(lines, "wrote " + Path.Combine(outDir, "profile_my_data_analysis.xlsx"), output);

        // Agents may be listed with commas as well as spaces.
        var chosenDir = Path.Combine(Path.GetTempPath(), "agensium-analyze-" + Guid.NewGuid().ToString("N"));
        var (chosenExit, _, chosenError) = await RunAsync(ct, "analyze", TestFiles.SamplePath("sample.csv"), "--tool", "profile-my-data",
            "--agents", "unified-profiler,readiness-rater", "--out", chosenDir);
        Assert.AreEqual(0, chosenExit, chosenError);
        var chosen = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(chosenDir, "profile_my_data_analysis.json"), ct))!;
        Assert.AreEqual("unified-profiler, readiness-rater",
            string.Join(", ", chosen["agent_results"]!.AsObject().Select(a => a.Key)));

        // What did not go as asked is said on standard error: an agent that failed on a misspelt column, a file not analysed.
        var paramsPath = Path.Combine(chosenDir, "my-params.json");
        await File.WriteAllTextAsync(paramsPath, """{"readiness-rater": {"wieghts": {}}, "score-risk": {}}""", ct);
        // Of two data files the last in name order is analysed, whatever their order here (as a task's files in S3).
        var (warnExit, _, warnError) = await RunAsync(ct, "analyze", TestFiles.SamplePath("sample1.csv"), TestFiles.SamplePath("sample.csv"), "--tool", "profile-my-data",
            "--agents", "unified-profiler,drift-detector,readiness-rater", "--params", paramsPath, "--out", chosenDir);
        Assert.AreEqual(0, warnExit, warnError);
        StringAssert.Contains(warnError, "warning: agent drift-detector failed", warnError);
        StringAssert.Contains(warnError, "warning: Parameter readiness-rater.wieghts was not used", warnError);
        StringAssert.Contains(warnError, "warning: not analysed: sample.csv", warnError);
        StringAssert.Contains(warnError, "warning: parameters not used: score-risk", warnError);

        var (badExit, _, badError) = await RunAsync(ct, "analyze", "/no/such/file.csv", "--tool", "profile-my-data");
        Assert.AreEqual(1, badExit);
        StringAssert.Contains(badError, "does not exist");

        // An output folder the system refuses is named as such (it said "Could not find file '/proc/…'").
        var (outExit, _, outError) = await RunAsync(ct, "analyze", TestFiles.SamplePath("sample.csv"), "--tool", "profile-my-data", "--out", "/proc/agensium-out");
        Assert.AreEqual(1, outExit);
        StringAssert.Contains(outError, "Cannot use /proc/agensium-out as the output folder (--out)", outError);
    }

    [TestMethod]
    public async Task Failures_WithJson_ShouldPrintErrorCodeAndMessageOnStandardOutput()
    {
        // A script reads standard output: with --json a failure is {error_code, message} there (it was text on
        // standard error only), the exit code stays 1 and the line on standard error stays.
        var ct = TestContext.CancellationToken;
        var dir = Path.Combine(Path.GetTempPath(), "agensium-json-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var paramsPath = Path.Combine(dir, "bad.json");
        await File.WriteAllTextAsync(paramsPath, "{bad", ct);

        async Task<JsonObject> FailureAsync(string code, params string[] args)
        {
            var (exit, output, error) = await RunAsync(ct, args);
            Assert.AreEqual(1, exit, output + error);
            var json = JsonNode.Parse(output)!.AsObject();
            Assert.AreEqual(code, json["error_code"]!.GetValue<string>(), output);
            StringAssert.Contains(error, json["message"]!.GetValue<string>(), error);
            return json;
        }

        var analysis = await FailureAsync("INVALID_PARAMETERS", "analyze", TestFiles.SamplePath("sample.csv"), "--tool", "clean-my-data",
            "--params", paramsPath, "--out", dir, "--json");
        StringAssert.Contains(analysis["message"]!.GetValue<string>(), "parameters.json is not valid JSON");
        await FailureAsync("INVALID_ARGUMENTS", "analyze", "/no/such/file.csv", "--tool", "profile-my-data", "--json");
        var refused = await FailureAsync("INVALID_ARGUMENTS", "analyze", TestFiles.SamplePath("sample.csv"), "--json");
        StringAssert.Contains(refused["message"]!.GetValue<string>(), "--tool");
        await FailureAsync("TASK_NOT_FOUND", "--json", "status", Guid.NewGuid().ToString());

        // A file over the node's upload limit (1 MiB in the test cluster) is told as the node's 413: sent with
        // Expect: 100-continue, the refusal comes before the body (it was "Error while copying content to a stream").
        var big = Path.Combine(dir, "big.csv");
        await File.WriteAllTextAsync(big, "id,v\n" + string.Concat(Enumerable.Repeat("1,abcdefghij\n", 200_000)), ct);
        var tooLarge = await FailureAsync("FILE_TOO_LARGE", "submit", big, "--tool", "profile-my-data", "--json");
        StringAssert.Contains(tooLarge["message"]!.GetValue<string>(), "413 FILE_TOO_LARGE: Files may not exceed 1048576 bytes.");

        // Without --json nothing is printed on standard output.
        var (plainExit, plainOut, _) = await RunAsync(ct, "analyze", "/no/such/file.csv", "--tool", "profile-my-data");
        Assert.AreEqual(1, plainExit);
        Assert.AreEqual("", plainOut.Trim());
    }
}
