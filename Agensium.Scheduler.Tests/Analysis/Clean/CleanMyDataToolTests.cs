using System.Text.Json.Nodes;
using Agensium.Analysis;
using Agensium.Analysis.Clean;
using Agensium.Analysis.Input;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

[TestClass]
public sealed class CleanMyDataToolTests
{
    private CleanTestFiles _files = null!;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Ct => TestContext.CancellationToken;

    [TestInitialize]
    public void Init() => _files = new CleanTestFiles();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    [DataRow(new[] { "null-handler", "cleanse-writeback" }, DisplayName = "null-handler first: its profile counts every cell")]
    [DataRow(new[] { "type-fixer", "null-handler", "cleanse-writeback" }, DisplayName = "after type-fixer: its profile follows the changes")]
    public async Task RunAsync_ShouldCountKeptNullTokensAsValues_InTheAgentsAfterNullHandler(string[] agents)
    {
        // null-handler kept "None" as written (keep_null_tokens_in), yet writeback's integrity check counted both as nulls:
        // the profile it handed on read them as nulls.
        _files.AddText("data.csv", "name,allergies,note\nAnn,None,x\nBob,peanuts,y\nCy,None,z\nDee,shellfish,w\n");
        _files.AddText("parameters.json", """{"null-handler": {"keep_null_tokens_in": ["allergies"]}}""");

        var report = await _files.RunReportAsync(Ct, agents);

        var checks = report["agent_results"]!["cleanse-writeback"]!["data"]!["integrity_checks"]!.AsArray();
        var nulls = checks.Single(c => (string?)c!["check"] == "nulls")!;
        Assert.AreEqual("0 null cell(s)", (string?)nulls["detail"]);
        Assert.IsTrue((bool)nulls["passed"]!);
    }

    [TestMethod]
    public void Tool_ShouldListAgentsInAgensiumOrder_WhenAskedForDefaults()
    {
        string[] expected = ["cleanse-previewer", "quarantine-agent", "type-fixer", "field-standardization", "duplicate-resolver", "null-handler", "outlier-remover", "cleanse-writeback"];
        CollectionAssert.AreEqual(expected, _files.Tool.Agents.ToArray());
        CollectionAssert.AreEqual(expected, _files.Tool.DefaultAgents.ToArray());
        Assert.AreEqual("clean-my-data", _files.Tool.Id);
    }

    [TestMethod]
    public async Task RunAsync_ShouldKeepEveryRow_WhenValuesStartWithHashAfterTrimming()
    {
        // field-standardization trims " #sale" to "#sale"; the next agent's parser used to skip such lines as comments.
        _files.AddText("tags.csv", "tag,n\n #sale,5\n #new,3\nplain,1\n#sale,5\n");

        var result = await _files.RunToolAsync(Ct);

        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        var (_, rows) = CleanTestFiles.ReadCsv(result.Outputs.Single(o => o.ContentType == "text/csv").Path);
        CollectionAssert.AreEqual(new[] { "#sale", "#new", "plain" }, rows.Select(r => r[0]).ToArray());
        var report = JsonNode.Parse(await File.ReadAllTextAsync(_files.ReportPath, Ct))!.AsObject();
        Assert.AreEqual(1L, (long)report["agent_results"]!["duplicate-resolver"]!["summary_metrics"]!["duplicates_removed"]!);
    }

    [TestMethod]
    public async Task RunAsync_ShouldFailWithStorageErrorAndPublishNothing_WhenTheScratchFolderIsLostMidRun()
    {
        // A full or vanished disk failed each later agent in turn and published quarantine's file as the cleaned one, exit 0.
        _files.AddSample("sample1.csv");
        string scratch = Path.Combine(_files.OutputDir, CleanMyDataTool.ScratchFolderName);
        var loseDisk = new SyncProgress(p =>
        {
            if (p.CurrentAgent == TypeFixerAgent.AgentId)
            {
                Directory.Delete(scratch, recursive: true);
            }
        });

        var result = await _files.RunToolAsync(Ct, null, loseDisk);

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(AnalysisErrorCodes.StorageError, result.ErrorCode, result.ErrorMessage);
        Assert.IsEmpty(Directory.GetFileSystemEntries(_files.OutputDir));
        Assert.AreEqual(AnalysisErrorCodes.StorageError, AnalysisErrorCodes.Of(new IOException("No space left on device")));
        Assert.AreEqual(AnalysisErrorCodes.ProcessingError, AnalysisErrorCodes.Of(new InvalidOperationException()));
    }

    [TestMethod]
    public void RowKeysWanted_ShouldBeTrueOnlyForTheLastFileWrittenBeforeCleanseWriteback()
    {
        // Only cleanse-writeback reads a profile's exact duplicate rows; every followed profile hashed every row before.
        var chain = _files.Tool.DefaultAgents;
        var wanted = Enumerable.Range(0, chain.Count).Where(i => CleanMyDataTool.RowKeysWanted(chain, i)).Select(i => chain[i]).ToList();
        CollectionAssert.AreEqual(new[] { OutlierRemoverAgent.AgentId }, wanted);

        // The previewer writes no file: the agent before it hands its profile on to cleanse-writeback.
        string[] previewLast = [TypeFixerAgent.AgentId, CleansePreviewerAgent.AgentId, CleanseWritebackAgent.AgentId];
        Assert.IsTrue(CleanMyDataTool.RowKeysWanted(previewLast, 0));
        string[] noWriteback = [TypeFixerAgent.AgentId, NullHandlerAgent.AgentId];
        Assert.IsFalse(CleanMyDataTool.RowKeysWanted(noWriteback, 0));
        Assert.IsFalse(CleanMyDataTool.RowKeysWanted(noWriteback, 1));
    }

    [TestMethod]
    public void CleanseWriteback_ShouldCountExactDuplicatesItself_WhenItsProfileKeptNoRowKeys()
    {
        // A wrong guess of RowKeysWanted (an agent in between failed) hands cleanse-writeback a profile without keys.
        string[] columns = ["id", "v"];
        string[][] rows = [["1", "a"], ["1", "a"], ["2", "b"]];
        var read = new FileProfile(columns);
        var keyed = FileProfile.Following(read, columns, null, rowKeys: true)!;
        var keyless = FileProfile.Following(read, columns, null, rowKeys: false)!;
        foreach (var row in rows)
        {
            read.Add(row);
            keyed.Replace(row, row);
            keyless.Replace(row, row);
        }

        Assert.AreEqual(1L, keyed.ExactDuplicateRows);
        Assert.IsNull(keyless.ExactDuplicateRows);

        var input = _files.AddText("w.csv", "id,v\n1,a\n1,a\n2,b\n");
        var context = new CleanAgentContext(input, input, Path.Combine(_files.OutputDir, "w_out.csv"), []) { CurrentProfile = keyless };
        var result = _files.Tool.CreateAgent(CleanseWritebackAgent.AgentId).Run(context, ToolParameters.None().For(CleanseWritebackAgent.AgentId), Ct);
        var duplicates = CleanTestFiles.Data(result)["integrity_checks"]!.AsArray().Single(c => (string?)c!["check"] == "duplicates")!;
        Assert.AreEqual("1 exact duplicate row(s)", (string?)duplicates["detail"]);
    }

    [TestMethod]
    public async Task RunAsync_ShouldShortenTheCleanedFileName_WhenTheInputNameIsTooLongForOne()
    {
        // 240 characters + "_cleaned_…csv.tmp" passed the file system's 255 bytes: the run failed at its end (local mode).
        _files.AddText(new string('n', 240) + ".csv", "id,v\n1,a\n2,b\n");

        var result = await _files.RunToolAsync(Ct);

        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        string name = result.Outputs.Single(o => o.ContentType == "text/csv").Name;
        Assert.AreEqual(new string('n', 223) + "_cleaned_20250102_030405.csv", name);
        Assert.AreEqual(OutputNames.MaxNameBytes, name.Length);
    }

    [TestMethod]
    [DataRow("ab", "ab")]        // exactly the room left
    [DataRow("abc", "ab")]
    [DataRow("é", "é")]          // two bytes, exactly the room
    [DataRow("éé", "é")]
    [DataRow("a😀", "a")]        // the emoji's four bytes do not fit, and its surrogate pair is not cut in half
    public void OutputNames_Fit_ShouldCutTheStemAtACharacter_WhenTheNameWouldPassTheLimit(string tail, string kept)
    {
        // A 6-byte suffix leaves 245 bytes for the stem; 243 of them are padding.
        string padding = new('p', OutputNames.MaxNameBytes - 6 - 2);

        string fitted = OutputNames.Fit(padding + tail, "_x.csv");

        Assert.AreEqual(padding + kept + "_x.csv", fitted);
        Assert.IsLessThanOrEqualTo(OutputNames.MaxNameBytes, System.Text.Encoding.UTF8.GetByteCount(fitted));
    }

    private sealed class SyncProgress(Action<AnalysisProgress> report) : IProgress<AnalysisProgress>
    {
        public void Report(AnalysisProgress value) => report(value);
    }

    [TestMethod]
    public void FinalCsvName_ShouldStripPrefixesAndStampUtc_WhenPrimaryIsAlreadyCleaned()
    {
        Assert.AreEqual("orders_cleaned_20250102_030405.csv", CleanMyDataTool.FinalCsvName("cleaned_mastered_orders.csv", CleanTestFiles.FixedNow));
        Assert.AreEqual("data_cleaned_20250102_030405.csv", CleanMyDataTool.FinalCsvName("data.csv", CleanTestFiles.FixedNow.ToOffset(TimeSpan.FromHours(2))));
        // One rule for both tools (OutputNames.BaseOf): prefixes in any case; a name that is only a prefix keeps it.
        Assert.AreEqual("orders_cleaned_20250102_030405.csv", CleanMyDataTool.FinalCsvName("Cleaned_MASTERED_orders.csv", CleanTestFiles.FixedNow));
        Assert.AreEqual("cleaned__cleaned_20250102_030405.csv", CleanMyDataTool.FinalCsvName("cleaned_.csv", CleanTestFiles.FixedNow));
        Assert.AreEqual("orders", Agensium.Analysis.OutputNames.BaseOf("/in/mastered_cleaned_orders.xlsx"));
    }

    [TestMethod]
    public async Task RunAsync_ShouldChainAgentsAndWriteReportAndCsv_WhenSample1()
    {
        _files.AddSample("sample1.csv");
        var progress = new RecordingProgress();

        var result = await _files.RunToolAsync(Ct, null, progress);

        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        CollectionAssert.AreEqual(new[] { "clean_my_data_analysis.json", "clean_my_data_analysis.xlsx", "sample1_cleaned_20250102_030405.csv" },
            result.Outputs.Select(o => o.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "application/json", Agensium.Analysis.Reporting.Excel.ExcelReportWriter.ContentType, "text/csv" }, result.Outputs.Select(o => o.ContentType).ToArray());
        var report = JsonNode.Parse(await File.ReadAllTextAsync(_files.ReportPath, Ct))!.AsObject();
        var results = report["agent_results"]!.AsObject();
        CollectionAssert.AreEqual(_files.Tool.Agents.ToArray(), results.Select(r => r.Key).ToArray());
        Assert.AreEqual(0, report["metadata"]!["failed_agents"]!.AsArray().Count);
        Assert.AreEqual("8/8", (string?)report["executive_summary"]![0]!["value"]);
        // 2 exact-duplicate rows (ORD-1004 twice) → one removed; of the 17 empty cells the removed row held 2, so the
        // null-handler, which runs after the duplicate-resolver, sees 15 (and leaves them null: no column_strategies).
        Assert.AreEqual(1L, (long)results["duplicate-resolver"]!["summary_metrics"]!["duplicates_removed"]!);
        Assert.AreEqual(15L, (long)results["null-handler"]!["summary_metrics"]!["nulls_before"]!);
        Assert.AreEqual(15L, (long)results["null-handler"]!["summary_metrics"]!["nulls_after"]!);
        // Quantity after dedup (15 values): Q1 = 1, Q3 = 4.5, upper fence 9.75 → ORD-1006 (10) is the one IQR outlier removed.
        Assert.AreEqual(1L, (long)results["outlier-remover"]!["summary_metrics"]!["rows_removed"]!);
        var (header, rows) = CleanTestFiles.ReadCsv(result.Outputs.Single(o => o.ContentType == "text/csv").Path);
        Assert.HasCount(10, header);
        Assert.HasCount(14, rows);
        Assert.IsFalse(rows.Any(r => r[0] == "ord-1006"));
        Assert.AreEqual("ord-1001", rows[0][0]);
        AssertProgress(progress, 8);
        // cleanse-writeback's manifest names the file published, with its bytes' hash (it named a scratch file).
        var manifest = results["cleanse-writeback"]!["data"]!["manifest"]!;
        Assert.AreEqual("sample1_cleaned_20250102_030405.csv", (string?)manifest["output_file"]);
        // So does the summary text (it named "cleaned_cleaned_…_sample1.csv", the last agent's scratch file).
        StringAssert.Contains((string?)report["analysis_summary"]!["summary"], "Writeback integrity of sample1_cleaned_20250102_030405.csv:");
        var published = result.Outputs.Single(o => o.ContentType == "text/csv").Path;
        Assert.AreEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(published))), (string?)manifest["sha256"]);
        Assert.IsNull(results["field-standardization"]!["data"]!["parameters"]!["date_format"], "dates are always written yyyy-MM-dd: no parameter says otherwise");
        Assert.IsFalse(Directory.Exists(Path.Combine(_files.OutputDir, CleanMyDataTool.ScratchFolderName)));
        File.Copy(_files.ReportPath, Path.Combine(Path.GetTempPath(), "clean_sample1_report.json"), overwrite: true);
        CollectionAssert.AreEquivalent(new[] { "clean_my_data_analysis.json", "clean_my_data_analysis.xlsx", "sample1_cleaned_20250102_030405.csv" },
            Directory.GetFileSystemEntries(_files.OutputDir).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public async Task RunAsync_ShouldReportWhatAgentsRunOneByOneOnTheFilesReport_WhenWritersHandOverTheirProfiles()
    {
        const string csv = "id,name,amount,when,note\n1,Ann,10,2024-01-02,\"a, b\"\n2,Bob,x,01/02/2024,\n2,Bob,x,01/02/2024,\n"
            + "3, Cy ,12.5,2024-13-01,\"say \"\"hi\"\"\"\n4,Di,,2024-02-03,  \n5,Ed,1000,2024-02-04,ok\n6,Fa,11,2024-02-05,ok\n7,Gi,13,2024-02-06,ok\n";
        string[] agents = ["quarantine-agent", "type-fixer", "field-standardization", "outlier-remover", "cleanse-writeback"];
        var original = _files.AddText("handover.csv", csv);

        var chained = (await _files.RunReportAsync(Ct, agents))["agent_results"]!.AsObject();

        // The same agents, each reading its input file from disk (no profile handed over).
        var current = original;
        foreach (string id in agents)
        {
            string output = Path.Combine(_files.Root, $"{id}.csv");
            var result = _files.Tool.CreateAgent(id).Run(new CleanAgentContext(current, original, output, []), ToolParameters.None().For(id), Ct);
            var alone = JsonNode.Parse(result.Report.Data.ToJsonString())!.AsObject();
            alone.Remove("manifest");
            var inChain = chained[id]!["data"]!.DeepClone().AsObject();
            inChain.Remove("manifest");
            Assert.AreEqual(alone.ToJsonString(), inChain.ToJsonString(), id);
            Assert.AreEqual(result.Report.SummaryMetrics.ToJsonString(), chained[id]!["summary_metrics"]!.ToJsonString(), id);
            current = result.CleanedFilePath is null ? current : new InputFile(id + ".csv", result.CleanedFilePath);
        }
    }

    [TestMethod]
    public async Task RunAsync_ShouldReportRowsOfTheGivenFile_WhenAnEarlierAgentRemovedRows()
    {
        // Rows 0-based: 1 repeats 0 (removed by duplicate-resolver); 2 is the outlier. Both were reported as row 1: the
        // outlier-remover numbered the rows of duplicate-resolver's output.
        _files.AddText("rows.csv", "order_id,amount\n1,10\n1,10\n2,5000\n3,12\n4,13\n5,11\n6,12\n7,10\n8,13\n9,11\n");

        var report = await _files.RunReportAsync(Ct, ["duplicate-resolver", "outlier-remover"]);

        var issues = report["row_level_issues"]!.AsArray();
        Assert.AreEqual(1, (int)issues.Single(i => (string?)i!["issue_type"] == "duplicate_row")!["row_index"]!, issues.ToJsonString());
        Assert.AreEqual(2, (int)issues.Single(i => (string?)i!["issue_type"] == "outlier")!["row_index"]!, issues.ToJsonString());
        Assert.AreEqual(2L, (long)report["issue_summary"]!["affected_rows"]!, report["issue_summary"]!.ToJsonString());
        Assert.AreEqual("Row 1 duplicates row 0 and was removed", (string?)issues.Single(i => (string?)i!["issue_type"] == "duplicate_row")!["message"]);
    }

    [TestMethod]
    public async Task RunAsync_ShouldCountOnlyColumnsOfTheFileAsAffected_WhenIssuesConcernWholeRows()
    {
        // A duplicate row's issue has no column ("(row)"): issue_summary counted it as an affected column (outside probe).
        _files.AddText("rows.csv", "order_id,amount\n1,10\n1,10\n2,5000\n3,12\n4,13\n5,11\n6,12\n7,10\n8,13\n9,11\n");

        var duplicatesOnly = await _files.RunReportAsync(Ct, ["duplicate-resolver"]);
        var withOutlier = await _files.RunReportAsync(Ct, ["duplicate-resolver", "outlier-remover"]);

        Assert.AreEqual(0L, (long)duplicatesOnly["issue_summary"]!["affected_columns"]!, duplicatesOnly["issue_summary"]!.ToJsonString());
        Assert.AreEqual(1L, (long)duplicatesOnly["issue_summary"]!["affected_rows"]!);
        Assert.AreEqual(1L, (long)withOutlier["issue_summary"]!["affected_columns"]!, withOutlier["issue_summary"]!.ToJsonString());
    }

    // With type-fixer's numeric_threshold 50, "preis" (4 of 6 values numbers read with a decimal comma: 67 %) writes
    // decimal commas, so "1.500" is fifteen hundred, as type-fixer rewrites it. quarantine-agent and the previewer
    // judged the file with type-fixer's default 70 % instead.
    private const string DecimalCommaPrices = "id,preis\n1,\"1,5\"\n2,\"2,5\"\n3,\"3,5\"\n4,x\n5,y\n6,1.500\n";

    [TestMethod]
    public async Task RunAsync_ShouldJudgeDecimalCommasWithTypeFixersThreshold_InQuarantine()
    {
        // quarantine read "1.500" as 1.5 and kept the row under its max of 100.
        _files.AddText("prices.csv", DecimalCommaPrices);
        _files.AddText("parameters.json", """{"type-fixer": {"numeric_threshold": 50}, "quarantine-agent": {"range_rules": {"preis": {"max": 100}}}}""");

        var report = await _files.RunReportAsync(Ct, ["quarantine-agent", "type-fixer"]);

        Assert.AreEqual(3L, (long)report["agent_results"]!["quarantine-agent"]!["summary_metrics"]!["quarantined_rows"]!);
        var outOfRange = report["row_level_issues"]!.AsArray().Where(i => (string?)i!["issue_type"] == "range_violation" && (int)i["row_index"]! == 5).ToList();
        Assert.AreEqual(1, outOfRange.Count, report["row_level_issues"]!.ToJsonString());
    }

    [TestMethod]
    public async Task RunAsync_ShouldJudgeDecimalCommasWithTypeFixersThreshold_InThePreviewer()
    {
        // The previewer saw no number column in "preis" and predicted no outlier; outlier-remover removes 1500.
        _files.AddText("prices.csv", DecimalCommaPrices);
        _files.AddText("parameters.json", """{"type-fixer": {"numeric_threshold": 50}, "cleanse-previewer": {"preview_rules": [{"rule": "remove_outliers", "columns": ["preis"]}]}}""");

        var report = await _files.RunReportAsync(Ct, ["cleanse-previewer", "type-fixer", "outlier-remover"]);

        var results = report["agent_results"]!;
        var preview = results["cleanse-previewer"]!["data"]!["previews"]!.AsArray()[0]!;
        Assert.AreEqual(1L, (long)results["outlier-remover"]!["summary_metrics"]!["rows_removed"]!, results["outlier-remover"]!["summary_metrics"]!.ToJsonString());
        Assert.AreEqual(5L, (long)preview["rows_after"]!, preview.ToJsonString());
    }

    [TestMethod]
    public async Task RunAsync_ShouldNumberRowsThroughEveryRemovingAgent()
    {
        // quarantine removes row 1 (empty id), duplicates row 3 (copy of 2), then null-handler drops row 5 (null left).
        _files.AddText("rows.csv", "id,v,w\n1,a,x\n,b,x\n3,c,x\n3,c,x\n5,e,x\n6,,x\n7,g,x\n8,h,x\n");
        _files.AddText("parameters.json", """{"quarantine-agent": {"required_fields": ["id"]}, "null-handler": {"global_strategy": "drop_rows"}}""");

        var report = await _files.RunReportAsync(Ct, ["quarantine-agent", "duplicate-resolver", "null-handler"]);

        var removed = report["row_level_issues"]!.AsArray().Where(i => (string?)i!["issue_type"] is "missing_required" or "duplicate_row" or "row_dropped")
            .Select(i => $"{i!["issue_type"]}@{i["row_index"]}").ToList();
        CollectionAssert.AreEquivalent(new[] { "missing_required@1", "duplicate_row@3", "row_dropped@5" }, removed, string.Join(", ", removed));
    }

    [TestMethod]
    public async Task RunAsync_ShouldRemoveThreeDuplicatesAndKeepTenRows_WhenSample3()
    {
        _files.AddSample("sample3.csv");

        var report = await _files.RunReportAsync(Ct);

        var results = report["agent_results"]!;
        // 5 rows in exact-duplicate groups (ORD-004 ×2, ORD-008 ×3) → 3 removed; 16 empty cells.
        Assert.AreEqual(3L, (long)results["duplicate-resolver"]!["summary_metrics"]!["duplicates_removed"]!);
        Assert.AreEqual(0L, (long)results["quarantine-agent"]!["summary_metrics"]!["quarantined_rows"]!);
        var csv = Directory.GetFiles(_files.OutputDir, "sample3_cleaned_*.csv").Single();
        var (_, rows) = CleanTestFiles.ReadCsv(csv);
        Assert.HasCount(10, rows);
    }

    [TestMethod]
    public async Task RunAsync_ShouldRemoveSixDuplicateRows_WhenDedupAgentSample()
    {
        _files.AddSample("dedup_agent.csv");

        var report = await _files.RunReportAsync(Ct, ["duplicate-resolver"]);

        // 11 rows in 5 exact-duplicate groups (2+3+2+2+2) → 6 removed, 100 left.
        Assert.AreEqual(6L, (long)report["agent_results"]!["duplicate-resolver"]!["summary_metrics"]!["duplicates_removed"]!);
        var (_, rows) = CleanTestFiles.ReadCsv(Directory.GetFiles(_files.OutputDir, "dedup_agent_cleaned_*.csv").Single());
        Assert.HasCount(100, rows);
        Assert.AreEqual(6L, (long)report["issue_summary"]!["total_issues"]!);
    }

    [TestMethod]
    public async Task RunAsync_ShouldAlertOnUnusedParameters_WhenANullHandlerNameIsMisspelt()
    {
        _files.AddText("orders.csv", "id,v\n1,\n2,y\n");
        _files.AddText("parameters.json", """{"null-handler": {"global_strategy": "drop_rows", "colum_strategies": {"v": "mode"}}}""");

        var report = await _files.RunReportAsync(Ct, ["null-handler", "cleanse-writeback"]);

        var nulls = report["agent_results"]!["null-handler"]!;
        CollectionAssert.AreEqual(new[] { "colum_strategies" }, nulls["data"]!["ignored_parameters"]!.AsArray().Select(n => (string?)n).ToArray());
        StringAssert.Contains((string?)report["alerts"]!.AsArray().Single(a => (string?)a!["category"] == "configuration")!["message"], "Did you mean 'column_strategies'?");
        Assert.AreEqual(1L, (long)nulls["summary_metrics"]!["rows_dropped"]!, "the rest of the agent's parameters apply");
    }

    [TestMethod]
    public async Task RunAsync_ShouldNameChainFilesAndFinalCsv_WhenPrimaryIsAnAlreadyCleanedTsv()
    {
        _files.AddText("cleaned_orders.tsv", "id\tv\n1\tx\n1\tx\n2\ty\n");

        var result = await _files.RunToolAsync(Ct, ["duplicate-resolver", "cleanse-writeback"]);

        Assert.IsTrue(result.Succeeded, result.ErrorMessage);
        Assert.AreEqual("orders_cleaned_20250102_030405.csv", result.Outputs.Single(o => o.ContentType == "text/csv").Name);
        Assert.AreEqual("id,v\r\n1,x\r\n2,y\r\n", await File.ReadAllTextAsync(result.Outputs.Single(o => o.ContentType == "text/csv").Path, Ct));
        var report = JsonNode.Parse(await File.ReadAllTextAsync(_files.ReportPath, Ct))!;
        var manifest = report["agent_results"]!["cleanse-writeback"]!["data"]!["manifest"]!;
        Assert.AreEqual("orders_cleaned_20250102_030405.csv", (string?)manifest["output_file"], "the file published");
        Assert.AreEqual("duplicate-resolver", (string?)manifest["transformations"]![0]!["agent_id"]);
        Assert.AreEqual("cleaned_cleaned_orders.csv", (string?)manifest["transformations"]![0]!["file_name"], "the chain's own name for the step's file");
        Assert.AreEqual(2L, (long)manifest["output_rows"]!);
    }

    [TestMethod]
    [DataRow("sample1.csv", 17L, 16L)]
    [DataRow("sample3.csv", 16L, 13L)]
    public async Task RunAsync_ShouldCountEveryEmptyCell_WhenNullHandlerRunsAlone(string sample, long emptyCells, long rows)
    {
        _files.AddSample(sample);

        var report = await _files.RunReportAsync(Ct, ["null-handler"]);

        var metrics = report["agent_results"]!["null-handler"]!["summary_metrics"]!;
        Assert.AreEqual(emptyCells, (long)metrics["nulls_before"]!);
        Assert.AreEqual(0L, (long)metrics["null_tokens_normalized"]!);
        var (_, written) = CleanTestFiles.ReadCsv(Directory.GetFiles(_files.OutputDir, "*_cleaned_*.csv").Single());
        Assert.HasCount((int)rows, written);
    }

    private static void AssertProgress(RecordingProgress progress, int agents)
    {
        var values = progress.Reports.Select(p => p.Progress).ToList();
        Assert.AreEqual(15, values[0]);
        Assert.AreEqual(95, values[^1]);
        Assert.HasCount(agents + 1, values);
        for (int i = 1; i < values.Count; i++)
        {
            Assert.IsGreaterThanOrEqualTo(values[i - 1], values[i]);
        }

        Assert.IsNull(progress.Reports[^1].CurrentAgent);
    }
}
