using Agensium.Scheduler.Worker;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// A full local disk is told from other I/O failures (which read as a broken connection). The Linux case is a real
/// ENOSPC: /dev/full refuses every write with it, as a full file system does.
/// </summary>
[TestClass]
public sealed class LocalDiskTests
{
    [TestMethod]
    public void ARealNoSpaceLeftOnDevice_ShouldBeAFullDisk()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/dev/full"))
        {
            Assert.Inconclusive("/dev/full (a device that answers every write with ENOSPC) is Linux's");
        }
        var full = Assert.Throws<IOException>(() =>
        {
            using var file = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            file.Write(new byte[4096]);
        });

        Assert.AreEqual(28, full.HResult, full.ToString());
        Assert.IsTrue(LocalDisk.IsFull(full));
        Assert.IsTrue(LocalDisk.IsFull(new InvalidOperationException("wrapped", full)), "also inside another exception");
        // Why it needs telling apart: a plain IOException otherwise reads as a dependency's broken stream.
        Assert.IsTrue(ExceptionClassifier.IsTransient(full));
    }

    [TestMethod]
    [DataRow(unchecked((int)0x80070070), DisplayName = "Windows ERROR_DISK_FULL (112)")]
    [DataRow(unchecked((int)0x80070027), DisplayName = "Windows ERROR_HANDLE_DISK_FULL (39)")]
    public void WindowsDiskFullErrors_ShouldBeAFullDisk(int hresult)
    {
        Assert.IsTrue(LocalDisk.IsFull(new IOException("There is not enough space on the disk.", hresult)));
    }

    [TestMethod]
    public void OtherIoFailures_ShouldNotBeAFullDisk()
    {
        Assert.IsFalse(LocalDisk.IsFull(new IOException("Connection reset by peer"))); // a broken stream: a dependency's
        Assert.IsFalse(LocalDisk.IsFull(new IOException("Input/output error", 5))); // EIO
        Assert.IsFalse(LocalDisk.IsFull(new FileNotFoundException("gone")));
        Assert.IsFalse(LocalDisk.IsFull(new UnauthorizedAccessException("refused")));
        Assert.IsFalse(LocalDisk.IsFull(new InvalidOperationException("28")));
    }
}
