using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Agensium.Chaos;

/// <summary>One real Agensium.Scheduler process (dotnet Agensium.Scheduler.dll) on a loopback port.</summary>
public sealed class ServiceNode
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    public int Index { get; }
    public int Port { get; }
    public string InstanceId { get; }
    public string? ClockOffset { get; }
    public int Pid => _process.Id;
    public bool Frozen { get; private set; }
    public bool Dead => _process.HasExited;
    public string LogPath { get; }

    private ServiceNode(Process process, StreamWriter log, int index, int port, string instanceId, string? clockOffset, string logPath)
    {
        (_process, _log, Index, Port, InstanceId, ClockOffset, LogPath) = (process, log, index, port, instanceId, clockOffset, logPath);
    }

    public static async Task<ServiceNode> StartAsync(ChaosOptions options, string runDir, int index, IReadOnlyDictionary<string, string> env,
        string? clockOffset, CancellationToken ct)
    {
        var port = options.BasePort + index + options.PortOffset;
        var dir = Directory.CreateDirectory(Path.Combine(runDir, $"node-{index + 1}-{DateTime.UtcNow:HHmmss}-{Guid.NewGuid():N}"[..40])).FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(options.ServiceDllPath);
        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["Scheduler__WorkDirectory"] = Path.Combine(dir, "work");
        info.Environment["Serilog__WriteTo__1__Args__path"] = Path.Combine(dir, "logs", "node-.log");
        if (clockOffset is not null)
        {
            // libfaketime: this node (and its workers) see the wall clock shifted; the machine's clock is untouched.
            info.Environment["LD_PRELOAD"] = FakeTimeLibrary ?? throw new InvalidOperationException("libfaketime is not installed (apt-get install faketime)");
            info.Environment["FAKETIME"] = clockOffset;
            // The monotonic clock is shifted too (a constant offset, harmless): with FAKETIME_DONT_FAKE_MONOTONIC=1,
            // libfaketime 0.9.10 makes .NET's timed waits return at once (a 1.5 s wait took 14-57 ms), and the node
            // then timed out its own health checks and ran no job.
        }
        var logPath = Path.Combine(dir, "console.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"node {index + 1} on {port} exited during start; log {logPath}");
            }
            try
            {
                using var ready = await http.GetAsync($"http://127.0.0.1:{port}/health/ready", ct);
                if (ready.IsSuccessStatusCode)
                {
                    // The open probe does not name the node; GET /api/node does, behind the key.
                    using var ask = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/api/node");
                    ask.Headers.Add("X-Api-Key", options.ApiKey);
                    using var answer = await http.SendAsync(ask, ct);
                    if (!answer.IsSuccessStatusCode)
                    {
                        // Ready, yet refusing the key (401, 429): no wait mends that.
                        throw new InvalidOperationException($"node {index + 1} on {port} answered GET /api/node {(int)answer.StatusCode}; log {logPath}");
                    }
                    var id = JsonNode.Parse(await answer.Content.ReadAsStringAsync(ct))!["node"]!.GetValue<string>();
                    return new ServiceNode(process, log, index, port, id, clockOffset, logPath);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
            }
            // Generous: on a 2-core machine under a load average above 100 a node took over two minutes to start.
            if (deadline.Elapsed > TimeSpan.FromSeconds(300))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node {index + 1} on {port} not ready after 300 s; log {logPath}");
            }
            await Task.Delay(250, ct);
        }
    }

    public static string? FakeTimeLibrary =>
        new[] { "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1", "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1", "/usr/lib/faketime/libfaketime.so.1" }
            .FirstOrDefault(File.Exists);

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>SIGKILL of the node process only: its workers must notice and exit on their own.</summary>
    public void Kill()
    {
        if (Frozen)
        {
            Thaw();
        }
        Posix.Signal(Pid, Posix.SigKill);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGSTOP of the node and its worker processes, as a paused VM or a stop-the-world pause.</summary>
    public List<int> Freeze()
    {
        var pids = new List<int> { Pid };
        Posix.Signal(Pid, Posix.SigStop);
        foreach (var child in Posix.ChildrenOf(Pid))
        {
            Posix.Signal(child, Posix.SigStop);
            pids.Add(child);
        }
        Frozen = true;
        _frozen = pids;
        return pids;
    }

    private List<int> _frozen = [];

    public void Thaw()
    {
        foreach (var pid in _frozen.AsEnumerable().Reverse())
        {
            Posix.Signal(pid, Posix.SigCont);
        }
        Frozen = false;
        _frozen = [];
    }

    /// <summary>SIGTERM and wait (graceful stop with the shutdown grace), SIGKILL after the timeout.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (Frozen)
        {
            Thaw();
        }
        await GracefulStop.StopAsync(_process, timeout);
    }

    public void CloseLog()
    {
        lock (_log)
        {
            _log.Dispose();
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"node {Index + 1} (pid {Pid}, :{Port}{(ClockOffset is null ? "" : ", clock " + ClockOffset)})");
}
