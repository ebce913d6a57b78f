using Agensium.Analysis;
using Agensium.Analysis.Profile;
using static Agensium.Scheduler.Tests.Analysis.ProfileAgents.ProfileAgentSupport;

namespace Agensium.Scheduler.Tests.Analysis.ProfileAgents;

/// <summary>test-coverage-agent scores on a hand-made file.</summary>
[TestClass]
public sealed class TestCoverageAgentTests
{
    private const string Data = """
        id,age,code
        1,25,AB-1
        2,130,AB-2
        2,40,xx
        3,abc,AB-4
        """;

    private AnalysisTestSupport _files = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void Init() => _files = new AnalysisTestSupport();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    public void Run_ShouldScoreHundred_WhenNothingIsConfigured()
    {
        var report = Run("{}");

        Assert.AreEqual(100, (double)report.SummaryMetrics["coverage_score"]!);
        Assert.IsTrue((bool)report.Data["nothing_configured"]!);
        Assert.AreEqual(0, report.RowIssues.Total);
    }

    [TestMethod]
    public void Run_ShouldDeductPerRule_WhenTestsFailOrColumnsAreMissing()
    {
        var report = Run("""
            {"unique_columns": ["id", "missing_col"],
             "range_tests": {"age": {"min": 0, "max": 120}, "nope": [0, 1]},
             "format_tests": {"code": "AB-\\d", "id": "("}}
            """);

        // Uniqueness: 100 − 20 (missing_col) − min(25, 1 duplicate / 4 rows = 25%) = 55.
        Assert.AreEqual(55, (double)report.SummaryMetrics["uniqueness_score"]!);
        // Range: 100 − 15 (nope) − 10 ("abc") − min(20, 130 is 1 of 4 = 25%) = 55.
        Assert.AreEqual(55, (double)report.SummaryMetrics["range_score"]!);
        // Format: 100 − 5 (invalid regex on id) − min(15, "xx" is 1 of 4 = 25%) = 80.
        Assert.AreEqual(80, (double)report.SummaryMetrics["format_score"]!);
        // 0.4·55 + 0.3·55 + 0.3·80 = 62.5.
        Assert.AreEqual(62.5, (double)report.SummaryMetrics["coverage_score"]!);
        Assert.AreEqual("needs_improvement", (string?)report.SummaryMetrics["status"]);
        // Row issues: duplicate id (row 2), age 130 (row 1), code "xx" (row 2).
        Assert.AreEqual(3, report.RowIssues.Total);
        Assert.AreEqual(2, report.RowIssues.AffectedRows.Count());
    }

    [TestMethod]
    public void Run_ShouldThrowInvalidParameters_WhenRangeTestIsMalformed()
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => Run("""{"range_tests": {"age": "high"}}"""));

        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, ex.ErrorCode);
    }

    [TestMethod]
    [DataRow("""{"minimum": 0, "maximum": 120}""", DisplayName = "minimum/maximum")]
    [DataRow("""{"Min": 0, "MAX": 120}""", DisplayName = "any case")]
    [DataRow("""{"min_value": 0, "max_value": 120, "comment": "years"}""", DisplayName = "min_value/max_value and a note")]
    public void Run_ShouldReadARangeTestsBounds_WhenWrittenAsQuarantineAndTheContractReadThem(string rule)
    {
        // Read as {"min": null, "max": null}: 0 violations and range_score 100 for a test that found 130 out of range.
        var report = Run("""{"range_tests": {"age": """ + rule + "}}");

        // 100 − 10 ("abc") − min(20, 130 is 1 of 4 = 25%) = 70.
        Assert.AreEqual(70, (double)report.SummaryMetrics["range_score"]!);
        Assert.AreEqual(0.0, (double)report.Data["parameters"]!["range_tests"]!["age"]!["min"]!);
        Assert.AreEqual(120.0, (double)report.Data["parameters"]!["range_tests"]!["age"]!["max"]!);
    }

    [TestMethod]
    [DataRow("""{"lower": 0, "upper": 120}""", "lower", DisplayName = "lower/upper")]
    [DataRow("""{"mni": 0}""", "mni", DisplayName = "a misspelt min")]
    [DataRow("{}", "no bound", DisplayName = "no bound")]
    [DataRow("[null, null]", "no bound", DisplayName = "a pair of nulls")]
    [DataRow("""{"min": null, "max": null}""", "no bound", DisplayName = "null bounds")]
    public void Run_ShouldThrowInvalidParameters_WhenARangeTestHasAKeyItDoesNotReadOrNoBound(string rule, string named)
    {
        var ex = Assert.ThrowsExactly<AnalysisException>(() => Run("""{"range_tests": {"age": """ + rule + "}}"));

        Assert.AreEqual(AnalysisErrorCodes.InvalidParameters, ex.ErrorCode);
        Assert.Contains("range_tests.age", ex.Message);
        Assert.Contains(named, ex.Message);
    }

    [TestMethod]
    public void Run_ShouldAcceptJsonStringLists_WhenUniqueColumnsComeAsText()
    {
        var report = Run("""{"unique_columns": "[\"code\"]"}""");

        Assert.AreEqual(100, (double)report.SummaryMetrics["uniqueness_score"]!);
        Assert.AreEqual(100, (double)report.SummaryMetrics["coverage_score"]!);
        Assert.AreEqual(1, (int)report.SummaryMetrics["tests_configured"]!);
    }

    [TestMethod]
    public void Uniqueness_ShouldTakeEqualNumbersWrittenDifferentlyForRepeats_OnlyInAColumnOfNumbers()
    {
        // The original reads a column of numbers as numbers: 1 and 1.0 repeat. In a column with text, "007" and "7" do not.
        // Big whole numbers stay exact (two 19-digit ids one apart are not equal as doubles would make them).
        var numbers = new TestCoverageAgent(Clock).Run(_files.AddText("n.csv", "id,code\n1,A1\n1.0,a1\n2,A2\n1234567890123456789,A3\n1234567890123456788,A4\n"),
            Params("test-coverage-agent", """{"unique_columns": ["id"]}"""), TestContext.CancellationToken);
        var text = new TestCoverageAgent(Clock).Run(_files.AddText("t.csv", "code,x\n007,1\n7,2\nA,3\n"),
            Params("test-coverage-agent", """{"unique_columns": ["code"]}"""), TestContext.CancellationToken);

        // 1 repeat of 5 rows: uniqueness 100 - 20 = 80.
        Assert.AreEqual(80, (double)numbers.SummaryMetrics["uniqueness_score"]!);
        Assert.AreEqual(1, numbers.RowIssues.Total);
        Assert.AreEqual(100, (double)text.SummaryMetrics["uniqueness_score"]!);
    }

    [TestMethod]
    public void Run_ShouldTestTheTextAsWritten_WhenValuesHaveSurroundingSpaces()
    {
        // "A " and "A" are two values (as the profiler counts them), and " B" does not fully match [A-Z]: no repeat,
        // one format violation in 4 → format 100 − min(15, 25) = 85; coverage 0.4·100 + 0.3·100 + 0.3·85 = 95.5.
        var report = new TestCoverageAgent(Clock).Run(_files.AddText("s.csv", "code\nA\n\"A \"\n\" B\"\nC\n"),
            Params("test-coverage-agent", """{"unique_columns": ["code"], "format_tests": {"code": "[A-Z]"}}"""), TestContext.CancellationToken);

        Assert.AreEqual(100, (double)report.SummaryMetrics["uniqueness_score"]!);
        Assert.AreEqual(85, (double)report.SummaryMetrics["format_score"]!);
        Assert.AreEqual(95.5, (double)report.SummaryMetrics["coverage_score"]!);
    }

    private AgentReport Run(string parameters) =>
        new TestCoverageAgent(Clock).Run(_files.AddText($"data{_files.Inputs.Count}.csv", Data), Params("test-coverage-agent", parameters), TestContext.CancellationToken);
}
