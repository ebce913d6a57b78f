using System.Diagnostics;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>One real Agensium.Scheduler process (the built service, not an in-process host) on a loopback port.</summary>
public sealed class ServiceNode : IAsyncDisposable
{
    /// <summary>The API key every test node accepts (Api:Keys:0).</summary>
    public const string ApiKey = "test-api-key";

    private readonly Process _process;
    private readonly StreamWriter _log;

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public string LogPath { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    private ServiceNode(Process process, int port, string logPath, StreamWriter log)
    {
        (_process, Port, LogPath, _log) = (process, port, logPath, log);
    }

    public static async Task<ServiceNode> StartAsync(int port, IReadOnlyDictionary<string, string>? settings = null, CancellationToken ct = default)
    {
        // Several checkouts can run their suites at once, each on its own stack, by shifting every node port.
        port += StackSettings.TestPortOffset;
        var dll = Path.Combine(AppContext.BaseDirectory, "Agensium.Scheduler.dll");
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "agensium-tests", $"node-{port}-{Guid.NewGuid():N}")).FullName;
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Postgres"] = settings?.GetValueOrDefault("ConnectionStrings__Postgres") ?? StackSettings.TestConnectionString,
            ["Redis__Configuration"] = StackSettings.RedisConfiguration,
            ["S3__ServiceUrl"] = StackSettings.S3Url,
            ["S3__Bucket"] = StackSettings.Bucket,
            ["Api__Keys__0"] = ApiKey,
            ["Api__MaxUploadBytes"] = "1048576",
            ["Api__MaxFilesPerTask"] = "20",
            ["Api__SubmitPermitsPerMinute"] = "100000",
            ["Scheduler__IdleWaitTime"] = "00:00:01",
            ["Scheduler__WorkDirectory"] = Path.Combine(dir, "work"),
            ["Serilog__WriteTo__1__Args__path"] = Path.Combine(dir, "logs", "node-.log"),
            // Drills: the fault-injection tool with second-scale limits, fast retries, a heap cap for workers.
            ["Worker__EnableFaultInjection"] = "true",
            ["Worker__Tools__x-fault-injection__SoftTimeLimit"] = "00:00:15",
            ["Worker__Tools__x-fault-injection__HardTimeLimit"] = "00:00:20",
            ["Worker__MemoryLimitMb"] = "512",
            ["Retry__BaseDelay"] = "00:00:01",
            ["Retry__MaxDelay"] = "00:00:04",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }
        foreach (var (k, v) in env)
        {
            info.Environment[k] = v;
        }

        var logPath = Path.Combine(dir, "console.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var node = new ServiceNode(process, port, logPath, log);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"node on {port} exited during start:\n{node.ReadLog()}");
            }
            try
            {
                var ready = await http.GetAsync($"{node.BaseUrl}/health/ready", ct);
                if (ready.IsSuccessStatusCode)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                await node.DisposeAsync();
                throw new TimeoutException($"node on {port} not ready after 90 s:\n{node.ReadLog()}");
            }
            await Task.Delay(200, ct);
        }
    }

    public string ReadLog()
    {
        lock (_log)
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }
    }

    /// <summary>
    /// The log from character <paramref name="from"/> on, once it holds <paramref name="text"/>, or as it is after
    /// <paramref name="timeout"/> (10 s by default) so the caller's assertion says what is missing. A node's lines reach
    /// the file through its stdout pipe and this process's reader, a moment after what they report is visible over HTTP,
    /// in the database or in S3: a line the test expects is waited for, never read once.
    /// </summary>
    public async Task<string> WaitForLogAsync(string text, CancellationToken ct, int from = 0, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var log = ReadLog()[from..];
            if (log.Contains(text, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return log;
            }
            await Task.Delay(50, ct);
        }
    }

    /// <summary>SIGTERM, as systemd or the service manager stops it; waits for the exit.</summary>
    public Task StopAsync(TimeSpan timeout) => Agensium.Chaos.GracefulStop.StopAsync(_process, timeout);

    /// <summary>SIGKILL: the node dies mid-work, as in a power cut or an OOM kill.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>Worker processes this node has running now (children whose command line ends in "worker").</summary>
    public IReadOnlyList<int> WorkerProcessIds() => ProcessTable.WorkersOf(_process.Id);

    /// <summary>The node's worker processes that are running a task now (idle warm workers excluded).</summary>
    public IReadOnlyList<int> BusyWorkerProcessIds() => ProcessTable.BusyWorkersOf(_process.Id);

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(20));
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
