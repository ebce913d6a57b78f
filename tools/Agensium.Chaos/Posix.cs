using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Agensium.Chaos;

/// <summary>Signals by pid and a few /proc reads. Every signal goes to a pid this runner started or owns through its stack.</summary>
internal static partial class Posix
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigCont = 18;
    public const int SigStop = 19;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    public static bool Signal(int pid, int signal) => pid > 1 && SysKill(pid, signal) == 0;

    public static bool Alive(int pid)
    {
        var stat = ReadStat(pid);
        return stat is not null && stat.Value.State != "Z" && stat.Value.State != "X";
    }

    public static (string State, int ParentPid)? ReadStat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    public static string[] CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public static IEnumerable<int> AllPids()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                yield return pid;
            }
        }
    }

    public static List<int> ChildrenOf(int parent) =>
        AllPids().Where(p => ReadStat(p) is { } s && s.ParentPid == parent).ToList();

    /// <summary>Worker processes of this checkout's service build (command line: dotnet DLL worker), with their parent.</summary>
    public static List<(int Pid, int ParentPid, bool Busy)> WorkersOf(string serviceDll)
    {
        var found = new List<(int, int, bool)>();
        foreach (var pid in AllPids())
        {
            var cmd = CommandLine(pid);
            if (cmd.Length >= 2 && cmd[^1] == "worker" && cmd.Contains(serviceDll) && ReadStat(pid) is { } s && s.State != "Z")
            {
                found.Add((pid, s.ParentPid, IsBusy(pid)));
            }
        }
        return found;
    }

    /// <summary>A busy worker's current directory is its run's work folder (see docs/semantics.md).</summary>
    public static bool IsBusy(int pid)
    {
        try
        {
            return (new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget ?? "").Contains("agensium-work", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static async Task<bool> WaitGoneAsync(int pid, TimeSpan timeout)
    {
        var until = Stopwatch.StartNew();
        while (Alive(pid))
        {
            if (until.Elapsed > timeout)
            {
                return false;
            }
            await Task.Delay(100);
        }
        return true;
    }

    /// <summary>Runs a command to its end; returns exit code and combined output.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> args, string? cwd = null, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = cwd ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            return (-1, $"{file} timed out");
        }
        return (p.ExitCode, (await stdout) + (await stderr));
    }
}
