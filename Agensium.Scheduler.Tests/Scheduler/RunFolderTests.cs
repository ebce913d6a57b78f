using Agensium.Scheduler.Jobs;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// A job run's scratch folder: removed with three rmdir calls when the run left it empty, by a recursive delete otherwise.
/// The fast path must never leave files behind nor reach outside the folder through a link.
/// </summary>
[TestClass]
public sealed class RunFolderTests
{
    private string _dir = null!;

    [TestInitialize]
    public void Init() => _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "agensium-run-" + Guid.NewGuid().ToString("N"))).FullName;

    [TestCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [TestMethod]
    public void Create_ShouldMakeTheRunFolderWithItsInputsAndOutputs_AlsoWhenItsParentIsMissing()
    {
        var folder = Created(Path.Combine(_dir, "node-gone", "fire-1"));

        Assert.IsTrue(Directory.Exists(folder.Inputs), "inputs");
        Assert.IsTrue(Directory.Exists(folder.Outputs), "outputs");
        Assert.AreEqual(Path.Combine(_dir, "node-gone", "fire-1"), folder.Path);
        Assert.AreEqual(Path.Combine(folder.Path, "inputs"), folder.Inputs);
        Assert.AreEqual(Path.Combine(folder.Path, "outputs"), folder.Outputs);
    }

    [TestMethod]
    public void Remove_ShouldLeaveNothing_WhenTheRunWroteNothing()
    {
        var folder = Created(Path.Combine(_dir, "fire-1"));

        folder.Remove();

        Assert.IsFalse(Directory.Exists(folder.Path));
        Assert.AreEqual(0, Directory.GetFileSystemEntries(_dir).Length);
    }

    [TestMethod]
    [DataRow("inputs")]
    [DataRow("outputs")]
    [DataRow("")]
    public void Remove_ShouldLeaveNothing_WhenTheRunLeftFilesAndFolders(string where)
    {
        var folder = Created(Path.Combine(_dir, "fire-1"));
        var nested = Directory.CreateDirectory(Path.Combine(folder.Path, where, "sub", "deeper")).FullName;
        File.WriteAllText(Path.Combine(nested, "left.csv"), "a,b\n");
        File.WriteAllText(Path.Combine(folder.Path, where, "top.csv"), "a,b\n");

        folder.Remove();

        Assert.IsFalse(Directory.Exists(folder.Path), $"files left in '{where}' are removed with the folder");
    }

    [TestMethod]
    public void Remove_ShouldLeaveNothing_WhenTheToolRemovedItsOutputsFolder()
    {
        var folder = Created(Path.Combine(_dir, "fire-1"));
        Directory.Delete(folder.Outputs);
        File.WriteAllText(Path.Combine(folder.Inputs, "data.csv"), "a\n");

        folder.Remove();

        Assert.IsFalse(Directory.Exists(folder.Path));
    }

    [TestMethod]
    public void Remove_ShouldNotThrow_WhenTheFolderIsAlreadyGone()
    {
        var folder = Created(Path.Combine(_dir, "fire-1"));
        Directory.Delete(folder.Path, recursive: true);

        folder.Remove();

        Assert.IsFalse(Directory.Exists(folder.Path));
    }

    [TestMethod]
    public void Remove_ShouldNotFollowALinkOutOfTheFolder()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_dir, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "keep.csv"), "a\n");
        var folder = Created(Path.Combine(_dir, "fire-1"));
        // A tool that replaced its outputs folder by a link, and one that left a link inside its inputs.
        Directory.Delete(folder.Outputs);
        Directory.CreateSymbolicLink(folder.Outputs, outside);
        Directory.CreateSymbolicLink(Path.Combine(folder.Inputs, "elsewhere"), outside);

        folder.Remove();

        Assert.IsFalse(Directory.Exists(folder.Path), "the run's folder is gone");
        Assert.IsTrue(File.Exists(Path.Combine(outside, "keep.csv")), "what the links point at is kept");
    }

    [TestMethod]
    public void Create_ShouldMarkItsFailureAsTheNodesOwnDisk_AndRemoveShouldNotThrow()
    {
        // A file where the run's folder should be: the node's disk refuses, which ends the run STORAGE_ERROR (RunFailure).
        var blocked = Path.Combine(_dir, "blocked");
        File.WriteAllText(blocked, "x");
        var folder = RunFolder.At(Path.Combine(blocked, "fire-1"));
        var refused = Assert.Throws<IOException>(folder.Create);
        Assert.IsTrue(Agensium.Analysis.Input.LocalWrite.IsItsFailure(refused), refused.ToString());
        folder.Remove();
        Assert.IsTrue(File.Exists(blocked), "nothing but the run's folder is removed");
    }

    private static RunFolder Created(string path)
    {
        var folder = RunFolder.At(path);
        folder.Create();
        return folder;
    }
}
