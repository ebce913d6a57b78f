using Agensium.Analysis.Input;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// One job run's scratch folder under the node's folder (<see cref="NodeWorkFolder.ForRun"/>): <c>inputs</c> for what is
/// downloaded, <c>outputs</c> for what the tool writes. Made with one <c>mkdir</c> each and removed with one <c>rmdir</c>
/// each when the run left them empty; anything left in them (downloaded inputs, outputs, a tool's stray files) is removed
/// by a recursive delete, which does not follow links. A recursive delete of the usual empty folder read each of the three
/// folders' entries first (19 system calls instead of 3), and creating <c>inputs</c> before its parent failed once first:
/// about a tenth of a busy node's CPU went to a no-op job's folder (docs/benchmarks.md).
/// </summary>
public sealed class RunFolder
{
    private RunFolder(string path)
    {
        Path = path;
        Inputs = System.IO.Path.Combine(path, "inputs");
        Outputs = System.IO.Path.Combine(path, "outputs");
    }

    /// <summary>The run's folder.</summary>
    public string Path { get; }

    /// <summary>Where the run's inputs are downloaded.</summary>
    public string Inputs { get; }

    /// <summary>Where the tool writes its outputs.</summary>
    public string Outputs { get; }

    /// <summary>The run's folder at <paramref name="path"/>, not yet created (<see cref="Create"/>).</summary>
    public static RunFolder At(string path) => new(System.IO.Path.GetFullPath(path));

    /// <summary>
    /// Creates the run's folder (and its parents, should they be missing) with its inputs and outputs. Each failure is
    /// marked as a write to the node's own disk (<see cref="LocalWrite"/>), as the downloaded files' are: a work folder
    /// that cannot be written (read-only, refused, removed) ends the run STORAGE_ERROR, final (RunFailure); its EROFS, a
    /// plain IOException, read as a broken connection and was retried, a refusal was INTERNAL_ERROR (s44 review).
    /// </summary>
    public void Create()
    {
        LocalWrite.CreateDirectory(Path);
        LocalWrite.CreateDirectory(Inputs);
        LocalWrite.CreateDirectory(Outputs);
    }

    /// <summary>
    /// Removes the run's folder and whatever is in it. Never throws for the file system: a folder that cannot be removed is
    /// left for the OS temp cleaner or the work-folder sweep; a job never fails over its scratch folder.
    /// </summary>
    public void Remove()
    {
        try
        {
            // The usual end of a run that left nothing behind: three empty folders. A folder that is not empty (or not
            // a folder, or gone) throws, and the recursive delete below takes whatever is there.
            Directory.Delete(Inputs);
            Directory.Delete(Outputs);
            Directory.Delete(Path);
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the OS temp cleaner or the sweep.
        }
    }
}
