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
        IsOutOfMemory(exception) ? OutOfMemory
        : exception is (IOException and not PathTooLongException) or UnauthorizedAccessException ? StorageError : ProcessingError;

    /// <summary>
    /// True when <paramref name="exception"/> from an agent ends the whole run rather than failing that agent alone: bad
    /// input (an <see cref="AnalysisException"/>), cancellation, or running out of memory. The one rule of the three tools'
    /// agent loops (clean-my-data also ends on a failing local disk).
    /// </summary>
    public static bool EndsTheRun(Exception exception) =>
        exception is AnalysisException or OperationCanceledException || IsOutOfMemory(exception);

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
