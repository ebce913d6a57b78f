using Agensium.Scheduler.Logging;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Renews this node's heartbeat every <see cref="HeartbeatInterval"/> and removes the work folders of nodes that are gone
/// (<see cref="NodeWorkFolder"/>: a folder whose lock can be taken and whose heartbeat is older than <see cref="StaleAfter"/>),
/// at start and every <see cref="Interval"/>, and job folders of the layout before node folders (directly under the root,
/// without a lock) once they are a day old. Every node sweeps the root it uses.
/// </summary>
public sealed class WorkFolderSweeper(NodeWorkFolder own, ILogger<WorkFolderSweeper> logger) : BackgroundService
{
    /// <summary>How often a running node sweeps again (other nodes on the host may have died meanwhile).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    /// <summary>How often a node renews its heartbeat.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMinutes(1);

    /// <summary>A folder whose heartbeat is younger than this is never removed, whatever its lock says.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    /// <summary>Age past which a folder of the older layout (no lock file) is taken for abandoned.</summary>
    public static readonly TimeSpan UnlockedMaxAge = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Run();
        int ticks = 0;
        int sweepEvery = (int)(Interval / HeartbeatInterval);
        await PeriodicLoop.RunAsync(HeartbeatInterval, _ =>
        {
            own.Heartbeat();
            if (++ticks % sweepEvery == 0)
            {
                Run();
            }

            return Task.CompletedTask;
        }, logger.WorkFoldersSweepFailed, stoppingToken);
    }

    private void Run()
    {
        try
        {
            var (removed, bytes) = Sweep(own.Root, own.Path, DateTime.UtcNow);
            if (removed > 0)
            {
                logger.WorkFoldersSwept(removed, bytes / (1024 * 1024));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.WorkFoldersSweepFailed(e);
        }
    }

    /// <summary>Removes abandoned folders under <paramref name="root"/> but <paramref name="keep"/>; returns how many and their bytes.</summary>
    public static (int Removed, long Bytes) Sweep(string root, string keep, DateTime utcNow)
    {
        if (!Directory.Exists(root))
        {
            return (0, 0);
        }

        int removed = 0;
        long bytes = 0;
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            if (string.Equals(Path.GetFullPath(folder), Path.GetFullPath(keep), StringComparison.Ordinal) || !Abandoned(folder, utcNow))
            {
                continue;
            }

            try
            {
                long size = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
                Directory.Delete(folder, recursive: true);
                removed++;
                bytes += size;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Taken again meanwhile, or not ours to remove: the next sweep looks again.
            }
        }

        return (removed, bytes);
    }

    private static bool Abandoned(string folder, DateTime utcNow)
    {
        string lockPath = Path.Combine(folder, NodeWorkFolder.LockName);
        if (!File.Exists(lockPath))
        {
            // A job folder of the layout before node folders: abandoned once nothing has changed in it for a day.
            return utcNow - Directory.GetLastWriteTimeUtc(folder) > UnlockedMaxAge;
        }

        if (utcNow - File.GetLastWriteTimeUtc(lockPath) < StaleAfter)
        {
            return false; // a heartbeat within the last minutes: a live node, or one that just started
        }

        try
        {
            using var probe = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return true; // its node is gone: the lock was free
        }
        catch (IOException)
        {
            return false; // held by a running node
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
