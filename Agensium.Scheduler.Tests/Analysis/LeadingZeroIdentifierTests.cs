using System.Text.Json.Nodes;
using Agensium.Analysis.Clean;
using Agensium.Analysis.Common;
using Agensium.Scheduler.Tests.Analysis.Clean;
using static Agensium.Scheduler.Tests.Analysis.AnalysisTestSupport;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// Digits written with a leading zero are an identifier's in both tools (<see cref="LeadingZeros"/>): the profiler
/// typed a column of "0150", "02134" as integer (mean 150…) while type-fixer kept it text (stop 48).
/// </summary>
[TestClass]
public sealed class LeadingZeroIdentifierTests
{
    // zip: one leading zero among four ZIP codes; code: "0150" twice beside "150" and "20"; signed: zero-padded but
    // signed (a quantity); half: "0.5", "00.5" (a decimal point: a quantity); zero: "0" is the number zero; phone:
    // national numbers with a trunk 0 and one without; ref: text with leading-zero digits among it.
    private const string Csv = "zip,code,amount,signed,half,zero,phone,ref\n"
        + "02134,0150,10,-0150,0.5,0,01501234567,007\n"
        + "94105,150,20,-0020,1.5,0,07911123456,A12\n"
        + "10001,0150,30,15,00.5,1,4155551234,0150\n"
        + "60316,20,40,5,2,2,02079460958,B7\n";

    private const double Tolerance = 1e-9;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("02134", true)]
    [DataRow(" 0150 ", true)]
    [DataRow("00", true)]
    [DataRow("0", false)]
    [DataRow("0.5", false)]
    [DataRow("00.5", false)]
    [DataRow("-0150", false)]
    [DataRow("+0150", false)]
    [DataRow("1e05", false)]
    [DataRow("150", false)]
    [DataRow("0150 123", false)]
    public void IsWritten_ShouldTakeDigitsOnlyStartingWithZero(string value, bool expected) =>
        Assert.AreEqual(expected, LeadingZeros.IsWritten(value));

    [TestMethod]
    public async Task Profiler_ShouldTypeLeadingZeroColumnsAsText_WithTheirFiguresAsText()
    {
        using var files = new AnalysisTestSupport();
        files.AddText("ids.csv", Csv);
        var report = await files.RunReportAsync(TestContext.CancellationToken, ["unified-profiler"]);

        foreach (var (name, zeros) in new[] { ("zip", 1L), ("code", 2L), ("phone", 3L) })
        {
            var column = Column(report, name);
            Assert.AreEqual("string", (string?)column["inferred_type"], name);
            Assert.IsNull(column["numeric_stats"], name);
            Assert.AreEqual(4, (long)column["numeric_like_count"]!, name);
            Assert.AreEqual(zeros, (long)column["leading_zero_count"]!, name);
        }

        // "0150" and "150" are two identifiers, counted by text: 3 distinct, lengths 4, 3, 4, 2.
        var code = Column(report, "code");
        Assert.AreEqual(3, (long)code["distinct_count"]!);
        Assert.AreEqual("0150", (string?)code["top_values"]![0]!["value"]);
        Assert.AreEqual(2, (long)code["top_values"]![0]!["count"]!);
        Assert.AreEqual(2, (int)code["text_length"]!["min"]!);
        Assert.AreEqual(4, (int)code["text_length"]!["max"]!);
        Assert.AreEqual(3.25, (double)code["text_length"]!["mean"]!, Tolerance);
        Assert.AreEqual("text", (string?)Column(report, "zip")["detected_semantic"]);
        Assert.AreEqual("phone", (string?)Column(report, "phone")["detected_semantic"]);

        // Quantities: a sign or a decimal point says so, and "0" is zero. (-150 − 20 + 15 + 5) / 4, (0.5 + 1.5 + 0.5 + 2) / 4, 3 / 4.
        AssertNumeric(report, "signed", "integer", -37.5, -150, 15);
        AssertNumeric(report, "half", "float", 1.125, 0.5, 2);
        AssertNumeric(report, "zero", "integer", 0.75, 0, 2);
        AssertNumeric(report, "amount", "integer", 25, 10, 40);

        // No "numeric-looking text" in identifier columns: type-fixer would convert none of them.
        var profiler = Profiler(report);
        Assert.IsFalse(report["issues"]!.AsArray().Any(i => (string?)i!["issue_type"] == "mixed_types"), report["issues"]!.ToJsonString());
        Assert.IsFalse(report["row_level_issues"]!.AsArray().Any(i => (string?)i!["issue_type"] == "numeric_text"));
        Assert.AreEqual(4, (long)profiler["summary_metrics"]!["numeric_columns"]!);
    }

    [TestMethod]
    public async Task ProfilerTypes_ShouldBeTheTypesTypeFixerWrites_ForEveryColumn()
    {
        using var profile = new AnalysisTestSupport();
        profile.AddText("ids.csv", Csv);
        var report = await profile.RunReportAsync(TestContext.CancellationToken, ["unified-profiler"]);
        using var clean = new CleanTestFiles();
        var fixer = clean.RunAgent(TypeFixerAgent.AgentId, Csv, ct: TestContext.CancellationToken);

        var written = CleanTestFiles.Data(fixer)["column_types"]!.AsObject();
        foreach (var (name, type) in written)
        {
            Assert.AreEqual((string?)type, (string?)Column(report, name)["inferred_type"], name);
        }

        Assert.AreEqual("float", (string?)written["half"], "00.5 is a quantity's notation");
        CollectionAssert.AreEquivalent(new[] { "zip", "code", "phone" },
            CleanTestFiles.Data(fixer)["identifier_columns_kept_as_text"]!.AsArray().Select(n => (string?)n).ToArray());
        var (_, rows) = CleanTestFiles.ReadCsv(fixer.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "02134", "0150", "10", "-0150", "0.5", "0", "01501234567", "007" }, rows[0]);
        CollectionAssert.AreEqual(new[] { "10001", "0150", "30", "15", "00.5", "1", "4155551234", "0150" }, rows[2]);
    }

    [TestMethod]
    public async Task DriftDetector_ShouldCompareLeadingZeroColumnsAsCategories_AsTheProfilerTypesThem()
    {
        // ZIP codes were compared as numbers (KS, mean shift of ZIP codes) beside a profile that calls them text.
        using var files = new AnalysisTestSupport();
        string[] zips = ["02134", "94105", "10001", "60316"];
        string Rows(int shift) => string.Concat(Enumerable.Range(0, 120).Select(i => $"{zips[(i + shift) % 4]},{i}\n"));
        files.AddText("baseline.csv", "zip,amount\n" + Rows(0));
        files.AddText("current.csv", "zip,amount\n" + Rows(1));
        var report = await files.RunReportAsync(TestContext.CancellationToken, ["unified-profiler", "drift-detector"]);

        var columns = report["agent_results"]!["drift-detector"]!["data"]!["columns"]!.AsArray();
        Assert.AreEqual("categorical", (string?)columns.Single(c => (string?)c!["column"] == "zip")!["type"]);
        Assert.AreEqual("numeric", (string?)columns.Single(c => (string?)c!["column"] == "amount")!["type"]);
        Assert.AreEqual("string", (string?)Column(report, "zip")["inferred_type"]);
    }

    [TestMethod]
    public void FieldStandardization_ShouldStandardiseALeadingZeroColumn_AsTheTextColumnItIs()
    {
        // The column of codes was "numeric" to field-standardization, so target_columns and synonyms naming it did nothing.
        using var clean = new CleanTestFiles();
        var result = clean.RunAgent(FieldStandardizationAgent.AgentId, Csv,
            """{"target_columns": ["code"], "synonym_mappings": {"code": {"150": "0150"}}}""", TestContext.CancellationToken);

        var (_, rows) = CleanTestFiles.ReadCsv(result.CleanedFilePath!);
        CollectionAssert.AreEqual(new[] { "0150", "0150", "0150", "20" }, rows.Select(r => r[1]).ToArray());
        var data = CleanTestFiles.Data(result);
        Assert.AreEqual("code", (string?)data["columns"]!.AsArray().Single()!["column"]);
        Assert.AreEqual(1, (long)data["columns"]![0]!["values_changed"]!);
        CollectionAssert.AreEquivalent(new[] { "amount", "signed", "half", "zero" },
            data["numeric_columns_skipped"]!.AsArray().Select(n => (string?)n).ToArray());
    }

    [TestMethod]
    public void NullHandler_ShouldSuggestTheModeForAZipColumn_NotTheMedian()
    {
        using var clean = new CleanTestFiles();
        var result = clean.RunAgent(NullHandlerAgent.AgentId, "zip,v\n02134,1\n,2\n94105,3\n10001,\n");

        var suggested = CleanTestFiles.Data(result)["suggested_strategies"]!;
        Assert.AreEqual("mode", (string?)suggested["zip"]!["strategy"]);
        Assert.AreEqual("median", (string?)suggested["v"]!["strategy"]);
    }

    private static void AssertNumeric(JsonObject report, string name, string type, double mean, double min, double max)
    {
        var column = Column(report, name);
        Assert.AreEqual(type, (string?)column["inferred_type"], name);
        Assert.AreEqual(0, (long)column["leading_zero_count"]!, name);
        Assert.AreEqual(mean, (double)column["numeric_stats"]!["mean"]!, Tolerance, name);
        Assert.AreEqual(min, (double)column["numeric_stats"]!["min"]!, Tolerance, name);
        Assert.AreEqual(max, (double)column["numeric_stats"]!["max"]!, Tolerance, name);
    }
}
