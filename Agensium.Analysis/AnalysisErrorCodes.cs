namespace Agensium.Analysis;

/// <summary>Task error codes the analysis library can produce.</summary>
public static class AnalysisErrorCodes
{
    public const string NoInputFiles = "NO_INPUT_FILES";
    public const string InvalidInputFile = "INVALID_INPUT_FILE";
    public const string RowTooLarge = "ROW_TOO_LARGE";
    public const string InvalidParameters = "INVALID_PARAMETERS";
    public const string UnknownAgent = "UNKNOWN_AGENT";
    public const string ToolNotImplemented = "TOOL_NOT_IMPLEMENTED";
    public const string ProcessingError = "PROCESSING_ERROR";

    /// <summary>The worker's local disk could not be read or written (no space left, permissions): not the data's fault.</summary>
    public const string StorageError = "STORAGE_ERROR";

    /// <summary>The run needed more memory than the process may use (a worker's Worker:MemoryLimitMb).</summary>
    public const string OutOfMemory = "OUT_OF_MEMORY";

    /// <summary>
    /// The code of an unexpected exception a tool ends with: OUT_OF_MEMORY, STORAGE_ERROR for the local file system, else
    /// PROCESSING_ERROR (a path too long comes from the name of the file given, not from the disk).
    /// </summary>
    public static string Of(Exception exception) =>
        IsOutOfMemory(exception) ? OutOfMemory : IsStorageFailure(exception) ? StorageError : ProcessingError;

    /// <summary>
    /// True when <paramref name="exception"/> from an agent ends the whole run rather than failing that agent alone: bad
    /// input (an <see cref="AnalysisException"/>), cancellation, running out of memory, or the local disk failing
    /// (<see cref="IsStorageFailure"/>). The one rule of the three tools' agent loops.
    /// </summary>
    public static bool EndsTheRun(Exception exception) =>
        exception is AnalysisException or OperationCanceledException || IsOutOfMemory(exception) || IsStorageFailure(exception);

    /// <summary>
    /// True when the local file system failed (no space left, a file or folder gone or refused): no fault of an agent or
    /// of the data, so the run ends with STORAGE_ERROR instead of failing each later agent in turn. Bad data never arrives
    /// as an IOException: invalid UTF-8, a NUL or malformed CSV is an <see cref="AnalysisException"/> (INVALID_INPUT_FILE)
    /// by the time an agent sees it. A path too long comes from the name of the file given, not from the disk.
    /// </summary>
    public static bool IsStorageFailure(Exception exception) =>
        exception is (IOException and not PathTooLongException) or UnauthorizedAccessException;

    /// <summary>The message a run that ends on <paramref name="exception"/> reports (an OutOfMemoryException's own says nothing).</summary>
    public static string MessageOf(Exception exception) => IsOutOfMemory(exception)
        ? "The analysis needed more memory than this process may use; give the worker more memory or split the file."
        : exception.Message;

    /// <summary>
    /// True for an <see cref="OutOfMemoryException"/>, also inside an <see cref="AggregateException"/> of a parallel loop:
    /// it ends the run (OUT_OF_MEMORY) instead of failing one agent, whose missing results would leave the others' scores
    /// (readiness "ready", no issues) looking like a clean file's.
    /// </summary>
    public static bool IsOutOfMemory(Exception exception) => exception switch
    {
        OutOfMemoryException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsOutOfMemory),
        _ => exception.InnerException is { } inner && IsOutOfMemory(inner),
    };
}
