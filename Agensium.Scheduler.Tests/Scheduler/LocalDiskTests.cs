using Agensium.Scheduler.Worker;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// A full local disk is told from other I/O failures (which read as a broken connection), and ends a run STORAGE_ERROR. The Linux case is a real
/// ENOSPC: /dev/full refuses every write with it, as a full file system does.
/// </summary>
[TestClass]
public sealed class LocalDiskTests
{
    [TestMethod]
    public void ARealNoSpaceLeftOnDevice_ShouldBeAFullDisk()
    {
        var full = NoSpaceLeftOnDevice();

        Assert.AreEqual(28, full.HResult, full.ToString());
        Assert.IsTrue(LocalDisk.IsFull(full));
        Assert.IsTrue(LocalDisk.IsFull(new InvalidOperationException("wrapped", full)), "also inside another exception");
    }

    [TestMethod]
    public void AFullDisk_ShouldEndARunWithStorageError_NotBeRetriedAsABrokenConnection()
    {
        // A plain IOException reads as a dependency's broken stream: a job whose inputs filled the node's disk was
        // retried as TRANSIENT_ERROR (s44 review), where README says a disk that fills during an analysis is STORAGE_ERROR.
        var full = NoSpaceLeftOnDevice();

        Assert.IsFalse(ExceptionClassifier.IsTransient(full));
        Assert.IsFalse(ExceptionClassifier.IsTransient(new InvalidOperationException("wrapped", full)));
        Assert.AreEqual(("STORAGE_ERROR", false), RunFailure.Of(full));
        StringAssert.StartsWith(RunFailure.MessageOf(full), "The local disk of the node that ran the task is full (No space left on device");
        // A broken connection is still retried, and anything else is the service's own fault.
        Assert.AreEqual(("TRANSIENT_ERROR", true), RunFailure.Of(new IOException("Connection reset by peer")));
        Assert.AreEqual(("INTERNAL_ERROR", false), RunFailure.Of(new InvalidOperationException("a bug")));
    }

    private static IOException NoSpaceLeftOnDevice()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/dev/full"))
        {
            Assert.Inconclusive("/dev/full (a device that answers every write with ENOSPC) is Linux's");
        }
        return Assert.Throws<IOException>(() =>
        {
            using var file = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            file.Write(new byte[4096]);
        });
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
