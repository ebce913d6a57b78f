namespace Agensium.Scheduler.Cli;

/// <summary>
/// An --out folder (analyze, download, submit/status --wait --out), created when missing and tried with a file before
/// anything runs: one the system refuses (/proc/x, a path through a regular file, a folder the user may not write) is
/// OUTPUT_NOT_WRITABLE naming it, at once and the same for every command, not an I/O message about some report file
/// after the whole analysis (analyze said INVALID_ARGUMENTS, download OUTPUT_NOT_WRITABLE).
/// </summary>
public static class OutputFolder
{
    /// <summary>The error code of an --out that cannot be written (README, Command line).</summary>
    public const string NotWritable = "OUTPUT_NOT_WRITABLE";

    /// <summary>Creates <paramref name="path"/> if needed, checks a file can be written in it, and returns its full path.</summary>
    /// <exception cref="CliException">OUTPUT_NOT_WRITABLE.</exception>
    public static string Prepare(string path)
    {
        try
        {
            string folder = Directory.CreateDirectory(path).FullName;
            string probe = Path.Combine(folder, $".agensium-write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Refused(path, e);
        }
    }

    /// <summary>The refusal of <paramref name="path"/> as the output folder for <paramref name="e"/>.</summary>
    public static CliException Refused(string path, Exception e)
    {
        // A path through a regular file: .NET says "Could not find a part of the path"; say what is in the way.
        string? blocker = FileInTheWay(path);
        string reason = blocker is null ? e.Message.TrimEnd('.') : $"{blocker} is a file, not a folder";
        return new CliException($"Cannot use {path} as the output folder (--out): {reason}.") { ErrorCode = NotWritable };
    }

    private static string? FileInTheWay(string path)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(path)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(dir.FullName))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
