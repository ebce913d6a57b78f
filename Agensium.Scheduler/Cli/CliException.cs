namespace Agensium.Scheduler.Cli;

/// <summary>A refusal to show the operator as one line (exit code 1 unless said), not as a stack trace.</summary>
public sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>
    /// The error code a script reads with --json: the task error code of a failed analysis, the API's error_code of a
    /// refused request; null for a refusal of the command line itself (INVALID_ARGUMENTS).
    /// </summary>
    public string? ErrorCode { get; init; }

    /// <summary>The message without the codes the one-line form starts with, for --json's message field.</summary>
    public string? Reason { get; init; }

    /// <summary>The refusal of a data file given on the command line that is not there: a folder, or nothing at all.</summary>
    public static CliException NoSuchFile(FileInfo file) => new(Directory.Exists(file.FullName)
        ? $"{file.FullName} is a folder; give the data files themselves."
        : $"{file.FullName} does not exist.");

    /// <summary>
    /// The refusal of a --params that is not a file: a folder ("does not exist" before, of a folder that does), or nothing at all.
    /// </summary>
    public static CliException NoSuchParametersFile(FileInfo file) => new(Directory.Exists(file.FullName)
        ? $"{file.FullName} is a folder; give --params the parameters file itself (parameters.json)."
        : $"{file.FullName} does not exist.");
}
