namespace Agensium.Analysis.Input;

/// <summary>
/// Marks the failures of the local file system met while a run writes its own files and folders (no space left on the
/// device, a read-only file system, permission refused, the folder removed), so that its caller tells them from the
/// failures of what it reads: an IOException of a reading may be a damaged file or a broken connection, a marked one is
/// the local disk's (STORAGE_ERROR). The exception passes unchanged (its own type, message and trace); only its
/// <see cref="Exception.Data"/> carries the mark. <see cref="LocalWriteStream"/> marks a file's failures.
/// </summary>
public static class LocalWrite
{
    private const string Marker = "Agensium.LocalWrite";

    /// <summary>True when <paramref name="exception"/>, or one it wraps, is a marked failure of a local write.</summary>
    public static bool IsItsFailure(Exception exception) => FailureIn(exception) is not null;

    /// <summary>The marked failure of a local write that <paramref name="exception"/> is or wraps (its message names the path), or null.</summary>
    public static Exception? FailureIn(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e.Data.Contains(Marker))
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>Creates the folder <paramref name="path"/> and its parents, as <see cref="Directory.CreateDirectory(string)"/> does, its failure marked.</summary>
    public static DirectoryInfo CreateDirectory(string path)
    {
        try
        {
            return Directory.CreateDirectory(path);
        }
        catch (Exception e) when (Mark(e))
        {
            throw; // not reached: Mark is false
        }
    }

    /// <summary>
    /// Creates (or truncates) the file <paramref name="path"/> for writing, as <c>new FileStream(path, FileMode.Create,
    /// FileAccess.Write, share)</c> does, its failure marked: a read-only file system or a refused permission fails here.
    /// </summary>
    public static FileStream CreateFile(string path, FileShare share = FileShare.None, int bufferSize = 4096)
    {
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, share, bufferSize);
        }
        catch (Exception e) when (Mark(e))
        {
            throw; // not reached: Mark is false
        }
    }

    /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/>, as <see cref="File.Move(string, string, bool)"/> does, its failure marked.</summary>
    public static void Move(string source, string destination, bool overwrite)
    {
        try
        {
            File.Move(source, destination, overwrite);
        }
        catch (Exception e) when (Mark(e))
        {
            throw; // not reached: Mark is false
        }
    }

    /// <summary>
    /// Marks a failure of the file system (<see cref="IOException"/>, <see cref="UnauthorizedAccessException"/>) as a
    /// local write's; false, so that an exception filter lets it pass unchanged.
    /// </summary>
    internal static bool Mark(Exception e)
    {
        if (e is IOException or UnauthorizedAccessException)
        {
            e.Data[Marker] = true;
        }

        return false;
    }
}
