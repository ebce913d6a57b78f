using System.Text;
using Agensium.Analysis;
using static Agensium.Scheduler.Tests.Analysis.AnalysisTestSupport;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>profile-my-data on irregular, invalid or parameterised inputs.</summary>
[TestClass]
public sealed class ProfileMyDataToolInputTests
{
    private AnalysisTestSupport _files = null!;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Ct => TestContext.CancellationToken;

    [TestInitialize]
    public void Init() => _files = new AnalysisTestSupport();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    public async Task RunAsync_ShouldFailWithInvalidInputFile_WhenPrimaryIsEmpty()
    {
        _files.AddText("empty.csv", "");

        var result = await _files.RunAsync(Ct);

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, result.ErrorCode);
        Assert.IsFalse(File.Exists(_files.ReportPath));
    }

    [TestMethod]
    public async Task RunAsync_ShouldFailWithInvalidInputFile_WhenPrimaryHasOnlyAHeader()
    {
        _files.AddText("data.csv", "a,b,c\n");

        var result = await _files.RunAsync(Ct);

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, result.ErrorCode);
        Assert.Contains("header but no data rows", result.ErrorMessage!);
    }

    [TestMethod]
    public async Task RunAsync_ShouldFailWithInvalidInputFile_WhenPrimaryIsBinary()
    {
        _files.AddBytes("data.csv", [0x00, 0x01, 0x02, 0xFF, 0x00]);

        var result = await _files.RunAsync(Ct);

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, result.ErrorCode);
    }

    [TestMethod]
    public async Task RunAsync_ShouldFailWithNoInputFiles_WhenOnlyParametersAreUploaded()
    {
        _files.AddText("parameters.json", "{}");

        var result = await _files.RunAsync(Ct);

        Assert.AreEqual(AnalysisErrorCodes.NoInputFiles, result.ErrorCode);
    }

    [TestMethod]
    public async Task RunAsync_ShouldFailWithInvalidParameters_WhenParametersJsonIsMalformed()
    {
        _files.AddText("data.csv", "a\n1\n");
        _files.AddText("Parameters.json", "{\"unified-profiler\": [");

        var result = await _files.RunAsync(Ct);

        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, result.ErrorCode);
    }

    [TestMethod]
    public async Task RunAsync_ShouldFailWithUnknownAgent_WhenParametersJsonNamesAnUnknownAgent()
    {
        _files.AddText("data.csv", "a\n1\n");
        _files.AddText("parameters.json", "{\"no-such-agent\": {\"x\": 1}}");

        var result = await _files.RunAsync(Ct);

        Assert.AreEqual(AnalysisErrorCodes.UnknownAgent, result.ErrorCode);
        Assert.Contains("no-such-agent", result.ErrorMessage!);
    }

    [TestMethod]
    public async Task RunAsync_ShouldApplyParameters_WhenParametersJsonOverridesDefaults()
    {
        _files.AddText("data.csv", "v,w\n1,a\n2,\n3,\n4,b\n5,c\n");
        _files.AddText("parameters.json", """{"unified-profiler": {"top_n_values": 2, "null_alert_threshold": "30"}}""");

        var report = await _files.RunReportAsync(Ct);

        Assert.HasCount(2, Column(report, "v")["top_values"]!.AsArray());
        var data = Profiler(report)["data"]!;
        Assert.AreEqual(2, (int)data["overrides"]!["top_n_values"]!);
        Assert.AreEqual(10, (int)data["defaults"]!["top_n_values"]!);
        Assert.AreEqual(30, (double)data["parameters"]!["null_alert_threshold"]!);
        var alert = report["alerts"]!.AsArray().Single(a => (string?)a!["alert_id"] == "alert_profiler_high_nulls")!;
        Assert.AreEqual(1, (int)alert["affected_fields_count"]!);
        Assert.AreEqual("medium", (string?)alert["severity"]);
    }

    [TestMethod]
    public async Task RunAsync_ShouldNameTheAnalysedFileAsUploaded_WhenItWasConvertedFromJson()
    {
        _files.AddText("a.csv", "v\n1\n2\n3\n");
        _files.AddText("b.json", "[{\"v\": 1}, {\"v\": 2}]");

        var report = await _files.RunReportAsync(Ct, ["unified-profiler"]);

        // It said "the last listed of each was used: b.csv", a file the user never had.
        StringAssert.EndsWith((string?)report["metadata"]!["ignored_inputs_reason"], "was used: b.json.");
    }

    [TestMethod]
    [DataRow("# exported by x\n# second note\nid,name\n1,a\n2,b\n", "2 '#' comment line(s) above the header were skipped: '# exported by x' / '# second note'", DisplayName = "comments")]
    [DataRow("# exported by x\nSales report Q1\nid,name,city\n1,a,c\n2,b,d\n3,e,f\n", "1 '#' comment line(s) and 1 line(s) taken for a title above the header were skipped", DisplayName = "a comment and a title")]
    public async Task RunAsync_ShouldSayCommentLinesApartFromTitles_WhenSkippingLinesAboveTheHeader(string csv, string said)
    {
        // Comment lines were said to be "taken for a title", every one of them listed in one message.
        _files.AddText("notes.csv", csv);

        var report = await _files.RunReportAsync(Ct, ["unified-profiler"]);

        var alert = report["alerts"]!.AsArray().Single(a => ((string?)a!["alert_id"])!.Contains("title_lines_skipped", StringComparison.Ordinal))!;
        StringAssert.StartsWith((string?)alert["message"], said);
    }

    [TestMethod]
    public async Task RunAsync_ShouldAlert_WhenAFileReadAsOneColumnHoldsTheSameDelimitersInEveryRow()
    {
        // A one-word header above lists of semicolon-separated words is one column (nothing proves it a title); it was said nowhere.
        _files.AddText("summary.csv", "tags\nred,green\nblue,pink\npink,grey\n");

        var report = await _files.RunReportAsync(Ct, ["unified-profiler"]);

        var alert = report["alerts"]!.AsArray().Single(a => (string?)a!["alert_id"] == "alert_profiler_one_column_rows_hold_delimiter")!;
        Assert.AreEqual("medium", (string?)alert["severity"]);
        StringAssert.Contains((string?)alert["message"], "every sampled row holds 1 comma(s)");
        Assert.AreEqual(",", (string?)report["metadata"]!["one_column_rows_hold_delimiter"]!["delimiter"]);
        Assert.AreEqual(2, (int)report["metadata"]!["one_column_rows_hold_delimiter"]!["fields_per_row"]!);
    }

    [TestMethod]
    [DataRow("email\nann@x.org\nbob@y.org\ncy@z.org\n", DisplayName = "no delimiter in the file")]
    [DataRow("comment\nfine\ngood, thanks\nok\nbad\n", DisplayName = "a comma in one value")]
    public async Task RunAsync_ShouldReportNoDelimiter_WhenTheFileIsOneColumn(string csv)
    {
        // It said "tab": the reader's pick of a delimiter the file does not hold, so its values stay whole.
        _files.AddText("one.csv", csv);

        var report = await _files.RunReportAsync(Ct, ["unified-profiler"]);

        Assert.AreEqual("none", (string?)Profiler(report)["data"]!["dataset"]!["delimiter"]);
        var card = report["executive_summary"]!.AsArray().Single(c => (string?)c!["summary_id"] == "profiler_dataset")!;
        StringAssert.Contains(card.ToJsonString(), "one column (no delimiter)");
    }

    [TestMethod]
    public async Task RunAsync_ShouldLeaveOutNotesBelowTheTable_AndSaySo()
    {
        // An export's footer was read as a row of one field: "Total: 4 customers" made the id column text.
        _files.AddText("customers.csv", "Customer Report\nid,name,country\n1,Ann,FR\n2,Bob,DE\n3,Cy,IT\n4,Dee,ES\n\nTotal: 4 customers\n");

        var report = await _files.RunReportAsync(Ct, ["unified-profiler"]);

        CollectionAssert.AreEqual(new[] { "Total: 4 customers" }, report["metadata"]!["footer_lines_skipped"]!.AsArray().Select(n => (string?)n).ToArray());
        Assert.AreEqual(4, (int)Profiler(report)["data"]!["dataset"]!["rows"]!);
        Assert.AreEqual("integer", (string?)AnalysisTestSupport.Column(report, "id")["inferred_type"]);
        var alert = report["alerts"]!.AsArray().Single(a => (string?)a!["alert_id"] is { } id && id.Contains("footer_lines_skipped", StringComparison.Ordinal))!;
        StringAssert.Contains((string?)alert["message"], "'Total: 4 customers'");
        Assert.IsFalse(report["alerts"]!.AsArray().Any(a => ((string?)a!["alert_id"])!.Contains("ragged_rows", StringComparison.Ordinal)), "no short row");
    }

    [TestMethod]
    public async Task RunAsync_ShouldShowTenSkippedLinesAndCountTheRest_WhenManyCommentsStandAboveTheHeader()
    {
        _files.AddText("notes.csv", string.Concat(Enumerable.Range(1, 14).Select(i => $"# note {i}\n")) + "id,name\n1,a\n2,b\n");

        var report = await _files.RunReportAsync(Ct, ["unified-profiler"]);

        var alert = report["alerts"]!.AsArray().Single(a => ((string?)a!["alert_id"])!.Contains("title_lines_skipped", StringComparison.Ordinal))!;
        StringAssert.EndsWith((string?)alert["message"], "'# note 10' / … 4 more");
        Assert.HasCount(14, report["metadata"]!["title_lines_skipped"]!.AsArray());
    }

    [TestMethod]
    public async Task RunAsync_ShouldNameTheIgnoredFile_WhenTwoPrimaryFilesAreGiven()
    {
        _files.AddText("a.csv", "v\n1\n2\n3\n");
        _files.AddText("b.csv", "v\n1\n2\n");

        var report = await _files.RunReportAsync(Ct, ["unified-profiler"]);

        Assert.AreEqual(2L, (long)Profiler(report)["summary_metrics"]!["total_rows"]!, "the last listed is analysed");
        CollectionAssert.AreEqual(new[] { "a.csv" }, report["metadata"]!["ignored_inputs"]!.AsArray().Select(n => (string?)n).ToArray());
        StringAssert.Contains((string?)report["metadata"]!["ignored_inputs_reason"], "b.csv");
    }

    [TestMethod]
    public async Task RunAsync_ShouldSayTheFileWasChosenByNameOrder_WhenTwoPrimaryFilesAreGiven()
    {
        // Stop 43: listed small.csv first, the reason said "the last readable one listed … was used: small.csv".
        _files.AddText("small.csv", "v\n1\n2\n");
        _files.AddText("money_dates.csv", "v\n1\n2\n3\n");

        var report = await _files.RunReportAsync(Ct, ["unified-profiler"]);

        Assert.AreEqual(2L, (long)Profiler(report)["summary_metrics"]!["total_rows"]!, "small.csv, last in name order, is analysed");
        var reason = (string?)report["metadata"]!["ignored_inputs_reason"];
        StringAssert.Contains(reason, "the last readable one in name order (not the order given) was used: small.csv");
        Assert.DoesNotContain("one listed", reason!);
    }

    [TestMethod]
    public async Task RunAsync_ShouldAlertOnUnusedParameters_WhenANameIsMisspelt()
    {
        _files.AddText("data.csv", "v,w\n1,a\n2,\n3,b\n");
        _files.AddText("parameters.json", """{"unified-profiler": {"top_n_valuez": 2, "null_alert_threshold": 30, "colour": "red"}, "score-risk": {"pii_sample_size": 50}}""");

        var report = await _files.RunReportAsync(Ct, ["unified-profiler", "score-risk"]);

        var data = Profiler(report)["data"]!;
        CollectionAssert.AreEqual(new[] { "top_n_valuez", "colour" }, data["ignored_parameters"]!.AsArray().Select(n => (string?)n).ToArray());
        var alerts = report["alerts"]!.AsArray().Where(a => ((string?)a!["alert_id"])!.StartsWith("alert_unified_profiler_unused_parameter_", StringComparison.Ordinal)).ToList();
        Assert.HasCount(2, alerts);
        StringAssert.Contains((string?)alerts[0]!["message"], "unified-profiler.top_n_valuez was not used");
        StringAssert.Contains((string?)alerts[0]!["message"], "Did you mean 'top_n_values'?");
        Assert.DoesNotContain("Did you mean", alerts[1]!["message"]!.GetValue<string>());
        StringAssert.Contains((string?)alerts[1]!["recommendation"], "null_alert_threshold");
        Assert.IsNull(report["agent_results"]!["score-risk"]!["data"]!["ignored_parameters"], "every key of score-risk is used");
    }

    [TestMethod]
    public async Task RunAsync_ShouldCountUnusedParametersPastTen_InOneAlert()
    {
        // A generated parameters.json of 100,000 keys gave 100,000 alerts (and warning lines); the data lists them all.
        _files.AddText("data.csv", "v\n1\n2\n");
        var keys = string.Join(", ", Enumerable.Range(0, 25).Select(i => $"\"extra{i}\": {i}"));
        _files.AddText("parameters.json", "{\"unified-profiler\": {" + keys + "}}");

        var report = await _files.RunReportAsync(Ct, ["unified-profiler"]);

        var alerts = report["alerts"]!.AsArray().Select(a => (string)a!["alert_id"]!).Where(id => id.Contains("_unused_parameter_", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEqual(
            Enumerable.Range(1, 10).Select(i => $"alert_unified_profiler_unused_parameter_{i}").Append("alert_unified_profiler_unused_parameter_more").ToList(),
            alerts);
        var more = report["alerts"]!.AsArray().Single(a => (string)a!["alert_id"]! == "alert_unified_profiler_unused_parameter_more")!;
        Assert.AreEqual("15 more parameters of unified-profiler were not used (extra10, extra11, extra12, …); all 25 are listed in its ignored_parameters.",
            (string)more["message"]!);
        Assert.HasCount(25, Profiler(report)["data"]!["ignored_parameters"]!.AsArray());
    }

    [TestMethod]
    [DataRow("alpah", "alpha")]         // two neighbouring letters swapped: one edit
    [DataRow("alhpa", "alpha")]
    [DataRow("methdo", "method")]
    [DataRow("xyz", null)]
    [DataRow("minSampleSize", "min_sample_size")]
    [DataRow("sample", "min_sample_size")]
    [DataRow("size", null)]
    [DataRow("mi", null)]
    public void Closest_ShouldCountASwapOfNeighbouringLettersAsOneEdit(string given, string? expected) =>
        Assert.AreEqual(expected, Agensium.Analysis.Common.NameSuggestion.Closest(given, ["alpha", "method", "min_sample_size", "max_size"]));

    [TestMethod]
    [DataRow("tool", "tool_id")]
    [DataRow("toolId", "tool_id")]
    [DataRow("user", "user_id")]
    [DataRow("id", null)]
    public void Closest_ShouldFindAFieldNamedByOneOfItsWords(string given, string? expected) =>
        Assert.AreEqual(expected, Agensium.Analysis.Common.NameSuggestion.Closest(given, ["user_id", "tool_id", "agents"]));

    [TestMethod]
    [DataRow("required_columns", "required_fields")]
    [DataRow("required_cols", "required_fields")]
    [DataRow("duplicate_key_fields", "duplicate_key_columns")]
    [DataRow("optional_columns", null)]
    public void Closest_ShouldFindTheSameNameWithAnotherWordForColumn(string given, string? expected) =>
        Assert.AreEqual(expected, Agensium.Analysis.Common.NameSuggestion.Closest(given, ["required_fields", "duplicate_key_columns", "business_rules"]));

    [TestMethod]
    [DataRow("percentile_lower", "lower_percentile")]               // the same words in another order
    [DataRow("fuzzy_matching", "enable_fuzzy_matching")]            // golden-record-builder's name has one word more
    [DataRow("default_rule", "default_survivorship_rule")]          // survivorship-resolver's name, given to golden-record-builder
    [DataRow("fuzzy_threshold_pct", null)]                          // a word no known name has
    [DataRow("weight_threshold", null)]                             // words of two known names: a guess
    public void Closest_ShouldFindTheOneKnownNameHoldingAllTheWords_InAnyOrder(string given, string? expected) =>
        // The stop-51 outside probe: these were "not used" with no hint, though each is one parameter's words.
        Assert.AreEqual(expected, Agensium.Analysis.Common.NameSuggestion.Closest(given,
            ["lower_percentile", "upper_percentile", "enable_fuzzy_matching", "fuzzy_threshold", "default_survivorship_rule", "trust_weight", "good_threshold", "min_trust_score"]));

    [TestMethod]
    public async Task RunAsync_ShouldCountRaggedRowsAndRenamedHeaders_WhenFileIsIrregular()
    {
        _files.AddText("data.tsv", "k\tk\t\n1\t2\n3\t4\t5\t6\n7\t8\t9\n");

        var report = await _files.RunReportAsync(Ct);

        var dataset = Profiler(report)["data"]!["dataset"]!;
        Assert.AreEqual("tab", (string?)dataset["delimiter"]);
        Assert.AreEqual(2, (long)dataset["ragged_rows"]!);
        Assert.HasCount(2, dataset["header_renames"]!.AsArray());
        var third = Column(report, "column_3");
        Assert.AreEqual(1, (long)third["null_count"]!);
        Assert.AreEqual(1, (long)third["missing_field_count"]!);
        Assert.AreEqual(0, (long)third["empty_count"]!);
        Assert.AreEqual(3, (long)Column(report, "k_2")["numeric_stats"]!["count"]!);
    }

    [TestMethod]
    public async Task RunAsync_ShouldFlagZScoreOutlier_WhenOneValueIsFarFromTheMean()
    {
        var csv = new StringBuilder("v\n");
        for (int i = 0; i < 19; i++)
        {
            csv.Append("0\n");
        }

        csv.Append("10\n");
        _files.AddText("data.csv", csv.ToString());

        var report = await _files.RunReportAsync(Ct);

        var stats = Column(report, "v")["numeric_stats"]!;
        Assert.AreEqual(0.5, (double)stats["mean"]!);
        Assert.AreEqual(2.2361, (double)stats["std"]!, 1e-3);
        Assert.AreEqual(1, (long)stats["z_outlier_count"]!);
        Assert.AreEqual(1, (long)stats["outlier_count"]!);
        var z = report["row_level_issues"]!.AsArray().Single(r => (string?)r!["issue_type"] == "z_score_outlier")!;
        Assert.AreEqual(19, (int)z["row_index"]!);
    }

    [TestMethod]
    public async Task RunAsync_ShouldGradeD_WhenColumnsAreConstantOrEmpty()
    {
        _files.AddText("data.csv", "a;b\nx;\nx;\nx;\nx;\n");

        var report = await _files.RunReportAsync(Ct);

        Assert.AreEqual(83.33, (double)Column(report, "a")["quality"]!["score"]!);
        Assert.AreEqual(50, (double)Column(report, "b")["quality"]!["score"]!);
        Assert.AreEqual("empty", (string?)Column(report, "b")["inferred_type"]);
        Assert.AreEqual(66.67, (double)Profiler(report)["summary_metrics"]!["overall_quality_score"]!);
        Assert.AreEqual("D", (string?)Profiler(report)["summary_metrics"]!["quality_grade"]);
    }

    [TestMethod]
    public async Task RunAsync_ShouldCapRowIssuesAt1000_WhenMoreIssuesExist()
    {
        var csv = new StringBuilder("id,empty\n");
        for (int i = 0; i < 1500; i++)
        {
            csv.Append(i).Append(",\n");
        }

        _files.AddText("data.csv", csv.ToString());

        var report = await _files.RunReportAsync(Ct);

        Assert.HasCount(1000, report["row_level_issues"]!.AsArray());
        Assert.AreEqual(1500, (long)report["issue_summary"]!["total_issues"]!);
        Assert.AreEqual(1500, (long)report["issue_summary"]!["affected_rows"]!);
        // The list says it is cut, in the JSON and as the Excel sheet's last line.
        Assert.AreEqual(1000, (long)report["issue_summary"]!["listed_issues"]!);
        Assert.IsTrue((bool)report["issue_summary"]!["truncated"]!);
        var book = Agensium.Scheduler.Tests.Analysis.Reporting.WorkbookReader.Open(Path.ChangeExtension(_files.ReportPath, ".xlsx"));
        StringAssert.Contains(string.Join(" ", book.Sheets["Row-Level Issues"][^1]), "500 more row issue(s) are not listed");
    }

    [TestMethod]
    public async Task RunAsync_ShouldReportEveryColumnAsMissingOrNew_WhenTheBaselineSharesNoColumn()
    {
        _files.AddText("current.csv", "a,b\n1,x\n2,y\n");
        _files.AddText("baseline.csv", "c,d\n1,x\n2,y\n");

        var report = await _files.RunReportAsync(Ct);

        var drift = report["agent_results"]!["drift-detector"]!;
        CollectionAssert.AreEqual(new[] { "c", "d" }, drift["data"]!["missing_columns"]!.AsArray().Select(n => (string?)n).ToArray());
        CollectionAssert.AreEqual(new[] { "a", "b" }, drift["data"]!["new_columns"]!.AsArray().Select(n => (string?)n).ToArray());
        Assert.AreEqual(0.0, (double)drift["data"]!["overall_drift_score"]!, "no shared column, nothing drifted (not 0/0)");
        Assert.AreEqual(0, (int)drift["summary_metrics"]!["analysed_columns"]!);
        Assert.IsTrue(report["alerts"]!.AsArray().Any(a => (string?)a!["severity"] == "critical" && ((string?)a["message"])!.Contains("c, d", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task RunAsync_ShouldReadACsvNamedAsAWorkbookAsCsv_AndSaySo()
    {
        // AGENSIUM section 2: a workbook the readers cannot open is parsed as CSV at last ("package is damaged" before).
        _files.AddText("export.xlsx", "id,amount\n1,10\n2,20\n");

        var report = await _files.RunReportAsync(Ct, agents: ["unified-profiler"]);

        Assert.AreEqual(2, (int?)AnalysisTestSupport.Profiler(report)["summary_metrics"]!["total_columns"], report["metadata"]!.ToJsonString());
        CollectionAssert.AreEqual(new[] { "export.xlsx" }, report["metadata"]!["workbooks_read_as_csv"]!.AsArray().Select(n => (string?)n).ToArray());
    }

    [TestMethod]
    public async Task RunAsync_ShouldStillRefuseABinaryFileNamedAsAWorkbook()
    {
        _files.AddBytes("export.xlsx", [0x00, 0x01, 0x02, 0xFF, 0x00, 0x41]);

        var result = await _files.RunAsync(Ct);

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, result.ErrorCode);
        StringAssert.Contains(result.ErrorMessage, "export.xlsx");
    }

    [TestMethod]
    public async Task RunAsync_ShouldRefuseTheLastAgentsBadParameter_BeforeTheFirstAgentRuns()
    {
        // readiness-rater is the last agent: its bad threshold failed the task at progress 75.
        _files.AddText("data.csv", "a,b\n1,2\n");
        _files.AddText("parameters.json", "{\"readiness-rater\": {\"ready_threshold\": 40, \"review_threshold\": 60}}");
        var progress = new RecordingProgress();

        var result = await _files.RunAsync(Ct, progress: progress);

        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, result.ErrorCode, result.ErrorMessage);
        StringAssert.Contains(result.ErrorMessage, "readiness-rater.");
        Assert.IsEmpty(progress.Reports);
    }

    [TestMethod]
    [DataRow("<html><body><table><tr><th>id</th></tr><tr><td>1</td></tr></table></body></html>")]
    [DataRow("\uFEFF  <?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"/>")]
    public async Task RunAsync_ShouldRefuseAnHtmlOrXmlExportNamedAsAWorkbook(string content)
    {
        // "Export to Excel" pages and SpreadsheetML 2003 are text, but no table the CSV reader can read: they were
        // analysed line by line as CSV once text named .xls was read as CSV.
        _files.AddText("report.xls", content);

        var result = await _files.RunAsync(Ct);

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, result.ErrorCode);
        StringAssert.Contains(result.ErrorMessage, "'report.xls' is an HTML or XML page");
    }

    [TestMethod]
    [DataRow("id,amount\n", "has a header but no data rows")]
    [DataRow("", "empty")]
    public async Task RunAsync_ShouldNameTheWorkbookUploaded_WhenItsTextCannotBeAnalysed(string content, string why)
    {
        _files.AddText("export.xlsx", content);

        var result = await _files.RunAsync(Ct);

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, result.ErrorCode);
        StringAssert.Contains(result.ErrorMessage, "export.xlsx", result.ErrorMessage);
        StringAssert.Contains(result.ErrorMessage, why, result.ErrorMessage);
    }

    [TestMethod]
    public async Task RunAsync_ShouldFailOnlyDriftDetector_WhenTheBaselineCannotBeRead()
    {
        // A damaged baseline workbook failed the whole task, though only drift-detector reads a baseline.
        _files.AddText("data.csv", "id,amount\n1,10\n2,20\n");
        _files.AddBytes("baseline_old.xlsx", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]);

        var report = await _files.RunReportAsync(Ct);

        var failure = report["metadata"]!["failed_agents"]!.AsArray().Single()!;
        Assert.AreEqual("drift-detector", (string?)failure["agent_id"]);
        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, (string?)failure["error_code"]);
        StringAssert.Contains((string?)failure["error"], "The baseline cannot be used");
        Assert.IsNotNull(report["agent_results"]!["unified-profiler"]);
    }
}
