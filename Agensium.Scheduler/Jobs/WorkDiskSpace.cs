using Agensium.Scheduler.Logging;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// The readiness check of this node's own disk: the free space where its work folder is (<see cref="NodeWorkFolder"/>,
/// under Scheduler:WorkDirectory), where uploads are spooled and jobs download their inputs and write their outputs.
/// Below <see cref="SchedulerOptions.WorkDirectoryMinFreeMb"/> the node cannot take work (uploads answer 507
/// LOCAL_DISK_FULL), so GET /health/ready says so, as it does for an unreachable dependency.
/// </summary>
public sealed class WorkDiskSpace(NodeWorkFolder folder, IOptions<SchedulerOptions> options, ILogger<WorkDiskSpace> logger)
{
    private const long Mib = 1024 * 1024;

    /// <summary>The check's state: <c>ok</c>, <c>full (… MiB free, below …)</c>, or <c>error</c> when the disk cannot be read.</summary>
    public string Check()
    {
        int minimumMb = options.Value.WorkDirectoryMinFreeMb;
        if (minimumMb == 0)
        {
            return "ok";
        }
        long free;
        try
        {
            free = FreeBytes(folder.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            logger.WorkDiskUnreadable(e.Message);
            return "error";
        }
        // The path stays out of the answer: the probe is open to anyone who reaches the port.
        return free >= minimumMb * Mib
            ? "ok"
            : $"full ({free / Mib} MiB free in the work directory, below Scheduler:WorkDirectoryMinFreeMb {minimumMb} MiB)";
    }

    /// <summary>Bytes the node's user may still write on the file system holding <paramref name="path"/> (statvfs/GetDiskFreeSpaceEx).</summary>
    public static long FreeBytes(string path) => new DriveInfo(path).AvailableFreeSpace;
}
