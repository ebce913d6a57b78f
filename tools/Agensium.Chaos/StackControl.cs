using System.Globalization;
using System.Net.Sockets;

namespace Agensium.Chaos;

/// <summary>
/// Faults against this checkout's stack only (scripts/stack.sh keeps it under REPO/.local, or the options' StackDir, and
/// on the options' ports): every pid comes from that stack's own pid files and is checked against its data folder.
/// </summary>
public sealed class StackControl(ChaosOptions options, Action<string> log)
{
    private const string PgBin = "/usr/lib/postgresql/15/bin";
    private string LocalDir => options.LocalDir;
    private string PgRoot => Path.Combine(LocalDir, "pg");
    private string PgData => Path.Combine(PgRoot, "data");
    private static bool IsRoot => Environment.UserName == "root";

    public int PostmasterPid()
    {
        var pidFile = Path.Combine(PgData, "postmaster.pid");
        var lines = File.ReadAllLines(pidFile);
        var pid = int.Parse(lines[0].Trim(), CultureInfo.InvariantCulture);
        // Line 4 of postmaster.pid is the port: refuse to touch a postmaster that serves another port.
        if (lines.Length > 3 && lines[3].Trim() != options.PgPort.ToString(CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"{pidFile} is for port {lines[3].Trim()}, not {options.PgPort}");
        }
        if (!Posix.CommandLine(pid).Any(a => a.Contains(PgData, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"pid {pid} is not the postmaster of {PgData}");
        }
        return pid;
    }

    private Task<(int Code, string Output)> PgCtlAsync(params string[] args)
    {
        var pgCtl = Path.Combine(PgBin, "pg_ctl");
        return IsRoot
            ? Posix.RunAsync("runuser", ["-u", "postgres", "--", pgCtl, .. args], PgRoot)
            : Posix.RunAsync(pgCtl, args, PgRoot);
    }

    public async Task PgRestartAsync()
    {
        var (code, output) = await PgCtlAsync("restart", "-D", PgData, "-m", "fast", "-w", "-t", "60", "-s", "-l", Path.Combine(PgRoot, "postgres.log"));
        if (code != 0)
        {
            throw new InvalidOperationException($"pg_ctl restart failed ({code}): {output}");
        }
        await WaitPortAsync(options.PgPort, TimeSpan.FromSeconds(60));
    }

    /// <summary>PostgreSQL stopped (fast shutdown): connections are refused until <see cref="PgStartAsync"/>.</summary>
    public async Task PgStopAsync()
    {
        PostmasterPid(); // refuses a postmaster that is not this stack's
        var (code, output) = await PgCtlAsync("stop", "-D", PgData, "-m", "fast", "-w", "-t", "60", "-s");
        if (code != 0)
        {
            throw new InvalidOperationException($"pg_ctl stop failed ({code}): {output}");
        }
    }

    public async Task PgStartAsync()
    {
        var (code, output) = await PgCtlAsync("start", "-D", PgData, "-w", "-t", "60", "-s", "-l", Path.Combine(PgRoot, "postgres.log"));
        if (code != 0)
        {
            throw new InvalidOperationException($"pg_ctl start failed ({code}): {output}");
        }
        await WaitPortAsync(options.PgPort, TimeSpan.FromSeconds(60));
    }

    /// <summary>SIGSTOP of the postmaster and all its processes: connections hang, nothing is refused.</summary>
    public List<int> PgFreeze()
    {
        var postmaster = PostmasterPid();
        var pids = new List<int> { postmaster };
        Posix.Signal(postmaster, Posix.SigStop);
        var children = Posix.ChildrenOf(postmaster);
        foreach (var child in children)
        {
            Posix.Signal(child, Posix.SigStop);
        }
        pids.AddRange(children);
        return pids;
    }

    public static void PgThaw(IEnumerable<int> pids)
    {
        foreach (var pid in pids.Reverse())
        {
            Posix.Signal(pid, Posix.SigCont);
        }
    }

    public async Task RedisStopAsync()
    {
        var (code, output) = await Posix.RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", options.RedisPort.ToString(CultureInfo.InvariantCulture), "shutdown", "nosave"]);
        // redis-cli reports the dropped connection of a successful shutdown as an error; only a live port is a failure.
        if (await IsListeningAsync(options.RedisPort) && !await WaitClosedAsync(options.RedisPort, TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException($"redis on {options.RedisPort} did not stop ({code}): {output}");
        }
    }

    /// <summary>The S3 server dies abruptly (SIGKILL of the pid in .local/s3rver.pid, checked to be s3rver).</summary>
    public async Task S3StopAsync()
    {
        var pidFile = Path.Combine(LocalDir, "s3rver.pid");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        var cmd = Posix.CommandLine(pid);
        if (!cmd.Any(a => a.Contains("s3rver", StringComparison.Ordinal))
            || !cmd.Contains(options.S3Port.ToString(CultureInfo.InvariantCulture)))
        {
            throw new InvalidOperationException($"pid {pid} of {pidFile} is not the s3rver on port {options.S3Port}");
        }
        Posix.Signal(pid, Posix.SigKill);
        if (!await Posix.WaitGoneAsync(pid, TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException($"s3rver {pid} survived SIGKILL");
        }
    }

    /// <summary>scripts/stack.sh up: starts whatever of the stack is not running (as the developer would), with this stack's ports.</summary>
    public async Task StackUpAsync()
    {
        var (code, output) = await StackScriptAsync(options.RepoRoot, "up", StackEnvironment(options));
        if (code != 0)
        {
            throw new InvalidOperationException($"scripts/stack.sh up failed ({code}): {output}");
        }
        log("stack up again");
    }

    /// <summary>scripts/stack.sh COMMAND of <paramref name="repoRoot"/> with <paramref name="environment"/> added to this process's.</summary>
    public static Task<(int Code, string Output)> StackScriptAsync(string repoRoot, string command, IReadOnlyDictionary<string, string> environment) =>
        Posix.RunAsync("bash", [Path.Combine(repoRoot, "scripts", "stack.sh"), command], repoRoot, TimeSpan.FromSeconds(180), environment);

    /// <summary>The variables that point scripts/stack.sh at the stack of <paramref name="options"/>: its folder and ports.</summary>
    public static Dictionary<string, string> StackEnvironment(ChaosOptions options) => new()
    {
        ["AGENSIUM_LOCAL_DIR"] = options.LocalDir,
        ["AGENSIUM_PG_PORT"] = options.PgPort.ToString(CultureInfo.InvariantCulture),
        ["AGENSIUM_REDIS_PORT"] = options.RedisPort.ToString(CultureInfo.InvariantCulture),
        ["AGENSIUM_S3_PORT"] = options.S3Port.ToString(CultureInfo.InvariantCulture),
        ["AGENSIUM_S3_BUCKET"] = options.Bucket,
    };

    public static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync("127.0.0.1", port, cts.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task WaitPortAsync(int port, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await IsListeningAsync(port))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"port {port} not listening after {timeout}");
            }
            await Task.Delay(200);
        }
    }

    private static async Task<bool> WaitClosedAsync(int port, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (await IsListeningAsync(port))
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }
            await Task.Delay(200);
        }
        return true;
    }
}
