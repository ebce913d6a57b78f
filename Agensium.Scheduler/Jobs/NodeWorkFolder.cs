using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// This node's folder for job work and upload spools: <c>{Scheduler:WorkDirectory or the temp folder}/agensium-work/node-{id}</c>,
/// created at start and held by an exclusive lock on its <c>.lock</c> file for the life of the process (an advisory
/// flock on Linux, a sharing lock on Windows; either is released when the process dies, however it dies), whose
/// modification time the node also renews every minute (<see cref="Heartbeat"/>): a lock is only advisory on Linux, and
/// some shared file systems do not pass it on. A folder whose lock can be taken and whose heartbeat is older than
/// <see cref="WorkFolderSweeper.StaleAfter"/> belongs to a node that is gone (kill -9, a crash, a stop past its grace):
/// its jobs' inputs, scratch files and spools are removed by <see cref="WorkFolderSweeper"/> — each such fault left
/// 150–450 MB behind before, never removed.
/// </summary>
public sealed class NodeWorkFolder : IDisposable
{
    /// <summary>The name of the folder under the work root that holds every node's folder.</summary>
    public const string RootName = "agensium-work";

    /// <summary>The lock file in a node's folder.</summary>
    public const string LockName = ".lock";

    private readonly FileStream _lock;

    public NodeWorkFolder(IOptions<SchedulerOptions> options)
    {
        Root = RootOf(options.Value);
        string? created = null;
        try
        {
            Path = created = Directory.CreateDirectory(System.IO.Path.Combine(Root, $"node-{Guid.NewGuid():N}")).FullName;
            _lock = new FileStream(System.IO.Path.Combine(Path, LockName), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            if (created is not null)
            {
                try
                {
                    Directory.Delete(created, recursive: true); // the folder without its lock would wait for a sweep
                }
                catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
                {
                    // Left for the sweep.
                }
            }

            // A node that cannot write its work folder can run no job and take no upload: a settings error, said in one line.
            throw new Hosting.StartupCheckException(
                $"Scheduler:WorkDirectory: cannot create this node's work folder under {Root} ({e.Message}); set it to a folder the service's user can write"
                + (string.IsNullOrEmpty(options.Value.WorkDirectory) ? " (it is empty: the system's temporary folder is used)." : "."));
        }
    }

    /// <summary>The folder holding every node's folder (<see cref="RootName"/> under the work directory).</summary>
    public string Root { get; }

    /// <summary>This node's folder.</summary>
    public string Path { get; }

    /// <summary>Renews the lock file's modification time: the node is alive.</summary>
    public void Heartbeat() => File.SetLastWriteTimeUtc(_lock.SafeFileHandle, DateTime.UtcNow); // through the held handle: no second open of a locked file

    /// <summary>The folder of one job run (by its Quartz fire instance id).</summary>
    public string ForRun(string fireInstanceId) => System.IO.Path.Combine(Path, fireInstanceId);

    /// <summary>A new spool file path for an upload in progress.</summary>
    public string NewSpool() => System.IO.Path.Combine(Path, "upload-" + Guid.NewGuid().ToString("N"));

    /// <summary>The work root of <paramref name="options"/>: Scheduler:WorkDirectory, or the system's temporary folder.</summary>
    public static string RootOf(SchedulerOptions options) => System.IO.Path.Combine(
        string.IsNullOrEmpty(options.WorkDirectory) ? System.IO.Path.GetTempPath() : options.WorkDirectory, RootName);

    /// <summary>
    /// Releases the lock, and removes the folder when no job left anything in it: a node stopped past its grace exits
    /// with jobs still writing there (they become LOST and run again elsewhere, never FAILED for a folder gone under them);
    /// such a folder is left to the next sweep.
    /// </summary>
    public void Dispose()
    {
        _lock.Dispose();
        try
        {
            if (Directory.EnumerateFileSystemEntries(Path).All(e => System.IO.Path.GetFileName(e) == LockName))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next sweep.
        }
    }
}
