namespace Agensium.Scheduler.Cli;

/// <summary>A refusal to show the operator as one line (exit code 1 unless said), not as a stack trace.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
