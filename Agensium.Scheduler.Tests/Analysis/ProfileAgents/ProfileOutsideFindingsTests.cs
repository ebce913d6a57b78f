using System.Text.Json.Nodes;
using Agensium.Analysis.Profile;
using static Agensium.Scheduler.Tests.Analysis.AnalysisTestSupport;
using static Agensium.Scheduler.Tests.Analysis.ProfileAgents.ProfileAgentSupport;

namespace Agensium.Scheduler.Tests.Analysis.ProfileAgents;

/// <summary>profile-my-data cases an outside tester found wrong, each with the figure computed by hand (numpy/scipy).</summary>
[TestClass]
public sealed class ProfileOutsideFindingsTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Profile_ShouldReportFiniteFigures_WhenValuesAreNearDoublesLimits()
    {
        using var files = new AnalysisTestSupport();
        // Ordinary finite doubles whose squares (1e310) or sum (2e308) pass double's range: the whole report failed.
        files.AddText("big.csv", "id,v,w\n1,1,1e308\n2,2,1e308\n3,1e155,1\n");

        var report = await files.RunReportAsync(TestContext.CancellationToken);

        var v = Column(report, "v")["numeric_stats"]!;
        // numpy: std([1, 2, 1e155], ddof=1) = 5.7735e154, mean 3.3333e154.
        Assert.AreEqual(5.7735e154, (double)v["std"]!, 1e150);
        Assert.AreEqual(3.3333e154, (double)v["mean"]!, 1e150);
        var w = Column(report, "w")["numeric_stats"]!;
        Assert.AreEqual(6.6667e307, (double)w["mean"]!, 1e303);
        Assert.AreEqual(5.7735e307, (double)w["std"]!, 1e303);
        Assert.IsTrue(File.Exists(Path.ChangeExtension(files.ReportPath, ".xlsx")));
    }

    [TestMethod]
    public async Task Profile_ShouldCountANumericColumnsValuesByNumber_WhenOneNumberIsWrittenSeveralWays()
    {
        using var files = new AnalysisTestSupport();
        // pandas reads both columns as float64: zero has nunique 1 (a constant column), one has 2 (1.0 and 1000.0).
        files.AddText("spellings.csv", "id,zero,one\n1,0,1\n2,-0,1.0\n3,0.0,+1\n4,-0.0,1E3\n5,0,1000\n6,0,1e3\n");

        var report = await files.RunReportAsync(TestContext.CancellationToken);

        var zero = Column(report, "zero");
        Assert.AreEqual(1, (long)zero["distinct_count"]!);
        Assert.AreEqual(50, (double)zero["quality"]!["consistency"]!);
        Assert.AreEqual(0, (double)zero["entropy"]!);
        var top = zero["top_values"]!.AsArray();
        Assert.HasCount(1, top);
        Assert.AreEqual("0", (string?)top[0]!["value"]);
        Assert.AreEqual(6, (long)top[0]!["count"]!);
        Assert.IsTrue(Issues(report).Any(i => (string?)i["field_name"] == "zero" && (string?)i["issue_type"] == "constant_column"));

        var one = Column(report, "one");
        Assert.AreEqual(2, (long)one["distinct_count"]!);
        // Three of six each: 1 (written 1, 1.0, +1; shown "+1", the first in ordinal order) and 1000 (1E3, 1000, 1e3).
        Assert.AreEqual(1, (double)one["entropy"]!, 1e-4);
        CollectionAssert.AreEquivalent(new[] { 3L, 3L }, one["top_values"]!.AsArray().Select(v => (long)v!["count"]!).ToArray());
    }

    [TestMethod]
    public async Task Profile_ShouldInterpolateQuartiles_WhenTwoValuesSpanMoreThanDoublesRange()
    {
        using var files = new AnalysisTestSupport();
        // Sorted -1e308, 1e308, 1e308: Q1 lies half way between the first two, at 0 (a + t·(b − a) overflowed to ∞, the
        // IQR to −∞, and all three values were outliers); the median and Q3 are 1e308.
        files.AddText("span.csv", "id,v\n1,1e308\n2,-1e308\n3,1e308\n");

        var report = await files.RunReportAsync(TestContext.CancellationToken);

        var v = Column(report, "v")["numeric_stats"]!;
        Assert.AreEqual(0, (double)v["q1"]!);
        Assert.AreEqual(1e308, (double)v["median"]!);
        Assert.AreEqual(1e308, (double)v["q3"]!);
        Assert.AreEqual(1e308, (double)v["iqr"]!);
        Assert.AreEqual(0, (long)v["outlier_count"]!);
    }

    [TestMethod]
    [DataRow("0", "never")]
    [DataRow("1", "always")]
    [DataRow("\"0\"", "never")]
    public void Drift_ShouldRefuseASignificanceLevelOfZeroOrOne(string alpha, string effect)
    {
        // alpha 0 was taken: p < 0 never holds, so no column could drift by the KS test, without a word.
        var ex = Assert.ThrowsExactly<Agensium.Analysis.AnalysisException>(() => DriftSettings.From(Params("drift-detector", $$"""{"alpha": {{alpha}}}""")));

        Assert.AreEqual("INVALID_PARAMETERS", ex.ErrorCode);
        Assert.Contains("drift-detector.alpha", ex.Message);
        Assert.Contains(effect, ex.Message);
        Assert.AreEqual(0.01, DriftSettings.From(Params("drift-detector", """{"alpha": 0.01}""")).Alpha);
    }

    [TestMethod]
    public void Drift_ShouldShowSmallFiguresWithFourSignificantDigits_NotZero()
    {
        using var files = new AnalysisTestSupport();
        var baseline = files.AddText("baseline.csv", "v\n" + string.Join("\n", Enumerable.Range(0, 10).Select(i => (-0.001 - (i * 1e-5)).ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n");
        var current = files.AddText("current.csv", "v\n" + string.Join("\n", Enumerable.Range(0, 10).Select(i => (-0.0009 - (i * 1e-5)).ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n");

        var report = new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector", """{"min_sample_size": 4}"""), TestContext.CancellationToken);

        var v = ColumnOf(report, "v");
        // Every current value is 1e-4 above its baseline twin: Δmean = Wasserstein = 1e-4 (were shown as 0.0001 and
        // rounded away below that); D = 1 with 10 and 10 values: p = 2 / C(20, 10) = 1.0825e-5 (was shown as 0).
        Assert.AreEqual(1e-4, (double)v["delta_mean"]!, 1e-9);
        Assert.AreEqual(1e-4, (double)v["wasserstein_distance"]!, 1e-9);
        Assert.AreEqual(1.083e-5, (double)v["p_value"]!, 1e-9);
    }

    [TestMethod]
    public void Drift_ShouldCompareANumericColumnAsNumbers_WhenOneCurrentValueIsStrayText()
    {
        using var files = new AnalysisTestSupport();
        var values = Enumerable.Range(1, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var baseline = files.AddText("baseline.csv", "amount\n" + string.Join("\n", values) + "\n");
        values[41] = "abc";
        var current = files.AddText("current.csv", "amount\n" + string.Join("\n", values) + "\n");

        var report = new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector", """{"min_sample_size": 4}"""), TestContext.CancellationToken);

        var amount = ColumnOf(report, "amount");
        // Was: categorical, PSI 4.4, "high" drift with 99 numbers listed as new categories.
        Assert.AreEqual("numeric", (string?)amount["type"]);
        Assert.IsFalse((bool)amount["drift_detected"]!, amount.ToJsonString());
        Assert.AreEqual(1, (long)amount["non_numeric_values"]!["current"]!);
        Assert.AreEqual(0, (long)amount["non_numeric_values"]!["baseline"]!);
        Assert.AreEqual(99, (long)amount["current_count"]!);
    }

    [TestMethod]
    public void Drift_ShouldCompareANumericColumnAsNumbers_WhenAPlaceholderFillsAFewPercentOnBothSides()
    {
        using var files = new AnalysisTestSupport();
        static string Prices(int shift) => "price\n" + string.Join("\n", Enumerable.Range(0, 200)
            .Select(i => (i + shift) % 29 == 0 ? "unknown" : (10 + (i % 50) * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "\n";
        var baseline = files.AddText("baseline.csv", Prices(0));
        var current = files.AddText("current.csv", Prices(3));

        var report = new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector", """{"min_sample_size": 10}"""), TestContext.CancellationToken);

        var price = ColumnOf(report, "price");
        // Was: categorical (7 'unknown' of 200 is below 98 % numbers), PSI 6.4, "high", every price a "new category".
        Assert.AreEqual("numeric", (string?)price["type"], price.ToJsonString());
        Assert.IsFalse((bool)price["drift_detected"]!, price.ToJsonString());
        Assert.AreEqual(7, (long)price["non_numeric_values"]!["baseline"]!);
    }

    [TestMethod]
    public void Drift_ShouldReportColumnsWhoseShareOfEmptyValuesMoved()
    {
        using var files = new AnalysisTestSupport();
        // n: 0 % empty → 30 % (3 of 10); gone: 100 % empty (skipped as too small) → 0 %; same: 10 % → 10 %.
        var baseline = files.AddText("baseline.csv", "n,gone,same\n" + string.Join("\n", Enumerable.Range(1, 10).Select(i => $"{i},,{(i == 1 ? "" : "x")}")) + "\n");
        var current = files.AddText("current.csv", "n,gone,same\n" + string.Join("\n", Enumerable.Range(1, 10).Select(i => $"{(i <= 3 ? "" : i.ToString(System.Globalization.CultureInfo.InvariantCulture))},v{i},{(i == 2 ? "" : "x")}")) + "\n");

        var report = new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector", """{"min_sample_size": 2}"""), TestContext.CancellationToken);

        var changes = report.Data["null_rate_changes"]!.AsArray();
        CollectionAssert.AreEqual(new[] { "n", "gone" }, changes.Select(n => (string?)n!["column"]).ToArray());
        Assert.AreEqual(30.0, (double)changes[0]!["current_null_pct"]!);
        Assert.AreEqual(100.0, (double)changes[1]!["baseline_null_pct"]!);
        Assert.IsTrue(report.Alerts.Any(a => ((string?)a!["message"])!.Contains("'n' 0% → 30%", StringComparison.Ordinal)), report.Alerts.ToJsonString());
        Assert.AreEqual(2, (int)report.SummaryMetrics["null_rate_changes"]!);
    }

    [TestMethod]
    public void Drift_ShouldReportColumnsWhoseValuesChangedKind()
    {
        using var files = new AnalysisTestSupport();
        // code: numbers → codes; city: names → numbers; amount: numbers on both sides; few: 5 values a side, too few to judge.
        string Rows(Func<int, string> row) => string.Join("\n", Enumerable.Range(1, 40).Select(row)) + "\n";
        var baseline = files.AddText("baseline.csv", "code,city,amount,few\n" + Rows(i => $"{100 + i},{(i % 2 == 0 ? "Paris" : "Lyon")},{i}.5,{(i <= 5 ? "1" : "")}"));
        var current = files.AddText("current.csv", "code,city,amount,few\n" + Rows(i => $"C{i % 3},{i % 4},{i}.25,{(i <= 5 ? "x" : "")}"));

        var report = new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector", """{"min_sample_size": 2}"""), TestContext.CancellationToken);

        var changes = report.Data["type_changes"]!.AsArray();
        CollectionAssert.AreEqual(new[] { "code numeric→text", "city text→numeric" },
            changes.Select(t => $"{t!["column"]} {t["baseline_type"]}→{t["current_type"]}").ToArray(), changes.ToJsonString());
        Assert.AreEqual(2, (int)report.SummaryMetrics["type_changes"]!);
        var alert = report.Alerts.Single(a => ((string?)a!["alert_id"])!.EndsWith("type_change", StringComparison.Ordinal))!;
        Assert.AreEqual("high", (string?)alert["severity"]);
        StringAssert.Contains((string?)alert["message"], "'code' numeric → text");
    }

    [TestMethod]
    public async Task Profile_ShouldSayAConstantColumnIsEmpty_WhenItHoldsNoValue()
    {
        using var files = new AnalysisTestSupport();
        files.AddText("data.csv", "a,c,k\n1,,x\n2,,x\n");

        var report = await files.RunReportAsync(TestContext.CancellationToken, ["unified-profiler"]);

        var alert = report["alerts"]!.AsArray().Single(a => (string?)a!["alert_id"] == "alert_profiler_constant_columns")!;
        Assert.AreEqual("2 column(s) hold a single value or none (empty: c): c, k", (string?)alert["message"]);
    }

    [TestMethod]
    public void Drift_ShouldGiveNoStdChange_WhenASideHasASingleValue()
    {
        using var files = new AnalysisTestSupport();
        var baseline = files.AddText("baseline.csv", "v\n5\n");
        var current = files.AddText("current.csv", "v\n1\n2\n3\n4\n");

        var report = new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector", """{"min_sample_size": 1}"""), TestContext.CancellationToken);

        var v = ColumnOf(report, "v");
        Assert.IsNull(v["delta_std"], "a sample standard deviation needs two values");
        Assert.AreEqual(-2.5, (double)v["delta_mean"]!);
    }

    [TestMethod]
    public async Task Profile_ShouldKeepDateTextAStringType_WithADateSemantic()
    {
        using var files = new AnalysisTestSupport();
        files.AddText("events.csv", "id,event_date\n1,2023-01-15\n2,2023-02-01\n3,2023-03-03\n");

        var report = await files.RunReportAsync(TestContext.CancellationToken);

        var date = Column(report, "event_date");
        Assert.AreEqual("string", (string?)date["inferred_type"], "AGENSIUM 5.1: date text stays string");
        Assert.AreEqual("date", (string?)date["detected_semantic"]);
    }

    [TestMethod]
    public void Grade_ShouldFollowTheScoreAsShown()
    {
        Assert.AreEqual("A", QualityScoring.Grade(89.998), "shown as 90.00");
        Assert.AreEqual("B", QualityScoring.Grade(89.994), "shown as 89.99");
    }

    [TestMethod]
    public void Readiness_ShouldStayOnA100Scale_WhenTheWeightsDoNotSumToOne()
    {
        using var files = new AnalysisTestSupport();
        var input = files.AddText("data.csv", "a,b,,Unnamed: 4,e\n1,x1,,q,\n2,y,,r,\n3,5,,s,\n4,z,,t,\n");

        var report = new ReadinessRaterAgent(Clock).Run(input,
            Params("readiness-rater", """{"completeness_weight": 0.5, "consistency_weight": 0.5, "schema_weight": 0.5}"""), TestContext.CancellationToken);

        // Completeness 60, consistency 96, schema 49 (ReadinessRaterAgentTests), weighed equally: (60 + 96 + 49) / 3 = 68.33.
        Assert.AreEqual(68.33, (double)report.SummaryMetrics["readiness_score"]!);
        var used = report.Data["parameters"]!;
        Assert.AreEqual(1.0 / 3, (double)used["schema_weight"]!, 1e-9, "the report shows the weights as used");
    }

    [TestMethod]
    public void Weights_ShouldBeRefused_WhenAllAreZero()
    {
        var ex = Assert.ThrowsExactly<Agensium.Analysis.AnalysisException>(() => ReadinessSettings.From(
            Params("readiness-rater", """{"completeness_weight": 0, "consistency_weight": 0, "schema_weight": 0}""")));
        Assert.AreEqual("INVALID_PARAMETERS", ex.ErrorCode);
    }

    private static IEnumerable<JsonObject> Issues(JsonObject report) => report["issues"]!.AsArray().Select(i => i!.AsObject());
}
