namespace Agensium.Analysis.Profile;

/// <summary>
/// An agent that cannot run on this task's inputs (e.g. drift-detector without a baseline). The tool records it as a
/// failed agent in metadata.failed_agents; unlike <see cref="AnalysisException"/> it never fails the task.
/// </summary>
/// <remarks>
/// Bad task input (an unreadable primary file, invalid parameters) still throws <see cref="AnalysisException"/> and
/// fails the task; this exception is for inputs only one agent depends on.
/// </remarks>
public sealed class AgentRunException : Exception
{
    /// <summary>An agent error with its code and message.</summary>
    public AgentRunException(string errorCode, string message)
        : base(message) => ErrorCode = errorCode;

    /// <summary>An agent error caused by <paramref name="inner"/> (e.g. an unreadable baseline file).</summary>
    public AgentRunException(string errorCode, string message, Exception inner)
        : base(message, inner) => ErrorCode = errorCode;

    /// <summary>Error code recorded in metadata.failed_agents.</summary>
    public string ErrorCode { get; }
}
