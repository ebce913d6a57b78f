using Agensium.Analysis;
using Agensium.Analysis.Input;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// The task error of an exception that ends a run outside a tool's own handling (the job around the worker while it
/// prepares its folder and downloads the inputs, the worker around a tool): STORAGE_ERROR, final, when the node's local
/// disk is full or its work folder cannot be written (<see cref="LocalDisk"/>), as for a disk that fails during the
/// analysis itself (the tools' <see cref="AnalysisErrorCodes.IsStorageFailure"/>); TRANSIENT_ERROR, retried, for a
/// dependency's connection or timeout failure (<see cref="ExceptionClassifier.IsTransient"/>); otherwise INTERNAL_ERROR,
/// a fault of the service to trace.
/// </summary>
public static class RunFailure
{
    public const string TransientError = "TRANSIENT_ERROR";
    public const string InternalError = "INTERNAL_ERROR";

    /// <summary>The error code of <paramref name="exception"/>, and whether the task is retried for it.</summary>
    public static (string Code, bool Transient) Of(Exception exception) =>
        LocalDisk.Failed(exception) ? (AnalysisErrorCodes.StorageError, false)
        : ExceptionClassifier.IsTransient(exception) ? (TransientError, true)
        : (InternalError, false);

    /// <summary>
    /// The task's message for <paramref name="exception"/>: for the node's own disk it says what failed and why (the
    /// system's words, with the path: "Read-only file system : '…/inputs'", "Access to the path '…' is denied"), and that
    /// what was written is gone.
    /// </summary>
    public static string MessageOf(Exception exception) =>
        LocalDisk.IsFull(exception)
            ? $"The local disk of the node that ran the task is full ({exception.GetBaseException().Message}); the run stopped and nothing it wrote was kept. Retry the task once space is freed."
        : (LocalWrite.FailureIn(exception) ?? LocalDisk.Refused(exception)) is { } unwritable
            ? $"The local work folder of the node that ran the task could not be written ({unwritable.Message.TrimEnd('.')}); the run stopped and nothing it wrote was kept. Retry the task once the node's Scheduler:WorkDirectory can be written again (its disk mounted read-write, its permissions), or on another node."
        : exception.Message;
}
