using Agensium.Analysis.Input;
using Agensium.Scheduler.Worker;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// A full local disk, or a work folder that cannot be written, is told from other I/O failures (which read as a broken
/// connection), and ends a run STORAGE_ERROR. The Linux cases are real: /dev/full refuses every write with ENOSPC, as a
/// full file system does; a tmpfs remounted read-only refuses them with EROFS (<see cref="SmallDisk"/>).
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

    [TestMethod]
    public void AReadOnlyWorkFolder_ShouldEndARunWithStorageError_NotBeRetriedAsABrokenConnection()
    {
        // s44 review: EROFS is a plain IOException, which read as a broken connection: a job whose work folder was on a
        // file system turned read-only was retried as TRANSIENT_ERROR. Its folder creation and files are marked as local.
        using var disk = SmallDisk.Mount("1m");
        disk.MakeReadOnly();

        var folder = Assert.Throws<IOException>(() => LocalWrite.CreateDirectory(Path.Combine(disk.Path, "run", "inputs")));
        var file = Assert.Throws<IOException>(() => LocalWriteStream.Create(Path.Combine(disk.Path, "data.csv")).Dispose());

        foreach (var readOnly in new[] { folder, file })
        {
            Assert.AreEqual(30, readOnly.HResult, readOnly.ToString()); // EROFS, as the OS said it
            Assert.IsFalse(ExceptionClassifier.IsTransient(readOnly));
            Assert.AreEqual(("STORAGE_ERROR", false), RunFailure.Of(readOnly));
            StringAssert.StartsWith(RunFailure.MessageOf(readOnly),
                "The local work folder of the node that ran the task could not be written (Read-only file system");
            StringAssert.Contains(RunFailure.MessageOf(readOnly), "nothing it wrote was kept");
        }
        Assert.AreEqual(("STORAGE_ERROR", false), RunFailure.Of(new InvalidOperationException("wrapped", folder)), "also inside another exception");
    }

    [TestMethod]
    public async Task WritesOfARunThatWereNotMarked_ShouldEndItWithStorageError_OnAReadOnlyDisk()
    {
        // s46 review: the job's own writes outside LocalWrite (a tool's outputs: reports, the cleaned and master CSVs,
        // the workbook, a converted JSON, the drill tool's result) failed on a read-only disk with a plain IOException,
        // read as a broken connection when it escaped the tool: TRANSIENT_ERROR, retried. They are marked now.
        using var disk = SmallDisk.Mount("1m");
        var input = Path.Combine(Path.GetTempPath(), $"fault-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(input, "ok\n", TestContext.CancellationToken);
        try
        {
            disk.MakeReadOnly();
            var tool = new FaultInjectionTool();
            var escaped = await Assert.ThrowsAsync<IOException>(() => tool.RunAsync(
                new Agensium.Analysis.AnalysisRequest("t-1", [new Agensium.Analysis.InputFile("data.csv", input)], ["fault"], disk.Path), null, TestContext.CancellationToken));
            var report = Assert.Throws<IOException>(() => Agensium.Analysis.Reporting.ReportFileWriter.Write(disk.Path, "report.json", new System.Text.Json.Nodes.JsonObject()));
            var master = Assert.Throws<IOException>(() => Agensium.Analysis.Master.MasterCsvWriter.Write(
                new Agensium.Analysis.Master.MasterTable([], [], 0), Path.Combine(disk.Path, "master.csv")));

            foreach (var readOnly in new[] { escaped, report, master })
            {
                Assert.AreEqual(30, readOnly.HResult, readOnly.ToString()); // EROFS
                Assert.AreEqual(("STORAGE_ERROR", false), RunFailure.Of(readOnly), readOnly.ToString());
                StringAssert.StartsWith(RunFailure.MessageOf(readOnly),
                    "The local work folder of the node that ran the task could not be written (Read-only file system");
            }
        }
        finally
        {
            File.Delete(input);
        }
    }

    [TestMethod]
    public void APermissionRefusedByAWriteThatIsNotMarked_ShouldEndARunWithStorageError_NotInternalError()
    {
        // A refusal (EACCES; as root, a folder where the file should be) met outside the marked writes was INTERNAL_ERROR:
        // only the local file system throws UnauthorizedAccessException on a job's path.
        var folder = Directory.CreateTempSubdirectory("agensium-refused-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "result.json"));
            var refused = Assert.Throws<UnauthorizedAccessException>(() => File.WriteAllText(Path.Combine(folder, "result.json"), "{}"));

            Assert.IsFalse(ExceptionClassifier.IsTransient(refused));
            Assert.AreEqual(("STORAGE_ERROR", false), RunFailure.Of(refused));
            Assert.AreEqual(("STORAGE_ERROR", false), RunFailure.Of(new InvalidOperationException("wrapped", refused)), "also inside another exception");
            StringAssert.StartsWith(RunFailure.MessageOf(refused), "The local work folder of the node that ran the task could not be written (Access to the path");
            Assert.IsFalse(LocalDisk.IsUnwritable(refused), "the API answers 507 only for its marked writes; an unexpected refusal there stays a 500");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void ARemovedOrRefusedWorkFolder_ShouldEndARunWithStorageError_NotInternalError()
    {
        // A folder removed under the run (DirectoryNotFoundException) or refused (UnauthorizedAccessException) was
        // INTERNAL_ERROR, "an unexpected error in the service".
        var gone = Path.Combine(Path.GetTempPath(), "agensium-removed-" + Guid.NewGuid().ToString("N"), "inputs");
        var removed = Assert.Throws<DirectoryNotFoundException>(() => LocalWriteStream.Create(Path.Combine(gone, "data.csv")).Dispose());
        Assert.AreEqual(("STORAGE_ERROR", false), RunFailure.Of(removed));
        StringAssert.StartsWith(RunFailure.MessageOf(removed), "The local work folder of the node that ran the task could not be written (Could not find a part of the path");

        // Root is not refused by permissions on a disk, but sysfs refuses every new file with EACCES, root's too.
        if (OperatingSystem.IsLinux() && Directory.Exists("/sys/kernel"))
        {
            string sys = "/sys/agensium-" + Guid.NewGuid().ToString("N");
            var refused = Assert.Throws<UnauthorizedAccessException>(() => LocalWriteStream.Create(sys).Dispose());
            Assert.AreEqual(("STORAGE_ERROR", false), RunFailure.Of(refused));
            StringAssert.StartsWith(RunFailure.MessageOf(refused), "The local work folder of the node that ran the task could not be written (Access to the path");
        }
    }

    [TestMethod]
    public async Task ABrokenReadOfWhatIsDownloaded_ShouldStayTransient_WhileTheWritesFailureIsTheDisks()
    {
        // A download copies S3's answer into a LocalWriteStream: a failure of the reading side is the network's (retried),
        // a failure of the writing side the node's disk (final).
        var ct = TestContext.CancellationToken;
        var path = Path.Combine(Path.GetTempPath(), "agensium-download-" + Guid.NewGuid().ToString("N"));
        try
        {
            var broken = await Assert.ThrowsAsync<IOException>(async () =>
            {
                await using var file = LocalWriteStream.Create(path);
                await new BrokenAfterSomeBytes().CopyToAsync(file, ct);
            });
            Assert.IsFalse(LocalDisk.Failed(broken), broken.ToString());
            Assert.AreEqual(("TRANSIENT_ERROR", true), RunFailure.Of(broken));
        }
        finally
        {
            File.Delete(path);
        }

        if (OperatingSystem.IsLinux() && File.Exists("/dev/full"))
        {
            var full = await Assert.ThrowsAsync<IOException>(async () =>
            {
                await using var file = LocalWriteStream.Create("/dev/full");
                await new MemoryStream(new byte[1 << 16]).CopyToAsync(file, ct);
            });
            Assert.AreEqual(("STORAGE_ERROR", false), RunFailure.Of(full));
            StringAssert.StartsWith(RunFailure.MessageOf(full), "The local disk of the node that ran the task is full (No space left on device");
        }
    }

    public TestContext TestContext { get; set; } = null!;

    // A response body whose connection breaks after its first bytes.
    private sealed class BrokenAfterSomeBytes : Stream
    {
        private int _reads;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _reads++ == 0
            ? Math.Min(count, 100)
            : throw new IOException("Unable to read data from the transport connection: Connection reset by peer.");

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
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
