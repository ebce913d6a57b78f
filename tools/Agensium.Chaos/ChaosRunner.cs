using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Agensium.Chaos;

/// <summary>Runs the scenarios against three nodes under a job stream, then checks every invariant.</summary>
public static class ChaosRunner
{
    public static async Task<ChaosReport> RunAsync(ChaosOptions options, TextWriter output, CancellationToken ct)
    {
        await using var run = new ChaosRun(options, output);
        var report = await run.ExecuteAsync(ct);
        var text = report.ToMarkdown();
        await output.WriteLineAsync();
        await output.WriteLineAsync(text);
        if (options.ReportFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(options.ReportFile)!);
            await File.WriteAllTextAsync(options.ReportFile, text, ct);
        }
        return report;
    }
}

internal sealed partial class ChaosRun(ChaosOptions o, TextWriter output) : IAsyncDisposable
{
    private const int NodeCount = 3;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Random _random = new(o.Seed);
    private readonly ServiceNode?[] _nodes = new ServiceNode?[NodeCount];
    private readonly List<ServiceNode> _everStarted = [];
    private readonly ChaosReport _report = new();
    private readonly Dictionary<string, ScenarioFigures> _figures = [];
    private readonly string _runDir = Path.Combine(o.RepoRoot, ".local", "chaos", $"run-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
    private NpgsqlDataSource _db = null!;
    private Invariants _inv = null!;
    private StackControl _stack = null!;
    private LoadStream _load = null!;
    private int _cut;

    private void Log(string message)
    {
        lock (output)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[chaos {_clock.Elapsed.TotalSeconds,7:0.0}s] {message}"));
            output.Flush();
        }
    }

    private Dictionary<string, string> NodeEnvironment() => new()
    {
        ["ConnectionStrings__Postgres"] = $"Host=127.0.0.1;Port={o.PgPort};Database={o.Database};Username=agensium;Password=agensium;Maximum Pool Size=30",
        ["Redis__Configuration"] = $"127.0.0.1:{o.RedisPort}",
        ["S3__ServiceUrl"] = $"http://127.0.0.1:{o.S3Port}",
        ["S3__Bucket"] = o.Bucket,
        ["Api__Keys__0"] = o.ApiKey,
        ["Api__SubmitPermitsPerMinute"] = "1000000",
        ["Worker__EnableBenchmarkTools"] = "true",
        ["Worker__EnableFaultInjection"] = "true",
        ["Scheduler__ShutdownGrace"] = "00:00:10",
        // Retries of transient failures (a dependency down) spread over about two minutes, so a one-minute outage is
        // ridden out; production's 60 s base delay would do the same more slowly.
        ["Retry__BaseDelay"] = "00:00:03",
        ["Retry__MaxDelay"] = "00:00:30",
        ["Retry__MaxRetries"] = "8",
        ["AGENSIUM_CONCURRENCY"] = "4",
    };

    private IReadOnlyList<int> LivePorts() =>
        _nodes.Where(n => n is { Frozen: false, Dead: false }).Select(n => n!.Port).ToList();

    public async Task<ChaosReport> ExecuteAsync(CancellationToken ct)
    {
        _report.Mode = o.Soak is { } soak ? $"soak {soak.TotalMinutes:0} min" : o.Short ? "short (CI)" : "standard";
        _report.ClockSkewMethod = ServiceNode.FakeTimeLibrary is { } lib
            ? $"libfaketime ({lib}) preloaded into one node with FAKETIME=±30s; the machine clock is never changed"
            : "libfaketime not installed: clock-skew scenario cannot run";
        if (!File.Exists(o.ServiceDllPath))
        {
            throw new FileNotFoundException($"service not built: {o.ServiceDllPath} (dotnet build -c Release)");
        }
        Directory.CreateDirectory(_runDir);
        _report.LoadBefore = File.ReadAllText("/proc/loadavg").Trim();
        Log($"run folder {_runDir}; stack pg:{o.PgPort} redis:{o.RedisPort} s3:{o.S3Port}; database {o.Database}; seed {o.Seed}");
        await RecreateDatabaseAsync(ct);
        _db = NpgsqlDataSource.Create(o.ConnectionString(o.Database));
        _inv = new Invariants(o, _db);
        _stack = new StackControl(o, Log);

        var started = await Task.WhenAll(Enumerable.Range(0, NodeCount).Select(i => StartNodeAsync(i, null, ct)));
        await using (var seed = _db.CreateCommand("INSERT INTO users (id, email, name) OVERRIDING SYSTEM VALUE VALUES (1, 'chaos@agensium.local', 'Chaos') ON CONFLICT (id) DO NOTHING"))
        {
            await seed.ExecuteNonQueryAsync(ct);
        }
        Log($"cluster up: {string.Join(", ", started.Select(n => n.ToString()))}");

        _load = new LoadStream(o, LivePorts, _clock, new Random(o.Seed + 1), m => Log("load: " + m));
        using var stopLoad = new CancellationTokenSource();
        var loadTask = _load.RunAsync(stopLoad.Token);
        await Task.Delay(TimeSpan.FromSeconds(8), ct);
        Log($"warm-up: {_load.Accepted.Count} tasks accepted, {await _inv.CompletedCountAsync(ct)} completed");

        try
        {
            if (o.Soak is { } duration)
            {
                var until = _clock.Elapsed + duration;
                while (_clock.Elapsed < until && !ct.IsCancellationRequested)
                {
                    var name = o.Scenarios[_random.Next(o.Scenarios.Count)];
                    await RunScenarioAsync(name, last: false, stopLoad, ct);
                    await Task.Delay(TimeSpan.FromSeconds(_random.Next(5, 20)), ct);
                }
                await RunTailAsync(stopLoad, ct);
            }
            else
            {
                for (var i = 0; i < o.Scenarios.Count; i++)
                {
                    await RunScenarioAsync(o.Scenarios[i], last: i == o.Scenarios.Count - 1, stopLoad, ct);
                }
            }
        }
        finally
        {
            await stopLoad.CancelAsync();
            await loadTask;
        }
        await FinalChecksAsync(ct);
        _report.Duration = _clock.Elapsed;
        _report.LoadAfter = File.ReadAllText("/proc/loadavg").Trim();
        return _report;
    }

    private ScenarioFigures Figures(string name)
    {
        if (!_figures.TryGetValue(name, out var f))
        {
            _figures[name] = f = new ScenarioFigures(name);
            _report.Scenarios.Add(f);
        }
        return f;
    }

    private async Task RunScenarioAsync(string name, bool last, CancellationTokenSource stopLoad, CancellationToken ct)
    {
        var fig = Figures(name);
        fig.Runs++;
        Log($"=== {name} (run {fig.Runs}) ===");
        try
        {
            switch (name)
            {
                case "node-kill": await NodeKillAsync(fig, ct); break;
                case "pg-restart": await PgRestartAsync(fig, ct); break;
                case "pg-pause": await PgPauseAsync(fig, ct); break;
                case "redis-down": await RedisDownAsync(fig, ct); break;
                case "s3-down": await S3DownAsync(fig, ct); break;
                case "clock-skew": await ClockSkewAsync(fig, ct); break;
                case "node-freeze": await NodeFreezeAsync(fig, ct); break;
                default: throw new ArgumentException(name);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _report.Violations.Add($"{name}: the scenario itself failed: {e.Message}");
            Log($"{name} failed: {e}");
            await EnsureClusterAsync(ct);
        }
        if (last)
        {
            await stopLoad.CancelAsync();
            while (_load.InFlight > 0)
            {
                await Task.Delay(200, ct);
            }
        }
        await JudgeWindowAsync(fig, ct);
    }

    private async Task RunTailAsync(CancellationTokenSource stopLoad, CancellationToken ct)
    {
        await stopLoad.CancelAsync();
        while (_load.InFlight > 0)
        {
            await Task.Delay(200, ct);
        }
        await JudgeWindowAsync(Figures("(between faults)"), ct);
    }

    private readonly List<(ScenarioFigures Fig, List<string> Ids)> _windows = [];

    /// <summary>
    /// Tasks accepted since the previous cut belong to this scenario. Waits (up to the settle deadline) for them to end
    /// before the next fault, and notes how many had not: on a saturated machine a backlog or a retry backoff can outlast
    /// the deadline. Lost, duplicated and failed are counted at the end of the run, when the stream has stopped and
    /// every task had the final settle time to end.
    /// </summary>
    private async Task JudgeWindowAsync(ScenarioFigures fig, CancellationToken ct)
    {
        var all = _load.Accepted.ToList();
        var window = all.Skip(_cut).Select(a => a.TaskId).ToList();
        _cut = all.Count;
        _windows.Add((fig, window));
        var states = await _inv.WaitFinalAsync(window, o.SettleDeadline, ct);
        var open = window.Count(id => !states.TryGetValue(id, out var st) || !Invariants.Final.Contains(st.Status!));
        if (open > 0)
        {
            fig.Notes.Add($"{open} of its tasks were still queued or retrying {o.SettleDeadline.TotalSeconds:0} s after the fault (counted at the end)");
        }
        Log($"{fig.Name}: {window.Count} jobs, {states.Values.Count(st => st.Status == "COMPLETED")} completed so far, {open} not yet final");
    }

    private void CountWindows(Dictionary<string, TaskState> states)
    {
        foreach (var (fig, ids) in _windows)
        {
            var violations = new List<string>();
            var (lost, duplicated) = Invariants.Judge(ids, states, violations);
            fig.Jobs += ids.Count;
            fig.Lost += lost;
            fig.Duplicated += duplicated;
            foreach (var id in ids)
            {
                if (!states.TryGetValue(id, out var st))
                {
                    continue;
                }
                if (st.Status == "COMPLETED")
                {
                    fig.Completed++;
                }
                else if (st.Status == "FAILED")
                {
                    var code = st.ErrorCode ?? "?";
                    fig.Failed[code] = fig.Failed.GetValueOrDefault(code) + 1;
                }
            }
            _report.Violations.AddRange(violations.Select(v => $"{fig.Name}: {v}"));
        }
    }

    // ------------------------------------------------------------------ nodes ---

    private async Task<ServiceNode> StartNodeAsync(int index, string? clockOffset, CancellationToken ct)
    {
        var node = await ServiceNode.StartAsync(o, _runDir, index, NodeEnvironment(), clockOffset, ct);
        lock (_everStarted)
        {
            _everStarted.Add(node);
        }
        _nodes[index] = node;
        return node;
    }

    /// <summary>After a failed scenario: thaw and restart whatever is frozen or dead, bring the stack back.</summary>
    private async Task EnsureClusterAsync(CancellationToken ct)
    {
        try
        {
            await _stack.StackUpAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log($"stack up failed: {e.Message}");
        }
        for (var i = 0; i < NodeCount; i++)
        {
            if (_nodes[i] is { Frozen: true } f)
            {
                f.Thaw();
            }
            if (_nodes[i] is null or { Dead: true } || _nodes[i]!.ClockOffset is not null)
            {
                if (_nodes[i] is { Dead: false } skewed)
                {
                    await skewed.StopAsync(TimeSpan.FromSeconds(30));
                }
                try
                {
                    await StartNodeAsync(i, null, ct);
                }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException)
                {
                    // Left down; the next scenario or this repair runs on the nodes that are up.
                    _report.Violations.Add($"node {i + 1} could not be restarted: {e.Message}");
                    Log($"node {i + 1} could not be restarted: {e.Message}");
                }
            }
        }
    }

    private ServiceNode PickNode() => _nodes.Where(n => n is { Dead: false, Frozen: false }).OrderBy(_ => _random.Next()).First()!;

    /// <summary>The victim with the most analysis attempts running (waits up to 15 s for one that runs something).</summary>
    private async Task<(ServiceNode Node, List<(string TaskId, int Attempt)> Running)> PickBusyNodeAsync(CancellationToken ct)
    {
        var until = _clock.Elapsed + TimeSpan.FromSeconds(15);
        while (true)
        {
            var candidate = PickNode();
            var running = await _inv.RunningOnAsync(candidate.InstanceId, ct);
            if (running.Count > 0 || _clock.Elapsed > until)
            {
                return (candidate, running);
            }
            await Task.Delay(200, ct);
        }
    }

    // -------------------------------------------------------------- recovery ---

    /// <summary>Seconds from <paramref name="from"/> until the cluster completes a task again (counted after the fault end).</summary>
    private async Task<double> NextCompletionAsync(TimeSpan from, CancellationToken ct)
    {
        long before = -1;
        var until = _clock.Elapsed + TimeSpan.FromSeconds(180);
        while (_clock.Elapsed < until)
        {
            try
            {
                var now = await _inv.CompletedCountAsync(ct);
                if (before < 0)
                {
                    before = now;
                }
                else if (now > before)
                {
                    return (_clock.Elapsed - from).TotalSeconds;
                }
            }
            catch (NpgsqlException)
            {
            }
            await Task.Delay(100, ct);
        }
        _report.Violations.Add("no task completed within 180 s after a fault ended");
        return (_clock.Elapsed - from).TotalSeconds;
    }

    /// <summary>Seconds from <paramref name="from"/> until every stranded attempt was taken over by another node (or its task ended).</summary>
    private async Task<double> StrandedTakenOverAsync(ServiceNode victim, List<(string TaskId, int Attempt)> stranded, TimeSpan from, string scenario, CancellationToken ct)
    {
        var until = _clock.Elapsed + TimeSpan.FromSeconds(120);
        while (_clock.Elapsed < until)
        {
            try
            {
                if (await _inv.TakenOverAsync(victim.InstanceId, stranded, ct) >= stranded.Count)
                {
                    return (_clock.Elapsed - from).TotalSeconds;
                }
            }
            catch (NpgsqlException)
            {
            }
            await Task.Delay(100, ct);
        }
        _report.Violations.Add($"{scenario}: {stranded.Count} attempts stranded on {victim} not taken over within 120 s");
        return (_clock.Elapsed - from).TotalSeconds;
    }

    private async Task CheckWorkersGoneAsync(IReadOnlyList<int> workers, string scenario, ServiceNode victim)
    {
        var until = _clock.Elapsed + TimeSpan.FromSeconds(20);
        while (workers.Any(Posix.Alive) && _clock.Elapsed < until)
        {
            await Task.Delay(200);
        }
        var left = workers.Where(Posix.Alive).ToList();
        if (left.Count > 0)
        {
            _report.OrphanWorkers += left.Count;
            _report.Violations.Add($"{scenario}: worker processes {string.Join(", ", left)} of {victim} still alive 20 s after it died");
        }
    }

    // ------------------------------------------------------------- scenarios ---

    private async Task NodeKillAsync(ScenarioFigures fig, CancellationToken ct)
    {
        for (var k = 0; k < o.KillsPerScenario; k++)
        {
            var (victim, running) = await PickBusyNodeAsync(ct);
            var workers = Posix.WorkersOf(o.ServiceDllPath).Where(w => w.ParentPid == victim.Pid).Select(w => w.Pid).ToList();
            victim.Kill();
            var killedAt = _clock.Elapsed;
            Log($"SIGKILL {victim} running {running.Count} jobs ({workers.Count} workers)");
            var orphans = CheckWorkersGoneAsync(workers, fig.Name, victim);
            // Measured while the victim restarts: the other nodes take its jobs over whether or not it comes back.
            var takeover = running.Count > 0
                ? StrandedTakenOverAsync(victim, running, killedAt, fig.Name, ct)
                : NextCompletionAsync(killedAt, ct);
            await Task.Delay(o.KillDowntime, ct);
            var restarted = await StartNodeAsync(victim.Index, null, ct);
            Log($"restarted as {restarted} {(_clock.Elapsed - killedAt).TotalSeconds:0.0} s after the kill");
            var recovery = await takeover;
            await orphans;
            fig.RecoverySeconds.Add(recovery);
            fig.Injected.Add($"SIGKILL of a random node, restart after {o.KillDowntime.TotalSeconds:0} s");
            Log($"{running.Count} stranded jobs taken over {recovery:0.0} s after the kill");
            await Task.Delay(TimeSpan.FromSeconds(4), ct);
        }
    }

    private async Task PgRestartAsync(ScenarioFigures fig, CancellationToken ct)
    {
        var start = _clock.Elapsed;
        await _stack.PgRestartAsync();
        var back = _clock.Elapsed;
        Log($"postgres restarted (fast) in {(back - start).TotalSeconds:0.0} s");
        var recovery = await NextCompletionAsync(back, ct);
        fig.RecoverySeconds.Add(recovery);
        fig.Injected.Add("pg_ctl restart -m fast");
        Log($"first completion {recovery:0.0} s after postgres was back");
    }

    private async Task PgPauseAsync(ScenarioFigures fig, CancellationToken ct)
    {
        var pids = _stack.PgFreeze();
        Log($"SIGSTOP postgres ({pids.Count} processes) for {o.PgPause.TotalSeconds:0} s");
        try
        {
            await Task.Delay(o.PgPause, ct);
        }
        finally
        {
            StackControl.PgThaw(pids);
        }
        var back = _clock.Elapsed;
        var recovery = await NextCompletionAsync(back, ct);
        fig.RecoverySeconds.Add(recovery);
        fig.Injected.Add($"SIGSTOP of every postgres process for {o.PgPause.TotalSeconds:0} s (check-in 2 s, dead after 8 s)");
        Log($"first completion {recovery:0.0} s after postgres resumed");
    }

    private async Task RedisDownAsync(ScenarioFigures fig, CancellationToken ct)
    {
        var before = await _inv.CompletedCountAsync(ct);
        await _stack.RedisStopAsync();
        Log($"redis down for {o.RedisDowntime.TotalSeconds:0} s");
        await Task.Delay(o.RedisDowntime, ct);
        var during = await _inv.CompletedCountAsync(ct) - before;
        await _stack.StackUpAsync();
        var back = _clock.Elapsed;
        var recovery = await NextCompletionAsync(back, ct);
        fig.RecoverySeconds.Add(recovery);
        fig.Injected.Add($"redis shutdown nosave, {o.RedisDowntime.TotalSeconds:0} s down");
        fig.Notes.Add($"{during} tasks completed while Redis was down");
        Log($"{during} completed while redis was down; first completion {recovery:0.0} s after it was back");
    }

    private async Task S3DownAsync(ScenarioFigures fig, CancellationToken ct)
    {
        var before = await _inv.CompletedCountAsync(ct);
        await _stack.S3StopAsync();
        Log($"s3rver killed, down for {o.S3Downtime.TotalSeconds:0} s");
        await Task.Delay(o.S3Downtime, ct);
        var during = await _inv.CompletedCountAsync(ct) - before;
        await _stack.StackUpAsync();
        var back = _clock.Elapsed;
        var recovery = await NextCompletionAsync(back, ct);
        fig.RecoverySeconds.Add(recovery);
        fig.Injected.Add($"s3rver SIGKILL, {o.S3Downtime.TotalSeconds:0} s down");
        fig.Notes.Add($"{during} tasks completed while S3 was down (x-noop needs no S3)");
        Log($"{during} completed while s3 was down; first completion {recovery:0.0} s after it was back");
    }

    /// <summary>
    /// A fourth node joins with its wall clock shifted (libfaketime), first +30 s, then −30 s, while the three others
    /// keep running; the others stay on the true clock, so every check-in comparison crosses the skew.
    /// </summary>
    private async Task ClockSkewAsync(ScenarioFigures fig, CancellationToken ct)
    {
        if (ServiceNode.FakeTimeLibrary is null)
        {
            _report.Violations.Add("clock-skew: libfaketime is not installed (apt-get install faketime)");
            return;
        }
        foreach (var offset in new[] { "+30s", "-30s" })
        {
            var lostBefore = await _inv.CountAsync("SELECT count(*) FROM job_history WHERE status = 'LOST'", ct);
            var skewed = await ServiceNode.StartAsync(o, _runDir, NodeCount, NodeEnvironment(), offset, ct);
            lock (_everStarted)
            {
                _everStarted.Add(skewed);
            }
            var joined = _clock.Elapsed;
            Log($"{skewed} joined with its clock {offset}; holding {o.SkewHold.TotalSeconds:0} s");
            await Task.Delay(o.SkewHold, ct);
            var ranThere = await _inv.CountAsync($"SELECT count(*) FROM job_history WHERE node_instance_id = '{skewed.InstanceId}' AND job_name = 'process-analysis'", ct);
            await skewed.StopAsync(TimeSpan.FromSeconds(30));
            var left = _clock.Elapsed;
            var lost = await _inv.CountAsync("SELECT count(*) FROM job_history WHERE status = 'LOST'", ct) - lostBefore;
            var recovery = await NextCompletionAsync(left, ct);
            fig.RecoverySeconds.Add(recovery);
            fig.Injected.Add($"a 4th node with its clock {offset} for {o.SkewHold.TotalSeconds:0} s");
            var measured = MeasuredOffset(skewed.LogPath);
            fig.Notes.Add($"clock {offset}: the skewed node ran {ranThere} jobs; {lost} attempts were recorded LOST meanwhile{(measured is null ? "" : $"; it measured its offset from PostgreSQL as {measured}")}");
            Log($"{skewed} left after {(left - joined).TotalSeconds:0} s; it ran {ranThere} jobs; {lost} LOST attempts meanwhile");
        }
    }

    [GeneratedRegex(@"Clock offset from the database: (-?[0-9]+) ms")]
    private static partial Regex OffsetLine();

    private static string? MeasuredOffset(string logPath)
    {
        try
        {
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var text = new StreamReader(stream).ReadToEnd();
            return OffsetLine().Match(text) is { Success: true } m ? m.Groups[1].Value + " ms" : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task NodeFreezeAsync(ScenarioFigures fig, CancellationToken ct)
    {
        var (victim, running) = await PickBusyNodeAsync(ct);
        var pids = victim.Freeze();
        var frozenAt = _clock.Elapsed;
        Log($"SIGSTOP {victim} and its {pids.Count - 1} workers, running {running.Count} jobs, for {o.FreezeHold.TotalSeconds:0} s");
        double recovery;
        try
        {
            await Task.Delay(o.FreezeHold, ct);
            recovery = running.Count > 0 && await _inv.TakenOverAsync(victim.InstanceId, running, ct) >= running.Count
                ? -1 : 0;
        }
        finally
        {
            victim.Thaw();
        }
        Log($"SIGCONT {victim}");
        if (running.Count > 0)
        {
            if (recovery < 0)
            {
                // Taken over while it was frozen; measure when precisely (last recovery start).
                recovery = await StrandedTakenOverAsync(victim, running, frozenAt, fig.Name, ct);
            }
            else
            {
                // Not a violation by itself: on a saturated machine the other nodes' cluster check can run later than
                // the freeze lasts. What must hold (and is checked at the end) is that the work ends once.
                fig.Notes.Add($"{running.Count} jobs of the frozen node were taken over only after SIGCONT, or finished by it");
                recovery = await StrandedTakenOverAsync(victim, running, frozenAt, fig.Name, ct);
            }
        }
        else
        {
            recovery = await NextCompletionAsync(_clock.Elapsed, ct);
        }
        fig.RecoverySeconds.Add(recovery);
        fig.Injected.Add($"SIGSTOP of a node and its workers for {o.FreezeHold.TotalSeconds:0} s, then SIGCONT");
        fig.Notes.Add($"{running.Count} jobs were running on the frozen node");
        // Give the thawed node time to reach the end of what it had in hand before the window is judged.
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
    }

    // ------------------------------------------------------------ the end ---

    private async Task FinalChecksAsync(CancellationToken ct)
    {
        var accepted = _load.Accepted.Select(a => a.TaskId).ToList();
        _report.Accepted = accepted.Count;
        _report.Refused = _load.Refused;
        _report.GaveUp = _load.GaveUp;
        // The stream has stopped: the backlog drains, retries come due.
        var states = await _inv.WaitFinalAsync(accepted, o.SettleDeadline * 2, ct);
        CountWindows(states);

        // Attempts of non-analysis jobs (health check, cleanup) on a killed node are closed by the cleanup job.
        using (var http = new HttpClient { BaseAddress = new Uri(_nodes.First(n => n is { Dead: false })!.BaseUrl), Timeout = TimeSpan.FromSeconds(30) })
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", o.ApiKey);
            using var trigger = await http.PostAsync("/api/jobs/cleanup-expired-tasks/trigger", null, ct);
        }
        var open = await _inv.OpenAttemptsAsync(ct);
        for (var i = 0; i < 30 && open.Count > 0; i++)
        {
            await Task.Delay(1000, ct);
            open = await _inv.OpenAttemptsAsync(ct);
        }
        _report.OpenAttempts = open.Count;
        _report.Violations.AddRange(open.Select(r => $"end: job_history attempt without an end: {r}"));

        var orphanOutputs = await _inv.OrphanOutputsAsync(ct);
        _report.OrphanOutputs = orphanOutputs.Count;
        _report.Violations.AddRange(orphanOutputs.Select(k => $"end: orphan S3 output {k}"));

        foreach (var node in _nodes.Where(n => n is not null))
        {
            await node!.StopAsync(TimeSpan.FromSeconds(30));
        }
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var ours = _everStarted.Select(n => n.Pid).ToHashSet();
        var orphanWorkers = Posix.WorkersOf(o.ServiceDllPath).Where(w => ours.Contains(w.ParentPid) || !Posix.Alive(w.ParentPid) || w.ParentPid == 1).ToList();
        _report.OrphanWorkers += orphanWorkers.Count;
        _report.Violations.AddRange(orphanWorkers.Select(w => $"end: orphan worker process {w.Pid} (parent {w.ParentPid}, busy {w.Busy})"));

        var doubles = DoubleCompletionsInLogs();
        _report.DoubleRunsInLogs = doubles.Count;
        _report.Violations.AddRange(doubles.Select(d => $"end: task {d} ended COMPLETED twice in the node logs (the job body ran to completion twice)"));
    }

    [GeneratedRegex(@"\]\[process-analysis\(([0-9a-f-]{36})\)\] Job process-analysis ended COMPLETED ")]
    private static partial Regex CompletedLine();

    /// <summary>Every node's console log: a task whose job ended COMPLETED on more than one attempt ran twice.</summary>
    private List<string> DoubleCompletionsInLogs()
    {
        var counts = new Dictionary<string, int>();
        foreach (var node in _everStarted)
        {
            node.CloseLog();
            foreach (var line in File.ReadLines(node.LogPath))
            {
                if (CompletedLine().Match(line) is { Success: true } m)
                {
                    counts[m.Groups[1].Value] = counts.GetValueOrDefault(m.Groups[1].Value) + 1;
                }
            }
        }
        return counts.Where(c => c.Value > 1).Select(c => c.Key).ToList();
    }

    private async Task RecreateDatabaseAsync(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(o.ConnectionString("postgres"));
        await conn.OpenAsync(ct);
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {o.Database} WITH (FORCE)", $"CREATE DATABASE {o.Database} OWNER agensium" })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _everStarted)
        {
            if (node.Frozen)
            {
                node.Thaw();
            }
            if (!node.Dead)
            {
                await node.StopAsync(TimeSpan.FromSeconds(20));
            }
        }
        _load?.Dispose();
        _inv?.Dispose();
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }
}
