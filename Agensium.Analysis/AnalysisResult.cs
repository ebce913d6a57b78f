namespace Agensium.Analysis;

/// <summary>Outcome of a tool run. A failed run carries an error code from AGENSIUM.md's list (or one of <see cref="AnalysisErrorCodes"/>) and writes no outputs.</summary>
public sealed record AnalysisResult(
    bool Succeeded,
    string? ErrorCode,
    string? ErrorMessage,
    IReadOnlyList<OutputFile> Outputs,
    long ExecutionTimeMs)
{
    public static AnalysisResult Success(IReadOnlyList<OutputFile> outputs, long executionTimeMs) =>
        new(true, null, null, outputs, executionTimeMs);

    public static AnalysisResult Failure(string errorCode, string message, long executionTimeMs) =>
        new(false, errorCode, message, [], executionTimeMs);
}
