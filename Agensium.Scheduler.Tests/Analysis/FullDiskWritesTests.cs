using Agensium.Analysis;
using Agensium.Analysis.Input;
using Agensium.Scheduler.Tests.Integration;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// What a run writes to its local folder onto a full disk (a 4 KiB tmpfs, <see cref="SmallDisk"/>): a workbook's or a JSON
/// file's CSV, the reports. Each is the local disk's failure, STORAGE_ERROR, and leaves nothing half-written. An XLSX
/// converted onto a full disk was reported INVALID_INPUT_FILE, "not a readable XLSX workbook … damaged" (s44 review):
/// the converter took the CSV's write failure for the package's.
/// </summary>
[TestClass]
public sealed class FullDiskWritesTests
{
    private const string Workbook = "master_my_data.xlsx"; // a valid workbook whose CSV is over 4 KiB

    private AnalysisTestSupport _files = null!;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Ct => TestContext.CancellationToken;

    [TestInitialize]
    public void Init() => _files = new AnalysisTestSupport();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    public void XlsxConvertedOntoAFullDisk_ShouldThrowTheDisksFailure_AndLeaveNoCsv()
    {
        var workbook = _files.AddBytes(Workbook, TestFiles.Sample(Workbook));
        using var disk = SmallDisk.Mount("4k");

        var failure = Assert.Throws<IOException>(() => XlsxToCsv.Convert(workbook, Path.Combine(disk.Path, "book.csv")));

        Assert.AreEqual(28, failure.HResult, failure.ToString()); // ENOSPC, as the OS said it
        Assert.IsTrue(AnalysisErrorCodes.IsStorageFailure(failure));
        Assert.IsEmpty(disk.Files(), "the part of the CSV written is removed");
        // The same workbook converts where there is room: it was never the workbook's fault.
        var room = XlsxToCsv.Convert(workbook, Path.Combine(_files.Root, "book.csv"));
        Assert.IsGreaterThan(4096L, new FileInfo(room.Path).Length);
    }

    [TestMethod]
    public async Task AnXlsxInput_ShouldFailTheRunWithStorageError_WhenItsConversionFillsTheDisk()
    {
        _files.AddBytes(Workbook, TestFiles.Sample(Workbook));
        using var disk = SmallDisk.Mount("4k");

        var result = await _files.Tool.RunAsync(new AnalysisRequest("task-1", _files.Inputs, null, disk.Path), null, Ct);

        Assert.AreEqual(AnalysisErrorCodes.StorageError, result.ErrorCode, result.ErrorMessage);
        StringAssert.Contains(result.ErrorMessage, "No space left on device");
        Assert.IsEmpty(disk.Files());
    }

    [TestMethod]
    public void JsonConvertedOntoAFullDisk_ShouldThrowTheDisksFailure_AndLeaveNoCsv()
    {
        var records = string.Join(",\n", Enumerable.Range(0, 400).Select(i => $$"""{"id": {{i}}, "name": "name number {{i}}"}"""));
        var json = _files.AddText("data.json", $"[{records}]");
        using var disk = SmallDisk.Mount("4k");

        var failure = Assert.Throws<IOException>(() => JsonToCsv.Convert(json, Path.Combine(disk.Path, "data.csv")));

        Assert.AreEqual(28, failure.HResult, failure.ToString());
        Assert.IsEmpty(disk.Files(), "the part of the CSV written is removed");
    }

    [TestMethod]
    public async Task ReportsWrittenOntoAFullDisk_ShouldFailTheRunWithStorageError_AndLeaveNoReport()
    {
        // The output spool: a CSV input read where it lies, its reports written onto the full disk.
        _files.AddText("data.csv", string.Concat(Enumerable.Range(0, 300).Select(i => $"{i},name {i},{i % 7}\n").Prepend("id,name,group\n")));
        using var disk = SmallDisk.Mount("4k");

        var result = await _files.Tool.RunAsync(new AnalysisRequest("task-1", _files.Inputs, null, disk.Path), null, Ct);

        Assert.AreEqual(AnalysisErrorCodes.StorageError, result.ErrorCode, result.ErrorMessage);
        Assert.IsEmpty(disk.Files(), "no report, whole or in part");
    }
}
