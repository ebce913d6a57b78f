using Agensium.Analysis.Reporting.Excel;

namespace Agensium.Scheduler.Tests.Analysis.Reporting;

[TestClass]
public sealed class ExcelReportTests
{
    private AnalysisTestSupport _files = null!;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Ct => TestContext.CancellationToken;

    private string XlsxPath => Path.ChangeExtension(_files.ReportPath, ".xlsx");

    [TestInitialize]
    public void Init() => _files = new AnalysisTestSupport();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    public async Task RunAsync_ShouldWriteTheWorkbookBesideTheJson_WhenProfileMyDataSucceeds()
    {
        _files.AddText("orders.csv", "id,amount,email\n1,10,a@x.com\n2,,b@x.com\n3,12,\n4,11,d@x.com\n");

        var result = await _files.RunAsync(Ct);

        Assert.IsTrue(result.Succeeded, result.ErrorMessage);
        CollectionAssert.AreEqual(new[] { "profile_my_data_analysis.json", "profile_my_data_analysis.xlsx" }, result.Outputs.Select(o => o.Name).ToArray());
        Assert.AreEqual(ExcelReportWriter.ContentType, result.Outputs[1].ContentType);
        var book = WorkbookReader.Open(XlsxPath);
        CollectionAssert.AreEqual(
            new[] { "Summary", "Profiler", "Risk Assessment", "Readiness", "Test Coverage", "Alerts", "Issues", "Recommendations", "AI Analysis Summary", "Row-Level Issues" },
            book.SheetNames.ToArray());
        Assert.AreEqual("profile-my-data", book.RowStartingWith("Summary", "tool")[1]);
        Assert.AreEqual("task-1", book.RowStartingWith("Summary", "analysis id")[1]);
        Assert.AreEqual("4", book.RowStartingWith("Summary", "agents run")[1]);
        Assert.AreEqual("0", book.RowStartingWith("Summary", "agents failed")[1]);
        CollectionAssert.AreEqual(new[] { "orders.csv", "primary", new FileInfo(_files.Inputs[0].Path).Length.ToString(System.Globalization.CultureInfo.InvariantCulture) }, book.RowStartingWith("Summary", "orders.csv").ToArray());
        var profiler = book.RowStartingWith("Summary", "unified-profiler");
        CollectionAssert.AreEqual(new[] { "unified-profiler", "Unified Profiler", "success" }, profiler.Take(3).ToArray());
        Assert.AreEqual("4", profiler[4], "rows");
        Assert.AreEqual("3", profiler[5], "columns");
        // Agents that do not count the file's shape themselves were left blank.
        foreach (string agent in new[] { "score-risk", "test-coverage-agent", "readiness-rater" })
        {
            var line = book.RowStartingWith("Summary", agent);
            Assert.AreEqual("4 3", $"{line[4]} {line[5]}", agent);
        }
        Assert.IsTrue(book.Sheets["Summary"].Any(r => r.Count == 3 && r[0] == "unified-profiler" && r[1] == "overall_quality_score"));

        // A per-agent sheet: its summary metrics and a table with one row per profiled column.
        Assert.AreEqual("4", book.RowStartingWith("Profiler", "total_rows")[1]);
        var header = book.Sheets["Profiler"].First(r => r.Count > 1 && r[0] == "name" && r[1] == "position");
        var amount = book.RowStartingWith("Profiler", "amount");
        Assert.AreEqual("amount", amount[header.IndexOf("name")]);
        Assert.AreEqual("25", amount[header.IndexOf("null_pct")]);

        // Issues: the header and column-level issues; Row-Level Issues: the profiler's entry for the empty amount (row index 1).
        CollectionAssert.AreEqual(IssuesSheet_Header, book.Sheets["Issues"][0].ToArray());
        CollectionAssert.AreEqual(RowIssuesSheet_Header, book.Sheets["Row-Level Issues"][0].ToArray());
        var nullIssue = book.Sheets["Row-Level Issues"].First(r => r[0] == "unified-profiler" && r[3] == "amount");
        Assert.AreEqual("1", nullIssue[4]);
        Assert.IsTrue(book.Sheets["Issues"].All(r => r.Count <= IssuesSheet_Header.Length), "row entries are not in Issues");
        Assert.AreEqual(0, book.FormulaCount);
        var errors = WorkbookReader.ValidationErrors(XlsxPath);
        Assert.IsEmpty(errors, string.Join("\n", errors));
    }

    [TestMethod]
    [DataRow("clean-my-data")]
    [DataRow("master-my-data")]
    public async Task RunAsync_ShouldListTheUploadedFileAndEveryAgentsShape_WhenTheInputIsJson(string toolId)
    {
        // The Summary listed 'data.csv' (the converted file, its size) and left rows or columns blank for most agents.
        var tool = Assert.IsInstanceOfType<Agensium.Analysis.IAnalysisTool>(
            new Agensium.Analysis.ToolCatalog(new FixedTimeProvider(AnalysisTestSupport.FixedNow)).TryGet(toolId, out var t) ? t : null);
        var json = _files.AddText("data.json", "[{\"id\": 1, \"name\": \"Ann\", \"email\": \"a@x.com\"}, {\"id\": 2, \"name\": \"Bo\", \"email\": \"b@x.com\"}]");

        var result = await tool.RunAsync(new Agensium.Analysis.AnalysisRequest("task-1", _files.Inputs, null, _files.OutputDir), null, Ct);

        Assert.IsTrue(result.Succeeded, result.ErrorMessage);
        var book = WorkbookReader.Open(result.Outputs.Single(o => o.Name.EndsWith(".xlsx", StringComparison.Ordinal)).Path);
        CollectionAssert.AreEqual(new[] { "data.json", "primary", new FileInfo(json.Path).Length.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            book.RowStartingWith("Summary", "data.json").ToArray());
        var agents = book.Sheets["Summary"].SkipWhile(r => r.Count == 0 || r[0] != "agent").Skip(1).TakeWhile(r => r.Count > 2 && r[2] == "success").ToList();
        Assert.IsNotEmpty(agents);
        foreach (var line in agents)
        {
            Assert.IsFalse(string.IsNullOrEmpty(line[4]) || string.IsNullOrEmpty(line[5]), $"{line[0]}: rows '{line[4]}', columns '{line[5]}'");
        }
    }

    private static readonly string[] IssuesSheet_Header = ["agent", "severity", "issue type", "column", "message"];
    private static readonly string[] RowIssuesSheet_Header = ["agent", "severity", "issue type", "column", "row index (0-based)", "message", "value"];

    [TestMethod]
    public async Task RunAsync_ShouldWriteFormulaLikeAndControlCharacterTextAsPlainText_WhenTheCsvCarriesThem()
    {
        // Column names and values that a spreadsheet would run as formulas, and a control character XML cannot carry.
        _files.AddText("evil.csv",
            "\"=cmd|' /C calc'!A0\",@SUM(1),+1+1,-2+3,ctl\u0001name\n" +
            "\"=cmd|' /C calc'!A0\",@SUM(1),+1+1,-2+3,x\u0007y\n" +
            "=1+2,@A1,+A1,-A1,z\n");

        var result = await _files.RunAsync(Ct);

        Assert.IsTrue(result.Succeeded, result.ErrorMessage);
        var book = WorkbookReader.Open(XlsxPath);
        Assert.AreEqual(0, book.FormulaCount, "no cell is a formula");
        CollectionAssert.IsSubsetOf(book.CellTypes.ToArray(), new[] { "inlineStr", "n", "b" });
        var text = book.AllText().ToHashSet(StringComparer.Ordinal);
        foreach (string neutralised in new[] { "=cmd|' /C calc'!A0", "@SUM(1)", "+1+1", "-2+3" })
        {
            // As written, without an apostrophe Excel would show (it showed "'-2+3"): quotePrefix keeps it text.
            Assert.Contains(neutralised, text);
            Assert.Contains(neutralised, book.QuotePrefixed);
        }

        Assert.Contains("ctlname", text);
        Assert.IsFalse(book.AllText().Any(t => t.StartsWith('\'')), "no apostrophe is written into a cell");
        var formulaLike = book.AllText().Where(t => t.Length > 0 && CellText.StartsLikeFormula(t) && CellText.AsNumber(t) is null).ToList();
        Assert.IsNotEmpty(formulaLike);
        Assert.IsTrue(formulaLike.All(book.QuotePrefixed.Contains), "every formula-like text has the quotePrefix style");
        Assert.IsEmpty(WorkbookReader.ValidationErrors(XlsxPath), "the styles part is valid");
        Assert.IsFalse(book.AllText().Any(t => t.Any(c => c < ' ' && c is not '\t' and not '\n' and not '\r')), "no control characters");
    }
    [TestMethod]
    public void AddSheet_ShouldWriteANumberHeldAsTextAsANumber_AndFormulaLikeTextWithTheQuotePrefixStyle()
    {
        // A row-level issue's value "-500" showed as '-500 and its message as "'-500 is outside …": an apostrophe the
        // data never had, shown because every text cell is an inline string (never evaluated on open).
        string path = Path.Combine(_files.OutputDir, "styles.xlsx");
        using (var builder = new WorkbookBuilder(path, 10))
        {
            builder.AddSheet("Row-Level Issues", [new object?[] { "-500 is outside [0, 100]", "-500", "=résumé+données.csv", "@risk", "-", "007", "plain" }]);
            builder.Finish();
        }

        var book = WorkbookReader.Open(path);
        CollectionAssert.AreEqual(new[] { "-500 is outside [0, 100]", "-500", "=résumé+données.csv", "@risk", "-", "007", "plain" }, book.Sheets["Row-Level Issues"][0].ToArray());
        CollectionAssert.AreEquivalent(new[] { "-500 is outside [0, 100]", "=résumé+données.csv", "@risk", "-" }, book.QuotePrefixed.ToArray());
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
        Assert.IsNull(cells[1].DataType, "-500 is a numeric cell");
        Assert.AreEqual("-500", cells[1].CellValue!.Text);
        Assert.AreEqual(0, book.FormulaCount);
        Assert.IsEmpty(WorkbookReader.ValidationErrors(path));
    }
}
