namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Whether this node's work folder can be written, for GET /health/ready: a probe file is created there and removed.
/// Free space alone said nothing of a read-only disk or a refused permission: the node answered every upload 507
/// LOCAL_DISK_UNWRITABLE and failed every job STORAGE_ERROR while its readiness said <c>disk: ok</c>, so a load balancer
/// kept sending it work (s46 review). The answer is kept for <see cref="KeepFor"/>, so that a storm of probes touches the
/// disk at most once in that time; the file is created empty (nothing written), so a full disk is not taken for an
/// unwritable one (the free-space check says that).
/// </summary>
public sealed class WorkFolderProbe(string folder, TimeProvider time)
{
    /// <summary>How long one probe's answer is given to every caller.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(5);

    private readonly object _probing = new();
    private (long At, Exception? Refusal)? _last;

    /// <summary>
    /// Null when a file can be created in the folder; else the failure that refused it. Within <see cref="KeepFor"/>
    /// of the last probe its answer is given again without touching the disk.
    /// </summary>
    public Exception? Refusal()
    {
        lock (_probing) // one probe at a time: callers that come meanwhile wait for it and take its answer
        {
            var now = time.GetTimestamp();
            if (_last is { } last && time.GetElapsedTime(last.At, now) < KeepFor)
            {
                return last.Refusal;
            }
            var refusal = Probe();
            _last = (time.GetTimestamp(), refusal);
            return refusal;
        }
    }

    private Exception? Probe()
    {
        var path = Path.Combine(folder, ".ready-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            // DeleteOnClose: the file goes with its handle, also when the process dies between the two.
            using (new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e;
        }
    }

    /// <summary>
    /// The failure said without the folder's path, which the open readiness probe must not name: "Read-only file
    /// system", "Access to the path is denied", "the folder is gone".
    /// </summary>
    public static string Reason(Exception refusal) => refusal switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "the folder is gone",
        _ => WithoutPath(refusal.Message),
    };

    // .NET's "Read-only file system : '/var/…/.ready-probe-…'".
    private static string WithoutPath(string message)
    {
        var at = message.IndexOf(" : '", StringComparison.Ordinal);
        var cut = at < 0 ? message : message[..at];
        return cut.Contains('/') || cut.Contains('\\') ? "the folder refused a new file" : cut.TrimEnd('.', ' ');
    }
}
