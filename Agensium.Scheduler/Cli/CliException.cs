namespace Agensium.Scheduler.Cli;

/// <summary>A refusal to show the operator as one line (exit code 1 unless said), not as a stack trace.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>The refusal of a data file given on the command line that is not there: a folder, or nothing at all.</summary>
    public static CliException NoSuchFile(FileInfo file) => new(Directory.Exists(file.FullName)
        ? $"{file.FullName} is a folder; give the data files themselves."
        : $"{file.FullName} does not exist.");
}
