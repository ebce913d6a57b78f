using System.Diagnostics;

namespace Agensium.Scheduler.Tests;

/// <summary>
/// A folder on a tmpfs of its own, a few KiB or MiB, to fill the way a full disk fills (writes refused with ENOSPC), or to
/// make read-only (EROFS).
/// Mounting needs root (CI runs as root); where it is not permitted, or off Linux, the test is inconclusive.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    /// <summary>The mounted folder.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (mount's form: "4k", "1m") on a new temporary folder.</summary>
    public static SmallDisk Mount(string size)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("mounts a tmpfs (Linux)");
        }
        var path = Directory.CreateTempSubdirectory("agensium-small-disk-").FullName;
        var (mounted, why) = Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
        if (!mounted)
        {
            Directory.Delete(path);
            Assert.Inconclusive($"mounting a {size} tmpfs is not permitted here ({why.Trim()}): run as root to check a full disk");
        }
        return new SmallDisk(path);
    }

    /// <summary>
    /// Remounts the disk read-only, as a file system the kernel turned read-only after an error, or an operator's mistake:
    /// every write is refused with EROFS, whatever the user (root included, whom permissions never stop).
    /// </summary>
    public void MakeReadOnly()
    {
        var (ok, why) = Run("mount", "-o", "remount,ro", Path);
        if (!ok)
        {
            Assert.Inconclusive($"remounting a tmpfs read-only is not permitted here ({why.Trim()})");
        }
    }

    /// <summary>The folder a node that works on this disk made for itself below it (<see cref="Jobs.NodeWorkFolder"/>).</summary>
    public string NodeFolder() =>
        Directory.GetDirectories(System.IO.Path.Combine(Path, Agensium.Scheduler.Jobs.NodeWorkFolder.RootName)).Single();

    /// <summary>
    /// Makes <paramref name="folder"/> (on this disk) read-only while files in it are held open for writing, which a
    /// remount refuses ("mount point is busy"): an empty read-only tmpfs is mounted over it, so that whatever is created
    /// there is refused with EROFS, while the handles already open keep working. Disposing the cover shows the folder as
    /// it was, with whatever got written to it meanwhile (nothing can).
    /// </summary>
    public IDisposable CoverReadOnly(string folder)
    {
        var (ok, why) = Run("mount", "-t", "tmpfs", "-o", "ro,size=4k", "tmpfs", folder);
        if (!ok)
        {
            Assert.Inconclusive($"mounting a read-only tmpfs is not permitted here ({why.Trim()})");
        }
        return new Cover(folder);
    }

    private sealed class Cover(string folder) : IDisposable
    {
        public void Dispose() => Run("umount", "-l", folder);
    }

    /// <summary>The files left on the disk, as paths relative to it.</summary>
    public List<string> Files(string? under = null) =>
        [.. Directory.EnumerateFiles(under ?? Path, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(Path, f))];

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static (bool Ok, string Error) Run(string command, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode == 0, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (false, e.Message);
        }
    }
}
