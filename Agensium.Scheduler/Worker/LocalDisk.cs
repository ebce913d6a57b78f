using Agensium.Analysis.Input;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// Tells the node's own disk failing from other I/O failures, which read as a broken connection
/// (<see cref="ExceptionClassifier.IsTransient"/>). A full disk: .NET throws a plain <see cref="IOException"/> for it, whose
/// HResult is the raw errno on Linux and macOS (ENOSPC, 28) and HRESULT_FROM_WIN32 of the error on Windows
/// (ERROR_HANDLE_DISK_FULL 39, ERROR_DISK_FULL 112): an upload that filled the node's disk was answered 503 "a service
/// this node depends on is unreachable" (stop 43's probe), and a job whose inputs filled it was retried as
/// TRANSIENT_ERROR (s44 review). Any other failure of a write to the node's work folder (a read-only file system, EROFS,
/// another plain IOException; permission refused; the folder removed) is known by the mark of <see cref="LocalWrite"/>,
/// which the job's folder creation and the downloads' files carry: it was TRANSIENT_ERROR or INTERNAL_ERROR (s44 review).
/// <see cref="ExceptionClassifier.IsTransient"/> says no for both, and <see cref="RunFailure"/> makes them STORAGE_ERROR.
/// </summary>
public static class LocalDisk
{
    private const int Enospc = 28;
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int WindowsDiskFull = unchecked((int)0x80070070);

    /// <summary>True when <paramref name="exception"/>, or one it wraps, is a write refused for want of space on a local disk.</summary>
    public static bool IsFull(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // Raw errno values are small and Windows' are 0x8007xxxx, so the two never collide.
            if (e is IOException { HResult: Enospc or WindowsHandleDiskFull or WindowsDiskFull })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// True when <paramref name="exception"/> is the node's own disk failing, as a job's run meets it: full, a write to its
    /// work folder refused (marked), or a permission the file system refused (<see cref="Refused"/>) by a write that is not marked.
    /// </summary>
    public static bool Failed(Exception exception) => IsFull(exception) || IsUnwritable(exception) || Refused(exception) is not null;

    /// <summary>True when <paramref name="exception"/>, or one it wraps, is a marked failure of a write to the node's work folder.</summary>
    public static bool IsUnwritable(Exception exception) => LocalWrite.IsItsFailure(exception);

    /// <summary>
    /// The file system's refusal of a permission (<see cref="UnauthorizedAccessException"/>: EACCES, EPERM, a folder where
    /// a file should be) that <paramref name="exception"/> is or wraps, or null. On a job's path only the local file
    /// system throws it (S3, PostgreSQL and Redis fail otherwise), so one met by a write that is not marked was read as a
    /// broken connection (TRANSIENT_ERROR, retried), where a marked one is STORAGE_ERROR (s46 review). The API's requests
    /// keep to the marked writes (an upload's spool), so an unexpected refusal there stays a 500 to trace.
    /// </summary>
    public static UnauthorizedAccessException? Refused(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is UnauthorizedAccessException refused)
            {
                return refused;
            }
        }
        return null;
    }
}
