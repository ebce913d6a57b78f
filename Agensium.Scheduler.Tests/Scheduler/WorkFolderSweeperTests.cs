using Agensium.Scheduler.Jobs;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// Work folders of nodes that are gone: a node killed (kill -9, past its stop grace) left each running job's inputs and
/// scratch files, 150–450 MB a fault, that nothing removed (outside probe of big inputs).
/// </summary>
[TestClass]
public sealed class WorkFolderSweeperTests
{
    private string _dir = null!;

    [TestInitialize]
    public void Init() => _dir = Path.Combine(Path.GetTempPath(), "agensium-sweep-" + Guid.NewGuid().ToString("N"));

    [TestCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private NodeWorkFolder Node() => new(Options.Create(new SchedulerOptions { WorkDirectory = _dir }));

    [TestMethod]
    public void Sweep_ShouldRemoveTheFoldersOfNodesThatAreGone_AndKeepTheLiveOnes()
    {
        var self = Node();
        var live = Node();
        // What a killed node leaves: its folder and lock file, the lock released with its process, its last heartbeat
        // older than StaleAfter.
        string goneFolder = Directory.CreateDirectory(Path.Combine(self.Root, "node-killed")).FullName;
        File.WriteAllBytes(Path.Combine(goneFolder, NodeWorkFolder.LockName), []);
        File.SetLastWriteTimeUtc(Path.Combine(goneFolder, NodeWorkFolder.LockName), DateTime.UtcNow - WorkFolderSweeper.StaleAfter - TimeSpan.FromMinutes(1));
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Path.Combine(goneFolder, "fire-1")).FullName, "input.csv"), new byte[4096]);
        // A free lock with a fresh heartbeat (a file system that does not pass locks on, or a node starting) is kept.
        string unlockedLive = Directory.CreateDirectory(Path.Combine(self.Root, "node-nolocks")).FullName;
        File.WriteAllBytes(Path.Combine(unlockedLive, NodeWorkFolder.LockName), []);
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(live.ForRun("fire-2")).FullName, "input.csv"), new byte[10]);
        // Job folders of the layout before node folders: one untouched for two days, one fresh.
        string oldJob = Directory.CreateDirectory(Path.Combine(self.Root, "old-fire")).FullName;
        Directory.SetLastWriteTimeUtc(oldJob, DateTime.UtcNow.AddDays(-2));
        string freshJob = Directory.CreateDirectory(Path.Combine(self.Root, "fresh-fire")).FullName;

        var (removed, bytes) = WorkFolderSweeper.Sweep(self.Root, self.Path, DateTime.UtcNow);

        Assert.AreEqual(2, removed);
        Assert.IsGreaterThanOrEqualTo(4096L, bytes);
        Assert.IsFalse(Directory.Exists(goneFolder));
        Assert.IsFalse(Directory.Exists(oldJob));
        Assert.IsTrue(Directory.Exists(freshJob));
        Assert.IsTrue(Directory.Exists(unlockedLive));
        Assert.IsTrue(File.Exists(Path.Combine(live.ForRun("fire-2"), "input.csv")), "a running node's folder is kept");
        Assert.IsTrue(Directory.Exists(self.Path));
        live.Dispose();
        Assert.IsTrue(Directory.Exists(live.ForRun("fire-2")), "a node stopped with a job's files left keeps them for the sweep");
        self.Dispose();
        Assert.IsFalse(Directory.Exists(self.Path), "a node that stops with nothing left removes its own folder");
    }

    [TestMethod]
    public void Heartbeat_ShouldRenewTheLockFilesTime_WhileTheLockIsHeld()
    {
        using var node = Node();
        string lockPath = Path.Combine(node.Path, NodeWorkFolder.LockName);
        File.SetLastWriteTimeUtc(lockPath, DateTime.UtcNow.AddHours(-1));

        node.Heartbeat();

        Assert.IsLessThan(TimeSpan.FromMinutes(1), DateTime.UtcNow - File.GetLastWriteTimeUtc(lockPath));
        Assert.AreEqual(0, WorkFolderSweeper.Sweep(node.Root, Path.Combine(node.Root, "other"), DateTime.UtcNow.AddMinutes(5)).Removed,
            "a live node's folder is kept: its heartbeat is recent and its lock held");
    }

    [TestMethod]
    public void NewSpool_ShouldBeInTheNodesFolder()
    {
        using var node = Node();

        Assert.AreEqual(node.Path, Path.GetDirectoryName(node.NewSpool()));
        StringAssert.StartsWith(node.Path, Path.Combine(_dir, NodeWorkFolder.RootName));
    }
}
