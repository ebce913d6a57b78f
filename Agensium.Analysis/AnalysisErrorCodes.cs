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

    /// <summary>
    /// The code of an unexpected exception a tool ends with: STORAGE_ERROR for the local file system, else PROCESSING_ERROR
    /// (a path too long comes from the name of the file given, not from the disk).
    /// </summary>
    public static string Of(Exception exception) =>
        exception is (IOException and not PathTooLongException) or UnauthorizedAccessException ? StorageError : ProcessingError;
}
