using System.Text;
using Agensium.Analysis;
using Agensium.Analysis.Clean;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

[TestClass]
public sealed class CleanMyDataToolInputTests
{
    private CleanTestFiles _files = null!;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Ct => TestContext.CancellationToken;

    [TestInitialize]
    public void Init() => _files = new CleanTestFiles();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    [DataRow("")]
    [DataRow("a,b\n")]
    [DataRow("a,b\n\0\0\u0001binary")]
    public async Task RunAsync_ShouldFailWithInvalidInputFile_WhenPrimaryIsEmptyHeaderOnlyOrBinary(string content)
    {
        _files.AddText("data.csv", content);

        var result = await _files.RunToolAsync(Ct);

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, result.ErrorCode);
        Assert.IsEmpty(result.Outputs);
        Assert.IsEmpty(Directory.GetFileSystemEntries(_files.OutputDir));
    }

    [TestMethod]
    public async Task RunAsync_ShouldAlertThatNotesBelowTheTableWereLeftOut()
    {
        // Review: clean-my-data (and master-my-data) said it only in the metadata, while the cleaned file lacked the line.
        _files.AddText("data.csv", "id,name,country\n1,Ann,FR\n2,Bob,DE\n3,Cy,IT\nTotal: 3 customers\n");

        var report = await _files.RunReportAsync(Ct);

        var alerts = report["alerts"]!.AsArray().Where(a => ((string?)a!["alert_id"])!.Contains("footer_lines_skipped", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, alerts);
        StringAssert.Contains((string?)alerts[0]!["message"], "'Total: 3 customers'");
        Assert.AreEqual("medium", (string?)alerts[0]!["severity"]);
    }

    [TestMethod]
    [DataRow("{not json", "INVALID_PARAMETERS")]
    [DataRow("{\"drift-detector\":{}}", "UNKNOWN_AGENT")]
    [DataRow("{\"outlier-remover\":{\"method\":\"mad\"}}", "INVALID_PARAMETERS")]
    public async Task RunAsync_ShouldFailWithParameterError_WhenParametersJsonIsBad(string json, string code)
    {
        _files.AddText("data.csv", "a,b\n1,2\n");
        _files.AddText("parameters.json", json);

        var result = await _files.RunToolAsync(Ct);

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(code, result.ErrorCode);
        Assert.IsEmpty(Directory.GetFileSystemEntries(_files.OutputDir));
    }

    [TestMethod]
    [DataRow("{\"field-standardization\":{\"case_strategy\":\"upper\"}}", "field-standardization.case_strategy")]
    [DataRow("{\"outlier-remover\":{\"excellent_threshold\":50,\"good_threshold\":80}}", "outlier-remover.good_threshold")]
    public async Task RunAsync_ShouldRefuseALaterAgentsBadParameter_BeforeTheFirstAgentRuns(string json, string named)
    {
        // field-standardization is the fourth agent: the task failed at progress 45, after three agents' work.
        _files.AddText("data.csv", "a,b\n1,2\n");
        _files.AddText("parameters.json", json);
        var progress = new RecordingProgress();

        var result = await _files.RunToolAsync(Ct, progress: progress);

        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, result.ErrorCode, result.ErrorMessage);
        StringAssert.Contains(result.ErrorMessage, named);
        Assert.IsEmpty(progress.Reports, string.Join(", ", progress.Reports.Select(r => $"{r.Progress} {r.CurrentAgent}")));
    }

    [TestMethod]
    public async Task RunAsync_ShouldIgnoreABaselineItCannotRead_AsItIgnoresEveryBaseline()
    {
        _files.AddText("data.csv", "a,b\n1,2\n");
        _files.AddText("baseline_notes.pdf", "not data");

        var result = await _files.RunToolAsync(Ct);

        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
    }

    [TestMethod]
    public async Task RunAsync_ShouldFailOnlyThatAgent_WhenKeyColumnIsMissing()
    {
        _files.AddText("data.csv", "a,b\n1,2\n1,2\n");
        _files.AddText("parameters.json", "{\"duplicate-resolver\":{\"key_columns\":[\"nope\"]}}");

        var report = await _files.RunReportAsync(Ct, ["duplicate-resolver", "null-handler"]);

        var failed = report["metadata"]!["failed_agents"]!.AsArray();
        Assert.HasCount(1, failed);
        Assert.AreEqual("duplicate-resolver", (string?)failed[0]!["agent_id"]);
        Assert.IsNotNull(report["agent_results"]!["null-handler"]);
        Assert.IsNull(report["agent_results"]!["duplicate-resolver"]);
        var (_, rows) = CleanTestFiles.ReadCsv(Directory.GetFiles(_files.OutputDir, "data_cleaned_*.csv").Single());
        Assert.HasCount(2, rows);
    }

    [TestMethod]
    public async Task RunAsync_ShouldFailLaterAgents_WhenQuarantineRemovesEveryRow()
    {
        _files.AddText("data.csv", "a,b\n,\nDROP TABLE x,1\n");

        var report = await _files.RunReportAsync(Ct, ["quarantine-agent", "null-handler", "cleanse-writeback"]);

        Assert.AreEqual(2L, (long)report["agent_results"]!["quarantine-agent"]!["summary_metrics"]!["quarantined_rows"]!);
        CollectionAssert.AreEqual(new[] { "null-handler", "cleanse-writeback" },
            report["metadata"]!["failed_agents"]!.AsArray().Select(f => (string?)f!["agent_id"]).ToArray());
        string csv = Directory.GetFiles(_files.OutputDir, "data_cleaned_*.csv").Single();
        Assert.AreEqual("a,b\r\n", File.ReadAllText(csv));
    }

    [TestMethod]
    public async Task RunAsync_ShouldSayWhichHeadersWereRenamed_WhenNamesAreRepeatedOrEmpty()
    {
        _files.AddText("data.csv", "a,a,,b\n1,2,3,4\n");

        var result = await _files.RunToolAsync(Ct, ["type-fixer"]);

        Assert.IsTrue(result.Succeeded, result.ErrorMessage);
        var (header, _) = CleanTestFiles.ReadCsv(result.Outputs.Single(o => o.ContentType == "text/csv").Path);
        CollectionAssert.AreEqual(new[] { "a", "a_2", "column_3", "b" }, header.ToArray());
        var report = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(_files.ReportPath, Ct))!;
        var renamed = report["metadata"]!["renamed_headers"]!.AsArray();
        CollectionAssert.AreEqual(new[] { "a_2", "column_3" }, renamed.Select(r => (string?)r!["name"]).ToArray());
        Assert.AreEqual(1, (int)renamed[0]!["index"]!);
    }

    [TestMethod]
    public async Task RunAsync_ShouldSayRowsLostFieldsBeyondTheHeader_WhenQuarantineDidNotLook()
    {
        _files.AddText("data.csv", "id,name,amount\n1,a,10\n2,b,$1,000\n3,c,30\n");

        var result = await _files.RunToolAsync(Ct, ["type-fixer"]);

        Assert.IsTrue(result.Succeeded, result.ErrorMessage);
        var report = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(_files.ReportPath, Ct))!;
        Assert.AreEqual(1L, (long)report["metadata"]!["rows_with_extra_fields"]!["rows"]!, "\"000\" was dropped without a word");
        var alert = report["alerts"]!.AsArray().Single(a => ((string?)a!["alert_id"])!.EndsWith("_rows_with_extra_fields", StringComparison.Ordinal));
        Assert.AreEqual("high", (string?)alert!["severity"]);
        StringAssert.Contains((string?)alert["message"], "1 row(s)");

        using var withQuarantine = new CleanTestFiles();
        withQuarantine.AddText("data.csv", "id,name,amount\n1,a,10\n2,b,$1,000\n3,c,30\n");
        Assert.IsTrue((await withQuarantine.RunToolAsync(Ct, ["quarantine-agent", "type-fixer"])).Succeeded);
        var quarantined = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(withQuarantine.ReportPath, Ct))!;
        Assert.IsNull(quarantined["metadata"]!["rows_with_extra_fields"], "quarantine-agent reports those rows itself");
        Assert.IsFalse(quarantined["alerts"]!.AsArray().Any(a => ((string?)a!["alert_id"])!.EndsWith("_rows_with_extra_fields", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task RunAsync_ShouldWriteNoCsv_WhenNoAgentProducesAFile()
    {
        _files.AddText("data.csv", "a\n1\n");

        var result = await _files.RunToolAsync(Ct, ["cleanse-previewer", "cleanse-writeback"]);

        Assert.IsTrue(result.Succeeded);
        CollectionAssert.AreEqual(new[] { CleanMyDataTool.ReportFileName, "clean_my_data_analysis.xlsx" }, result.Outputs.Select(o => o.Name).ToArray());
    }

    [TestMethod]
    public async Task RunAsync_ShouldWriteRfc4180CsvWithoutBom_WhenFieldsNeedQuoting()
    {
        _files.AddText("data.csv", "\uFEFFid;text\n1;\"a, b\"\n2;\"say \"\"hi\"\"\"\n3;\"two\nlines\"\n");

        var result = await _files.RunToolAsync(Ct, ["duplicate-resolver"]);

        byte[] bytes = File.ReadAllBytes(result.Outputs.Single(o => o.ContentType == "text/csv").Path);
        Assert.AreNotEqual(0xEF, bytes[0]);
        Assert.AreEqual("id,text\r\n1,\"a, b\"\r\n2,\"say \"\"hi\"\"\"\r\n3,\"two\nlines\"\r\n", Encoding.UTF8.GetString(bytes));
    }

    [TestMethod]
    public async Task RunAsync_ShouldThrowOperationCanceled_WhenCancelledDuringTheRun()
    {
        _files.AddText("data.csv", "a\n1\n2\n");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var progress = new RecordingProgress(p => { if (p.CurrentAgent == "type-fixer") { cts.Cancel(); } });

        await Assert.ThrowsAsync<OperationCanceledException>(() => _files.RunToolAsync(cts.Token, null, progress));

        Assert.IsFalse(Directory.Exists(Path.Combine(_files.OutputDir, CleanMyDataTool.ScratchFolderName)));
        Assert.IsEmpty(Directory.GetFileSystemEntries(_files.OutputDir));
    }
}
