using Agensium.Analysis.Profile;
using static Agensium.Scheduler.Tests.Analysis.ProfileAgents.ProfileAgentSupport;

namespace Agensium.Scheduler.Tests.Analysis.ProfileAgents;

/// <summary>readiness-rater figures on a hand-made file and on source_sample.csv.</summary>
[TestClass]
public sealed class ReadinessRaterAgentTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Run_ShouldMatchHandFigures_WhenFileHasEmptyUnnamedAndMixedColumns()
    {
        using var files = new AnalysisTestSupport();
        // a numeric; b text "x1", y, 5, z (first value has a digit, 25% numeric); column_3 (empty header) all null;
        // "Unnamed: 4" text; e all null.
        var input = files.AddText("data.csv", "a,b,,Unnamed: 4,e\n1,x1,,q,\n2,y,,r,\n3,5,,s,\n4,z,,t,\n");

        var report = new ReadinessRaterAgent(Clock).Run(input, Params("readiness-rater"), TestContext.CancellationToken);

        // Completeness: 12 non-null of 20 cells = 60.
        Assert.AreEqual(60, (double)report.SummaryMetrics["completeness_score"]!);
        // Consistency: 100 − 20·1/5 = 96 (b).
        Assert.AreEqual(96, (double)report.SummaryMetrics["consistency_score"]!);
        // Schema: 100 − 15·2 (all null) − 8·2 (unnamed) − 5·1 (b is 25% numeric) = 49.
        Assert.AreEqual(49, (double)report.SummaryMetrics["schema_health_score"]!);
        // 0.3·60 + 0.3·96 + 0.4·49 = 18 + 28.8 + 19.6 = 66.4.
        Assert.AreEqual(66.4, (double)report.SummaryMetrics["readiness_score"]!);
        Assert.AreEqual("needs_review", (string?)report.SummaryMetrics["readiness_status"]);
        Assert.IsNotNull(AlertOf(report, "alert_readiness_not_ready"));
    }

    [TestMethod]
    public void Run_ShouldRateNotReady_WhenScoreFallsBelowTheReviewThreshold()
    {
        using var files = new AnalysisTestSupport();
        var input = files.AddText("data.csv", "a,b\n1,\n,\n,\n,\n");

        var report = new ReadinessRaterAgent(Clock).Run(input, Params("readiness-rater", """{"review_threshold": 70}"""), TestContext.CancellationToken);

        // Completeness 1/8 = 12.5; consistency 100; schema 100 − 15 (b) = 85 → 3.75 + 30 + 34 = 67.75 < 70.
        Assert.AreEqual(67.75, (double)report.SummaryMetrics["readiness_score"]!);
        Assert.AreEqual("not_ready", (string?)report.SummaryMetrics["readiness_status"]);
        Assert.AreEqual(70, (double)report.Data["overrides"]!["review_threshold"]!);
    }

    [TestMethod]
    public void Run_ShouldTakeNineteenDigitIntegersForNumbers_AsPolarsReadsThemInt64()
    {
        using var files = new AnalysisTestSupport();
        var input = files.AddText("data.csv", "acct,code\n1234567890123456700,A1\n-9223372036854775808,B2\n9223372036854775807,C3\n");

        var report = new ReadinessRaterAgent(Clock).Run(input, Params("readiness-rater"), TestContext.CancellationToken);

        // Only code is text whose first value has a digit: 100 − 20·1/2 = 90 (acct was one too: 80).
        Assert.AreEqual(90, (double)report.SummaryMetrics["consistency_score"]!);
        // Its issue says why, not "mixes numbers and text (0 of 3 values numeric)".
        var message = (string?)report.Issues.Single(i => (string?)i!["field_name"] == "code")!["message"];
        Assert.AreEqual("Text column 'code' has text values holding digits (first value 'A1'; 0 of 3 values are numbers)", message);
    }

    [TestMethod]
    public void Run_ShouldRateReady_WhenRunOnTheCleanSourceSample()
    {
        var report = new ReadinessRaterAgent(Clock).Run(Sample("source_sample.csv"), Params("readiness-rater"), TestContext.CancellationToken);

        // No gaps: completeness 100, schema 100; ProductID and DateAdded start with a digit-bearing text → 100 − 20·2/7.
        Assert.AreEqual(100, (double)report.SummaryMetrics["completeness_score"]!);
        Assert.AreEqual(94.29, (double)report.SummaryMetrics["consistency_score"]!);
        Assert.AreEqual("ready", (string?)report.SummaryMetrics["readiness_status"]);
        Assert.IsEmpty(report.Alerts);
    }
}
