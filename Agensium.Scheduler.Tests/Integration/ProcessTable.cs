namespace Agensium.Scheduler.Tests.Integration;

/// <summary>Reads /proc to find worker processes: those of one parent, or orphans (parent gone, re-parented).</summary>
public static class ProcessTable
{
    public static IReadOnlyList<int> WorkersOf(int parentPid) =>
        Workers().Where(w => w.ParentPid == parentPid).Select(w => w.Pid).ToList();

    /// <summary>Workers of one parent that are running something: a busy worker's current directory is its run's work folder.</summary>
    public static IReadOnlyList<int> BusyWorkersOf(int parentPid) => WorkersOf(parentPid).Where(IsBusy).ToList();

    public static bool IsBusy(int pid)
    {
        try
        {
            var cwd = new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget ?? "";
            return cwd.Contains("agensium-work", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Every Agensium worker process on the machine with its parent pid.</summary>
    public static IReadOnlyList<(int Pid, int ParentPid)> Workers()
    {
        var found = new List<(int, int)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var cmd = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                if (cmd.Length >= 2 && cmd[^1] == "worker" && cmd.Any(a => a.EndsWith("Agensium.Scheduler.dll", StringComparison.Ordinal)))
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    if (fields[0] != "Z")
                    {
                        found.Add((pid, int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture)));
                    }
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }
        return found;
    }
}
