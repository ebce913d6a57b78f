using System.Text;
using Agensium.Analysis.Profile;
using static Agensium.Scheduler.Tests.Analysis.ProfileAgents.ProfileAgentSupport;

namespace Agensium.Scheduler.Tests.Analysis.ProfileAgents;

/// <summary>drift-detector figures on small hand-made files (min_sample_size lowered to 4).</summary>
[TestClass]
public sealed class DriftDetectorAgentTests
{
    // AGENSIUM's rule (PSI > 0.1) on files of ten rows, whose hand figures these tests check: the noise guard, which
    // asks more of a PSI on so few values, is off here and tested on its own below.
    private const string SmallParams = """{"min_sample_size": 4, "psi_noise_guard": false}""";
    private AnalysisTestSupport _files = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void Init() => _files = new AnalysisTestSupport();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    public void Run_ShouldMatchHandFigures_WhenEveryValueShiftsByTen()
    {
        var (current, baseline) = ShiftedPair();

        var report = new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector", SmallParams), TestContext.CancellationToken);

        var v = ColumnOf(report, "v");
        // D = 1 with 10 and 10 values: p = 2 / C(20, 10) = 1.08e−5 (exact).
        Assert.AreEqual(1, (double)v["ks_statistic"]!);
        Assert.AreEqual(0.0001, (double)v["p_value"]!, 1e-4);
        // Baseline 1..10 fills each of the 10 bins with 0.1; current 11..20 all land in the last bin:
        // PSI = 9·(0.0001 − 0.1)·ln(0.001) + 0.9·ln 10 = 6.210765 + 2.072327.
        Assert.AreEqual(8.2831, (double)v["psi"]!, 1e-4);
        // JS: m = 0.05 ×9, 0.55; KL(P‖M) = 0.9 − 0.1·log2 5.5 = 0.654057, KL(Q‖M) = log2(1/0.55) = 0.862496.
        Assert.AreEqual(0.7583, (double)v["js_divergence"]!, 1e-4);
        Assert.AreEqual(10, (double)v["wasserstein_distance"]!);
        Assert.AreEqual(10, (double)v["delta_mean"]!);
        Assert.AreEqual(0, (double)v["delta_std"]!);
        Assert.AreEqual(10, (double)v["delta_median"]!);
        Assert.AreEqual("high", (string?)v["severity"]);
        // c: baseline a .5 b .5, current a .2 b .8: (−0.3)·ln 0.4 + 0.3·ln 1.6 = 0.274887 + 0.141001.
        var c = ColumnOf(report, "c");
        Assert.AreEqual("categorical", (string?)c["type"]);
        Assert.AreEqual(0.4159, (double)c["psi"]!, 1e-4);
        Assert.IsTrue((bool)c["drift_detected"]!);
        Assert.IsNull(c["p_value"]);
    }

    [TestMethod]
    public void Run_ShouldReportSchemaChangesAndSkippedColumns_WhenColumnsDiffer()
    {
        var (current, baseline) = ShiftedPair();

        var report = new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector", SmallParams), TestContext.CancellationToken);

        // Shared v, c, sparse (2 values < 4 → skipped); drifted v, c → 2/3.
        Assert.AreEqual(3, (int)report.SummaryMetrics["shared_columns"]!);
        Assert.AreEqual(2, (int)report.SummaryMetrics["drifted_columns"]!);
        Assert.AreEqual(0.6667, (double)report.SummaryMetrics["overall_drift_score"]!);
        Assert.AreEqual("warning", (string?)report.SummaryMetrics["drift_status"]);
        Assert.AreEqual("sparse", (string?)report.Data["skipped_columns"]![0]!["column"]);
        Assert.AreEqual("old", (string?)report.Data["missing_columns"]![0]);
        Assert.AreEqual("extra", (string?)report.Data["new_columns"]![0]);
        Assert.AreEqual("critical", (string?)AlertOf(report, "alert_drift_missing_columns")!["severity"]);
        Assert.IsNotNull(AlertOf(report, "alert_drift_new_columns"));
        // Every current v value lies outside the baseline range [1, 10]; c has no unseen category.
        Assert.AreEqual(10, report.RowIssues.Total);
        Assert.IsTrue(report.RowIssues.Kept.All(r => (string?)r["column"] == "v"));
    }

    [TestMethod]
    public void Run_ShouldFindNoDrift_WhenBothFilesAreIdentical()
    {
        string text = "v\n" + string.Join("\n", Enumerable.Range(1, 8)) + "\n";
        var current = _files.AddText("current.csv", text);
        var baseline = _files.AddText("baseline.csv", text);

        var report = new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector", SmallParams), TestContext.CancellationToken);

        Assert.AreEqual(1, (double)ColumnOf(report, "v")["p_value"]!);
        Assert.AreEqual(0, (double)ColumnOf(report, "v")["psi"]!);
        Assert.AreEqual("success", (string?)report.SummaryMetrics["drift_status"]);
        Assert.IsEmpty(report.Alerts);
    }

    [TestMethod]
    public void Run_ShouldReportChi2AsUnimplemented_WhenMethodIsChi2()
    {
        var (current, baseline) = ShiftedPair();

        var report = new DriftDetectorAgent(Clock).Run(current, baseline,
            Params("drift-detector", """{"min_sample_size": 4, "method": "chi2"}"""), TestContext.CancellationToken);

        Assert.IsFalse((bool)report.Data["statistical_test"]!["implemented"]!);
        Assert.IsNull(ColumnOf(report, "v")["p_value"]);
        Assert.IsNotNull(AlertOf(report, "alert_drift_method_not_implemented"));
        // A configuration alert, a `warning:` line of the CLI: it names whose parameter it is, as the unused-parameter ones do.
        StringAssert.StartsWith((string?)AlertOf(report, "alert_drift_method_not_implemented")!["message"], "Parameter drift-detector.method chi2 ");
        Assert.IsTrue((bool)ColumnOf(report, "v")["drift_detected"]!);
    }

    [TestMethod]
    public void Run_ShouldThrowAgentRunException_WhenThereIsNoBaseline()
    {
        var current = _files.AddText("current.csv", "v\n1\n");

        var ex = Assert.ThrowsExactly<AgentRunException>(() =>
            new DriftDetectorAgent(Clock).Run(current, null, Params("drift-detector"), TestContext.CancellationToken));

        Assert.AreEqual(DriftDetectorAgent.BaselineRequiredMessage, ex.Message);
    }

    [TestMethod]
    public void Run_ShouldThrowAgentRunException_WhenBaselineIsEmpty()
    {
        var current = _files.AddText("current.csv", "v\n1\n");
        var baseline = _files.AddText("baseline.csv", "");

        var ex = Assert.ThrowsExactly<AgentRunException>(() =>
            new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector"), TestContext.CancellationToken));

        Assert.AreEqual("INVALID_INPUT_FILE", ex.ErrorCode);
    }

    [TestMethod]
    public void Run_ShouldThrowOperationCanceled_WhenTokenIsCancelled()
    {
        var (current, baseline) = ShiftedPair();

        Assert.ThrowsExactly<OperationCanceledException>(() =>
            new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector"), new CancellationToken(canceled: true)));
    }

    [TestMethod]
    public void Run_ShouldCompareColumnsWhoseNamesDifferOnlyInCaseOrSpaces_WhenTheMatchIsUnambiguous()
    {
        // "Amount" / "amount " pair up; "Code" / "CODE" and "code" do not (two candidates on the current side).
        var b = new StringBuilder("Amount,Code\n");
        var c = new StringBuilder("amount ,CODE,code\n");
        for (int i = 1; i <= 10; i++)
        {
            b.Append($"{i},x\n");
            c.Append($"{i + 10},x,x\n");
        }

        var report = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()),
            Params("drift-detector", SmallParams), TestContext.CancellationToken);

        Assert.AreEqual(1, (int)report.SummaryMetrics["shared_columns"]!);
        Assert.IsTrue((bool)ColumnOf(report, "amount ")["drift_detected"]!, "findings name the column as the analysed (current) file does");
        Assert.IsTrue(report.RowIssues.Kept.All(i => (string?)i["column"] == "amount "), string.Join(", ", report.RowIssues.Kept.Select(i => (string?)i["column"])));
        Assert.AreEqual("amount ", (string?)report.Issues.Single(i => (string?)i!["issue_type"] == "data_drift")!["field_name"]);
        var matched = report.Data["columns_matched_ignoring_case"]!.AsArray().Single()!;
        Assert.AreEqual("Amount", (string?)matched["baseline"]);
        Assert.AreEqual("amount ", (string?)matched["current"]);
        CollectionAssert.AreEqual(new[] { "Code" }, report.Data["missing_columns"]!.AsArray().Select(n => (string?)n).ToArray());
        CollectionAssert.AreEqual(new[] { "CODE", "code" }, report.Data["new_columns"]!.AsArray().Select(n => (string?)n).ToArray());
        Assert.IsNotNull(AlertOf(report, "alert_drift_renamed_columns"));
        Assert.AreEqual(10, report.RowIssues.Total, "row issues of the loosely paired column come from the current file");
    }

    [TestMethod]
    public void Run_ShouldTakeALeadingSpaceForANewCategory_AndShowASmallPValueInItsIssue()
    {
        // Categories were trimmed: a feed that began writing " A" for "A" showed no new category. A p-value below
        // 0.005 was written "KS p = 0" in the issue while the column's figures gave 1e-6.
        var b = new StringBuilder("c,v\n");
        var c = new StringBuilder("c,v\n");
        for (int i = 0; i < 60; i++)
        {
            b.Append(i % 2 == 0 ? "A" : "B").Append(',').Append(i).Append('\n');
            c.Append(i % 2 == 0 ? " A" : "B").Append(',').Append(i + 40).Append('\n');
        }

        var report = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()),
            Params("drift-detector", SmallParams), TestContext.CancellationToken);

        CollectionAssert.AreEqual(new[] { " A" }, ColumnOf(report, "c")["new_categories"]!.AsArray().Select(n => (string?)n).ToArray());
        double p = (double)ColumnOf(report, "v")["p_value"]!;
        Assert.IsLessThan(0.001, p);
        var message = (string?)report.Issues.Single(i => (string?)i!["field_name"] == "v" && (string?)i["issue_type"] == "data_drift")!["message"];
        StringAssert.Contains(message, "KS p = " + p.ToString("0.##E+00", System.Globalization.CultureInfo.InvariantCulture));
    }

    // v: 1..10 vs 11..20; c: 5 a + 5 b vs 2 a + 8 b; sparse: 2 values each side; old: baseline only; extra: current only.
    [TestMethod]
    public void Run_ShouldCompareDecimalCommaAmountsAsNumbers_WhenOnlyTheirWritingChanged()
    {
        // The same ten amounts, written "1,5" in the baseline and "1,50" now: read in the column's notation they are
        // equal, so KS D = 0 (p = 1), PSI 0 and every delta 0. As text they were 20 categories, 10 of them new: PSI 20·0.0999·ln 1000 = 13.80, high.
        var b = new StringBuilder("betrag;menge\n");
        var c = new StringBuilder("betrag;menge\n");
        for (int i = 1; i <= 10; i++)
        {
            b.Append($"{i},5;{i}\n");
            c.Append($"{i},50;{i}\n");
        }

        var report = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()),
            Params("drift-detector", SmallParams), TestContext.CancellationToken);

        var betrag = ColumnOf(report, "betrag");
        Assert.AreEqual("numeric", (string?)betrag["type"]);
        Assert.AreEqual("decimal_comma", (string?)betrag["notation"]);
        Assert.AreEqual(0, (double)betrag["ks_statistic"]!);
        Assert.AreEqual(1, (double)betrag["p_value"]!, 1e-9);
        Assert.AreEqual(0, (double)betrag["psi"]!);
        Assert.AreEqual(0, (double)betrag["delta_mean"]!);
        Assert.AreEqual(0, (double)betrag["delta_median"]!);
        Assert.IsFalse((bool)betrag["drift_detected"]!);
        Assert.IsEmpty(betrag["new_categories"]!.AsArray());
        Assert.AreEqual(0, (int)report.SummaryMetrics["drifted_columns"]!);
        Assert.AreEqual(0, (int)report.SummaryMetrics["type_changes"]!);
    }

    [TestMethod]
    public void Run_ShouldCompareUsGroupedAmountsAsNumbers_WhenOnlyTheirWritingChanged()
    {
        // "1,100" … "11,000" (no decimal comma anywhere: US thousands) in the baseline, 1100 … 11000 now: equal numbers.
        var b = new StringBuilder("amount\n");
        var c = new StringBuilder("amount\n");
        for (int i = 1; i <= 10; i++)
        {
            b.Append($"\"{(i * 1100).ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)}\"\n");
            c.Append($"{i * 1100}\n");
        }

        var report = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()),
            Params("drift-detector", SmallParams), TestContext.CancellationToken);

        var amount = ColumnOf(report, "amount");
        Assert.AreEqual("numeric", (string?)amount["type"]);
        Assert.IsNull(amount["notation"]);
        Assert.AreEqual(0, (double)amount["psi"]!);
        Assert.IsFalse((bool)amount["drift_detected"]!);
        Assert.AreEqual(0, (int)report.SummaryMetrics["type_changes"]!);
    }

    [TestMethod]
    [DataRow("{0}.5", "\"{0},50\"", "decimal_point", "decimal_comma")]
    [DataRow("\"{0}.234,5\"", "\"{0},234.50\"", "decimal_comma", "decimal_point")]
    public void Run_ShouldCompareTheNumbersAndReportTheNotationChange_WhenEachFileWritesItsOwnNotation(
        string baselineFormat, string currentFormat, string baselineNotation, string currentNotation)
    {
        // "1.5" (or "1,234.50") says one file writes decimal points, "1,50" (or "1.234,5") the other decimal commas: each
        // side is read in its own, so the same amounts are equal numbers (no drift, no type change), and the switch of
        // the feed's notation is a finding of its own (it was a type change and a PSI of 13.8 before).
        var b = new StringBuilder("betrag\n");
        var c = new StringBuilder("betrag\n");
        for (int i = 1; i <= 10; i++)
        {
            b.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, baselineFormat, i)).Append('\n');
            c.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, currentFormat, i)).Append('\n');
        }

        var report = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()),
            Params("drift-detector", SmallParams), TestContext.CancellationToken);

        var betrag = ColumnOf(report, "betrag");
        Assert.AreEqual("numeric", (string?)betrag["type"]);
        Assert.AreEqual(0, (double)betrag["psi"]!);
        Assert.AreEqual(0, (double)betrag["delta_mean"]!);
        Assert.IsFalse((bool)betrag["drift_detected"]!);
        Assert.IsNull(betrag["notation"]);
        Assert.AreEqual(baselineNotation, (string?)betrag["notation_change"]!["baseline"]);
        Assert.AreEqual(currentNotation, (string?)betrag["notation_change"]!["current"]);
        Assert.AreEqual(0, (int)report.SummaryMetrics["type_changes"]!);
        Assert.AreEqual(1, (int)report.SummaryMetrics["notation_changes"]!);
        var change = report.Data["notation_changes"]!.AsArray().Single()!;
        Assert.AreEqual("betrag", (string?)change["column"]);
        Assert.AreEqual(baselineNotation, (string?)change["baseline_notation"]);
        Assert.AreEqual(currentNotation, (string?)change["current_notation"]);
        var alert = report.Alerts.Single(a => (string?)a!["alert_id"] is { } id && id.Contains("notation_change"))!;
        Assert.AreEqual("high", (string?)alert["severity"]);
        Assert.IsNotNull(report.Issues.SingleOrDefault(i => (string?)i!["issue_type"] == "notation_change" && (string?)i["field_name"] == "betrag"));
    }

    [TestMethod]
    public void Run_ShouldNotReportANotationChange_WhenOneSideHoldsPlainIntegers()
    {
        // Plain integers read alike in either notation: "12" beside "12,50" is no change of notation.
        var b = new StringBuilder("betrag\n");
        var c = new StringBuilder("betrag\n");
        for (int i = 1; i <= 10; i++)
        {
            b.Append($"{i}\n");
            c.Append($"\"{i},50\"\n");
        }

        var report = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()),
            Params("drift-detector", SmallParams), TestContext.CancellationToken);

        Assert.AreEqual(0, (int)report.SummaryMetrics["notation_changes"]!);
        Assert.AreEqual("decimal_comma", (string?)ColumnOf(report, "betrag")["notation"]);
        Assert.AreEqual(0.5, (double)ColumnOf(report, "betrag")["delta_mean"]!, 1e-9);
    }

    [TestMethod]
    public void Run_ShouldComparePercentagesAsNumbers()
    {
        // "12,5%" … in both files, the current one a point higher: numbers (delta_mean 1), not 20 categories.
        var b = new StringBuilder("rabatt\n");
        var c = new StringBuilder("rabatt\n");
        for (int i = 1; i <= 10; i++)
        {
            b.Append($"\"{i},5%\"\n");
            c.Append($"\"{i + 1},5 %\"\n");
        }

        var report = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()),
            Params("drift-detector", SmallParams), TestContext.CancellationToken);

        var rabatt = ColumnOf(report, "rabatt");
        Assert.AreEqual("numeric", (string?)rabatt["type"]);
        Assert.AreEqual("decimal_comma", (string?)rabatt["notation"]);
        Assert.AreEqual(1, (double)rabatt["delta_mean"]!, 1e-9);
        Assert.IsEmpty(rabatt["new_categories"]!.AsArray());
    }

    [TestMethod]
    public void Run_ShouldNotCallResampledDataDrifted_WhenItsPsiIsWithinChanceForItsSize()
    {
        // Two samples of 100 from one normal distribution (fixed seeds) and a 20-level category: an outside probe found
        // most such columns "drifted" by PSI > 0.1 alone. With the guard a PSI must pass what chance reaches 1 time in
        // 100 at that size (0.43 over 10 bins at 100 a side); the KS p-value still decides as before.
        var b = new StringBuilder("x,level\n");
        var c = new StringBuilder("x,level\n");
        var rb = new Random(11);
        var rc = new Random(12);
        for (int i = 0; i < 100; i++)
        {
            b.Append(FormattableString.Invariant($"{Normal(rb):0.000},L{rb.Next(20)}\n"));
            c.Append(FormattableString.Invariant($"{Normal(rc):0.000},L{rc.Next(20)}\n"));
        }

        var files = (_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()));
        var guarded = new DriftDetectorAgent(Clock).Run(files.Item1, files.Item2, Params("drift-detector", "{}"), TestContext.CancellationToken);
        var plain = new DriftDetectorAgent(Clock).Run(files.Item1, files.Item2, Params("drift-detector", """{"psi_noise_guard": false}"""), TestContext.CancellationToken);

        var x = ColumnOf(guarded, "x");
        var level = ColumnOf(guarded, "level");
        Assert.IsGreaterThan(0.1, (double)level["psi"]!, "AGENSIUM's rule alone calls this category drifted");
        Assert.IsTrue((bool)ColumnOf(plain, "level")["drift_detected"]!);
        Assert.IsFalse((bool)level["drift_detected"]!, level.ToJsonString());
        Assert.IsFalse((bool)x["drift_detected"]!, x.ToJsonString());
        // The 20 levels expect 5 values each, too few for the χ² approximation: they are merged, largest first, into 8
        // cells of at least 10 expected (20 pooled values), so χ²(7) 99th percentile 18.48 × (1/100 + 1/100) = 0.3695, plus
        // the small-count bias ½(2/100²)·Σ 200/(b + c) over the 8 cells (~0.007); the threshold and cells are in the report.
        Assert.AreEqual(0.377, (double)level["psi_threshold"]!, 0.002, level.ToJsonString());
        Assert.AreEqual(8, (int)level["psi_noise_guard"]!["cells_tested"]!);
        Assert.AreEqual(20, (int)level["psi_noise_guard"]!["cells"]!);
        Assert.AreEqual(0, (int)guarded.SummaryMetrics["drifted_columns"]!);
    }

    [TestMethod]
    public void Run_ShouldStillFindARealShift_WhenTheNoiseGuardIsOn()
    {
        // 100 values a side, the current ones 1.5 standard deviations higher, and a category whose mix moved from
        // 50/50 to 90/10: both drift.
        var b = new StringBuilder("x,kind\n");
        var c = new StringBuilder("x,kind\n");
        var rb = new Random(21);
        var rc = new Random(22);
        for (int i = 0; i < 100; i++)
        {
            b.Append(FormattableString.Invariant($"{Normal(rb):0.000},{(i % 2 == 0 ? "a" : "b")}\n"));
            c.Append(FormattableString.Invariant($"{Normal(rc) + 1.5:0.000},{(i % 10 == 0 ? "b" : "a")}\n"));
        }

        var report = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()),
            Params("drift-detector", "{}"), TestContext.CancellationToken);

        Assert.IsTrue((bool)ColumnOf(report, "x")["drift_detected"]!);
        Assert.IsTrue((bool)ColumnOf(report, "kind")["drift_detected"]!, ColumnOf(report, "kind").ToJsonString());
    }

    [TestMethod]
    [DataRow(9, 100, 100, 0.433)]
    [DataRow(9, 10_000, 10_000, 0.00433)]
    [DataRow(1, 50, 50, 0.265)]
    public void PsiNoise_ShouldBeTheChiSquare99thPercentileScaledBySampleSizes(int df, int n, int m, double expected)
    {
        // χ² 99th percentiles: 21.666 (9 df), 6.635 (1 df; Wilson–Hilferty gives 6.61).
        Assert.AreEqual(expected, DriftColumnAnalyzer.PsiNoise(df, n, m), expected * 0.01);
    }

    [TestMethod]
    public void Run_ShouldCompareBooleansWrittenInAnotherCaseAsTheSameValues()
    {
        // A workbook's TRUE/FALSE against pandas' True/False, the same 6/4 mix: no drift (PSI was 17, every value new).
        var b = new StringBuilder("is_member\n");
        var c = new StringBuilder("is_member\n");
        for (int i = 0; i < 10; i++)
        {
            b.Append(i < 6 ? "TRUE\n" : "FALSE\n");
            c.Append(i < 6 ? "True\n" : "False\n");
        }

        var report = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()),
            Params("drift-detector", SmallParams), TestContext.CancellationToken);

        var member = ColumnOf(report, "is_member");
        Assert.AreEqual(0, (double)member["psi"]!);
        Assert.IsFalse((bool)member["drift_detected"]!);
        Assert.IsEmpty(member["new_categories"]!.AsArray());
    }

    [TestMethod]
    public void Run_ShouldCompareAmountsWithACurrencySignAsNumbers()
    {
        // "$1,100.50" … in the baseline, the same amounts without the sign now, and "12,50 €" on both sides: numbers,
        // no type change, no drift (as text they were 20 categories, 10 new, PSI 13.8).
        var b = new StringBuilder("price;preis\n");
        var c = new StringBuilder("price;preis\n");
        for (int i = 1; i <= 10; i++)
        {
            b.Append(FormattableString.Invariant($"${i * 1100:#,0}.50;{i},50 €\n"));
            c.Append(FormattableString.Invariant($"{i * 1100}.50;{i},50 €\n"));
        }

        var report = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()),
            Params("drift-detector", SmallParams), TestContext.CancellationToken);

        foreach (var name in new[] { "price", "preis" })
        {
            var column = ColumnOf(report, name);
            Assert.AreEqual("numeric", (string?)column["type"], column.ToJsonString());
            Assert.AreEqual(0, (double)column["psi"]!);
        }

        Assert.AreEqual(0, (int)report.SummaryMetrics["type_changes"]!);
    }

    [TestMethod]
    public void Run_ShouldFindAChangeInHowIdsAndEmailsAreWritten_ButNotANewMonthOfThem()
    {
        // 20,000 rows a side. Baseline C0000001… and name@example.com; a new month of the same format must not drift
        // (every value is new, and AGENSIUM's floored PSI is noise); the feed writing CUST-0000001 and NAME@EXAMPLE.ORG
        // must (an outside probe: PSI 0.0 for the e-mails, 0.02 for the ids, no drift).
        static string File(int offset, bool changed)
        {
            var csv = new StringBuilder("customer_id,email\n");
            for (int i = 0; i < 20_000; i++)
            {
                int n = offset + i;
                csv.Append(changed ? $"CUST-{n:D7},USER{n}@EXAMPLE.ORG\n" : $"C{n:D7},user{n}@example.com\n");
            }

            return csv.ToString();
        }

        var baseline = _files.AddText("baseline.csv", File(0, changed: false));
        var sameFormat = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", File(20_000, changed: false)), baseline,
            Params("drift-detector", "{}"), TestContext.CancellationToken);
        var changedFormat = new DriftDetectorAgent(Clock).Run(_files.AddText("current2.csv", File(20_000, changed: true)), baseline,
            Params("drift-detector", "{}"), TestContext.CancellationToken);

        foreach (var name in new[] { "customer_id", "email" })
        {
            var same = ColumnOf(sameFormat, name);
            Assert.IsFalse((bool)same["drift_detected"]!, same.ToJsonString()[..Math.Min(400, same.ToJsonString().Length)]);
            Assert.AreEqual(0, (double)same["value_shapes"]!["psi"]!);
            var changed = ColumnOf(changedFormat, name);
            Assert.IsTrue((bool)changed["drift_detected"]!, name);
            Assert.IsTrue((bool)changed["value_shapes"]!["drift_detected"]!);
            Assert.AreEqual("high", (string?)changed["severity"]);
        }

        Assert.AreEqual("A-9", (string?)ColumnOf(changedFormat, "customer_id")["value_shapes"]!["new_shapes"]![0]);
        StringAssert.Contains((string?)changedFormat.Issues.Single(i => (string?)i!["field_name"] == "customer_id" && (string?)i["issue_type"] == "data_drift")!["message"],
            "its values are written another way (shape PSI");
        Assert.AreEqual("A9@A.A", (string?)ColumnOf(changedFormat, "email")["value_shapes"]!["new_shapes"]![0]);
    }

    [TestMethod]
    [DataRow(150)]
    [DataRow(500)]
    public void Run_ShouldNotCallANewMonthOfUniqueIdsDrifted_AtSmallSizesEither(int rows)
    {
        // Every id unique: the floored category PSI (5.7 at 500 a side) passed the noise threshold (4.4); the shapes decide.
        static string File(int offset, int count) =>
            "order_id\n" + string.Concat(Enumerable.Range(offset, count).Select(n => $"ORD-{n:D6}\n"));

        var report = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", File(rows, rows)), _files.AddText("baseline.csv", File(0, rows)),
            Params("drift-detector", "{}"), TestContext.CancellationToken);

        var id = ColumnOf(report, "order_id");
        Assert.IsFalse((bool)id["drift_detected"]!, id.ToJsonString()[..300]);
    }

    [TestMethod]
    public void PayeeName_ShouldBeAnOrganizationNotAPerson()
    {
        Assert.AreEqual(Agensium.Analysis.Master.MatchFieldKind.Organization, Agensium.Analysis.Master.MatchKeys.KindOf("payee_name"));
        Assert.AreEqual(Agensium.Analysis.Master.MatchFieldKind.FullName, Agensium.Analysis.Master.MatchKeys.KindOf("customer_name"));
    }

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    private (Agensium.Analysis.InputFile Current, Agensium.Analysis.InputFile Baseline) ShiftedPair()
    {
        var b = new StringBuilder("v,c,sparse,old\n");
        var c = new StringBuilder("extra,v,c,sparse\n");
        for (int i = 1; i <= 10; i++)
        {
            b.Append($"{i},{(i <= 5 ? "a" : "b")},{(i <= 2 ? "1" : "")},o\n");
            c.Append($"x,{i + 10},{(i <= 2 ? "a" : "b")},{(i <= 2 ? "1" : "")}\n");
        }

        return (_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()));
    }
}
