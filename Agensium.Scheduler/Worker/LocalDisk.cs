namespace Agensium.Scheduler.Worker;

/// <summary>
/// Tells a full local disk from other I/O failures. .NET throws a plain <see cref="IOException"/> for it, whose HResult
/// is the raw errno on Linux and macOS (ENOSPC, 28) and HRESULT_FROM_WIN32 of the error on Windows (ERROR_HANDLE_DISK_FULL
/// 39, ERROR_DISK_FULL 112). Told apart, because the plain IOException otherwise reads as a broken connection
/// (<see cref="ExceptionClassifier.IsTransient"/>): an upload that filled the node's disk was answered 503 "a service this
/// node depends on is unreachable" (stop 43's probe), and a job whose inputs filled it was retried as TRANSIENT_ERROR
/// (s44 review): <see cref="ExceptionClassifier.IsTransient"/> now says no for it, and <see cref="RunFailure"/> makes it
/// STORAGE_ERROR.
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
}
