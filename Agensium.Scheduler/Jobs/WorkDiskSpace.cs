using Agensium.Scheduler.Logging;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// The readiness check of this node's own disk: the free space where its work folder is (<see cref="NodeWorkFolder"/>,
/// under Scheduler:WorkDirectory), where uploads are spooled and jobs download their inputs and write their outputs.
/// Below <see cref="SchedulerOptions.WorkDirectoryMinFreeMb"/> the node cannot take work (uploads answer 507
/// LOCAL_DISK_FULL), so GET /health/ready says so, as it does for an unreachable dependency.
/// A work folder that cannot be written (a read-only disk, a refused permission, the folder removed) refuses uploads
/// (507 LOCAL_DISK_UNWRITABLE) and fails every job STORAGE_ERROR: <see cref="WorkFolderProbe"/> finds it, with or
/// without a free-space minimum.
/// </summary>
public sealed class WorkDiskSpace(NodeWorkFolder folder, IOptions<SchedulerOptions> options, TimeProvider time, ILogger<WorkDiskSpace> logger)
{
    private const long Mib = 1024 * 1024;

    private readonly WorkFolderProbe _probe = new(folder.Path, time);
    private int _unwritable;

    /// <summary>
    /// The check's state: <c>ok</c>; <c>unwritable (…)</c> when no file can be created in the work folder;
    /// <c>full (… MiB free, below …)</c>; or <c>error</c> when the disk's free space cannot be read.
    /// </summary>
    public string Check()
    {
        if (Unwritable() is { } unwritable)
        {
            return unwritable;
        }
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

    // The folder's state changes are logged (with its path, which the answer leaves out), not every probe.
    private string? Unwritable()
    {
        var refusal = _probe.Refusal();
        if (refusal is null)
        {
            if (Interlocked.Exchange(ref _unwritable, 0) == 1)
            {
                logger.WorkFolderWritableAgain(folder.Path);
            }
            return null;
        }
        if (Interlocked.Exchange(ref _unwritable, 1) == 0)
        {
            logger.WorkFolderUnwritable(folder.Path, refusal.Message);
        }
        return $"unwritable (no file can be created in the work directory: {WorkFolderProbe.Reason(refusal)})";
    }

    /// <summary>Bytes the node's user may still write on the file system holding <paramref name="path"/> (statvfs/GetDiskFreeSpaceEx).</summary>
    public static long FreeBytes(string path) => new DriveInfo(path).AvailableFreeSpace;
}
