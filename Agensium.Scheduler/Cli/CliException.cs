namespace Agensium.Scheduler.Cli;

/// <summary>A refusal to show the operator as one line (exit code 1), not as a stack trace.</summary>
public sealed class CliException(string message) : Exception(message);
