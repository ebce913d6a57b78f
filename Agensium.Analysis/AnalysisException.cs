namespace Agensium.Analysis;

/// <summary>A run that cannot go on because of its input (bad file, bad parameters); never retried.</summary>
public sealed class AnalysisException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;
}
