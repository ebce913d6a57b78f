using System.Globalization;
using System.Text;
using Agensium.Analysis.Profile;
using static Agensium.Scheduler.Tests.Analysis.ProfileAgents.ProfileAgentSupport;

namespace Agensium.Scheduler.Tests.Analysis.ProfileAgents;

/// <summary>
/// drift-detector's PSI noise guard where bins or categories are sparse, severity against the column's own threshold,
/// numeric bins over a range one outlier does not collapse, and categories gone from the current file (second outside probe).
/// </summary>
[TestClass]
public sealed class DriftNoiseGuardTests
{
    private AnalysisTestSupport _files = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void Init() => _files = new AnalysisTestSupport();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    public void Test_ShouldMergeSparseCategoriesLargestFirst_AndAddTheSmallCountBias()
    {
        // 70 values a side; a category expects min(n, m)·(b + c)/(n + m) = (b + c)/2 values. 30/28 and 30/32 stay; the
        // four of 5, 7, 5, 3 pooled values (2.5 … 3.5 expected) are grouped largest first, 7 + 5 + 5 + 3 = 20 (10 expected):
        // cells 30/28, 30/32, 10/10. Tested PSI = (−2/70)·ln(28/30) + (2/70)·ln(32/30) = 0.0019712 + 0.0018440.
        // Threshold: (2/70)·χ²₀.₉₉(2) (Wilson–Hilferty 9.2205) = 0.2634430, plus ½(2/70²)·(140/58 + 140/62 + 140/20) = 0.0023820.
        var test = PsiGuard.Test([30, 30, 4, 3, 2, 1], [28, 32, 1, 4, 3, 2], 70, 70, ordered: false, noiseGuard: true);

        Assert.AreEqual(0.0038152, test.Tested, 1e-6);
        Assert.AreEqual(0.2658250, test.Threshold, 1e-6);
        Assert.AreEqual(6, test.Cells);
        Assert.AreEqual(3, test.TestedCells);
        // AGENSIUM's PSI over the six categories is reported as before: 0.0830 (the floor is not reached here).
        Assert.AreEqual(0.0830320, test.Psi, 1e-6);
        Assert.IsFalse(test.Drifted);
        var plain = PsiGuard.Test([30, 30, 4, 3, 2, 1], [28, 32, 1, 4, 3, 2], 70, 70, ordered: false, noiseGuard: false);
        Assert.AreEqual(test.Psi, plain.Tested);
        Assert.AreEqual(0.1, plain.Threshold);
    }

    [TestMethod]
    public void Test_ShouldMergeSparseBinsWithTheirNeighbours()
    {
        // 100 a side: a cell closes, left to right, once it expects 10 values ((b + c)/2 ≥ 10): 2+4+9 / 1+1+4 (10.5),
        // 15/9, 20/16, 20/20, 15/19, 9/15, then 4+2 / 9+6 (10.5): seven cells.
        var test = PsiGuard.Test([2, 4, 9, 15, 20, 20, 15, 9, 4, 2], [1, 1, 4, 9, 16, 20, 19, 15, 9, 6], 100, 100, ordered: true, noiseGuard: true);

        Assert.AreEqual(10, test.Cells);
        Assert.AreEqual(7, test.TestedCells);
        // PSI over 15/6, 15/9, 20/16, 20/20, 15/19, 9/15, 6/15 (shares of 100).
        double expected = new[] { (15.0, 6.0), (15, 9), (20, 16), (20, 20), (15, 19), (9, 15), (6, 15) }
            .Sum(x => ((x.Item2 - x.Item1) / 100) * Math.Log(x.Item2 / x.Item1));
        Assert.AreEqual(expected, test.Tested, 1e-12);
    }

    [TestMethod]
    public void Run_ShouldNotCallSixtyCitiesDrawnFromOneDistributionDrifted_WhereTheOldThresholdDid()
    {
        // An outside probe: 60 cities drawn from one distribution at 120 rows a side gave PSI 1.5–2.0 against a
        // threshold of 1.41 ((2/120)·χ²₀.₉₉(59) = 84.7/60), so drift. Ten such pairs: the old rule calls most drifted,
        // the guard (cells expecting 10 values, small-count bias) about one in a hundred.
        int oldDrifts = 0;
        int drifts = 0;
        for (int seed = 0; seed < 10; seed++)
        {
            var rb = new Random(100 + seed);
            var rc = new Random(200 + seed);
            var b = new StringBuilder("city\n");
            var c = new StringBuilder("city\n");
            for (int i = 0; i < 120; i++)
            {
                b.Append(City(rb.Next(60))).Append('\n');
                c.Append(City(rc.Next(60))).Append('\n');
            }

            var report = new DriftDetectorAgent(Clock).Run(_files.AddText($"current{seed}.csv", c.ToString()), _files.AddText($"baseline{seed}.csv", b.ToString()),
                Params("drift-detector", "{}"), TestContext.CancellationToken);
            var city = ColumnOf(report, "city");
            int cells = (int)city["psi_noise_guard"]!["cells"]!;
            oldDrifts += (double)city["psi"]! > DriftColumnAnalyzer.PsiNoise(cells - 1, 120, 120) ? 1 : 0;
            drifts += (bool)city["drift_detected"]! ? 1 : 0;
        }

        Assert.IsGreaterThanOrEqualTo(8, oldDrifts, "the old threshold called most of these drifted");
        Assert.IsLessThanOrEqualTo(1, drifts);
    }

    [TestMethod]
    public void Run_ShouldCallFewOfFiftySparseSameDistributionColumnsDrifted()
    {
        // 50 columns of 60 cities (Zipf shares 1/r) at 200 rows a side, both files drawn alike: 81 % of such columns
        // passed the old threshold in a simulation; at most a few may pass the guarded one (1 % expected).
        var weights = Enumerable.Range(1, 60).Select(r => 1.0 / r).ToArray();
        var rb = new Random(5);
        var rc = new Random(6);
        var b = new StringBuilder(string.Join(",", Enumerable.Range(0, 50).Select(i => $"c{i}")) + "\n");
        var c = new StringBuilder(b.ToString());
        for (int row = 0; row < 200; row++)
        {
            b.Append(string.Join(",", Enumerable.Range(0, 50).Select(_ => City(Draw(rb, weights))))).Append('\n');
            c.Append(string.Join(",", Enumerable.Range(0, 50).Select(_ => City(Draw(rc, weights))))).Append('\n');
        }

        var report = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()),
            Params("drift-detector", "{}"), TestContext.CancellationToken);

        Assert.AreEqual(50, (int)report.SummaryMetrics["analysed_columns"]!);
        Assert.IsLessThanOrEqualTo(3, (int)report.SummaryMetrics["drifted_columns"]!);
    }

    [TestMethod]
    public void Run_ShouldStillFindATwentyPercentShiftOfMassBetweenCategories_AtAThousandRows()
    {
        // 1,000 rows a side. kind: 0.2 of the mass moves from "a" to "b" (0.3/0.25/0.2/0.15/0.1 → 0.1/0.45/…); city:
        // 60 cities (Zipf), a fifth of the current rows drawn from the reversed shares.
        double[] kinds = [0.3, 0.25, 0.2, 0.15, 0.1];
        double[] moved = [0.1, 0.45, 0.2, 0.15, 0.1];
        var weights = Enumerable.Range(1, 60).Select(r => 1.0 / r).ToArray();
        var reversed = weights.Reverse().ToArray();
        var rb = new Random(31);
        var rc = new Random(32);
        var b = new StringBuilder("kind,city\n");
        var c = new StringBuilder("kind,city\n");
        for (int i = 0; i < 1000; i++)
        {
            b.Append((char)('a' + Draw(rb, kinds))).Append(',').Append(City(Draw(rb, weights))).Append('\n');
            c.Append((char)('a' + Draw(rc, moved))).Append(',').Append(City(Draw(rc, rc.NextDouble() < 0.2 ? reversed : weights))).Append('\n');
        }

        var report = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()),
            Params("drift-detector", "{}"), TestContext.CancellationToken);

        Assert.IsTrue((bool)ColumnOf(report, "kind")["drift_detected"]!, ColumnOf(report, "kind").ToJsonString());
        Assert.IsTrue((bool)ColumnOf(report, "city")["drift_detected"]!, ColumnOf(report, "city").ToJsonString());
    }

    [TestMethod]
    public void Run_ShouldCallAKsDriftHigh_WhenEveryValueMovedWithinItsBin()
    {
        // 100 values in [0, 1) and 100 in [99, 100), every one 1 higher in the current file: bins 10 wide over [0, 99.99]
        // hold 100 and 100 on both sides (PSI 0), the KS statistic is 0.5 with p far below 0.01. It was "medium".
        var b = new StringBuilder("x\n");
        var c = new StringBuilder("x\n");
        foreach (double v in Enumerable.Range(0, 100).Select(i => i / 100.0).Concat(Enumerable.Range(0, 100).Select(i => 99 + (i / 100.0))))
        {
            b.Append(v.ToString("0.00", CultureInfo.InvariantCulture)).Append('\n');
            c.Append((v + 1).ToString("0.00", CultureInfo.InvariantCulture)).Append('\n');
        }

        var report = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()),
            Params("drift-detector", "{}"), TestContext.CancellationToken);

        var x = ColumnOf(report, "x");
        Assert.AreEqual(0.5, (double)x["ks_statistic"]!, 1e-9, x.ToJsonString());
        Assert.IsLessThan(0.1, (double)x["psi"]!, x.ToJsonString());
        Assert.IsTrue((bool)x["drift_detected"]!);
        Assert.AreEqual("high", (string?)x["severity"], x.ToJsonString());
    }

    [TestMethod]
    public void Run_ShouldGiveADriftFoundByKsAloneItsSeverityFromKs_NotFromAPsiBelowItsThreshold()
    {
        // 100 normal quantiles (Φ⁻¹((i + 0.5)/100), 3 decimals) and the same 0.55 higher (scipy: D 0.22, exact p 0.01558).
        // Bins over [−2.576, 2.576]: 2 4 9 15 20 20 15 9 4 2 against 0 2 4 8 15 20 19 16 9 7; PSI 0.3711 (> 0.25: "high" by
        // AGENSIUM's bands). Guarded: the tails merge, left to right, into cells expecting 10 values:
        // 15/6, 15/8, 20/15, 20/20, 15/19, 9/16, 6/16; tested PSI 0.2887 below its threshold 0.3421, so the drift is the KS test's: p ≥ α/5, "low".
        var (current, baseline) = NormalPair(0.55);

        var report = new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector", "{}"), TestContext.CancellationToken);
        var plain = new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector", """{"psi_noise_guard": false}"""), TestContext.CancellationToken);

        var x = ColumnOf(report, "x");
        Assert.AreEqual(0.22, (double)x["ks_statistic"]!, 1e-9);
        Assert.AreEqual(0.0156, (double)x["p_value"]!, 1e-4);
        Assert.AreEqual(0.3711, (double)x["psi"]!, 1e-4);
        Assert.AreEqual(0.2887, (double)x["psi_noise_guard"]!["psi_tested"]!, 1e-4);
        Assert.AreEqual(7, (int)x["psi_noise_guard"]!["cells_tested"]!);
        Assert.AreEqual(0.3421, (double)x["psi_threshold"]!, 1e-4);
        Assert.IsTrue((bool)x["drift_detected"]!);
        Assert.AreEqual("low", (string?)x["severity"]);
        // psi_noise_guard false: AGENSIUM's bands exactly (PSI 0.3711 > 0.25).
        Assert.AreEqual("high", (string?)ColumnOf(plain, "x")["severity"]);
        Assert.IsNull(ColumnOf(plain, "x")["psi_noise_guard"]);
    }

    [TestMethod]
    [DataRow(2.6, null, 0L, 0L, "high")]
    [DataRow(2.4, null, 0L, 0L, "medium")]
    [DataRow(1.01, null, 0L, 0L, "medium")]
    [DataRow(0.8, 0.15, 100_000L, 100_000L, "medium")]
    [DataRow(0.8, 0.21, 100_000L, 100_000L, "high")]
    [DataRow(0.8, 1.0, 1_000L, 1_000L, "high")]
    [DataRow(1.5, 0.5, 200L, 200L, "high")]
    [DataRow(0.8, 0.45, 100L, 100L, "high")]
    [DataRow(0.8, 0.32, 100L, 100L, "medium")]
    [DataRow(0.8, 0.24, 100L, 100L, "low")]
    [DataRow(0.8, 0.1, 1_000_000L, 1_000_000L, "low")]
    public void GuardedSeverity_ShouldJudgeThePsiAgainstItsThreshold_AndAKsOnlyDriftByItsDistanceAt95PercentConfidence(double ratio, double? ks, long n, long m, string expected)
    {
        // High above 2.5 times the threshold (0.25/0.1), medium above it; KS by D − 1.358·√((n + m)/(n·m)): high from
        // 0.197, medium from 0.126; the higher of the two. At 100 rows a side the noise is 0.192: D 0.24 and 0.32 (draws of
        // a 0.3σ shift, PSI 0.09, that were "high" on the raw statistic) are 0.048 (low) and 0.128 (medium).
        Assert.AreEqual(expected, DriftColumnAnalyzer.GuardedSeverity(true, ratio, ks, n, m));
        Assert.AreEqual("none", DriftColumnAnalyzer.GuardedSeverity(false, ratio, ks, n, m));
    }

    [TestMethod]
    public void Run_ShouldBinOverTheFencedRange_WhenOneOutlierPutsTheBaselineInOneBin_OnlyWithTheNoiseGuard()
    {
        // Baseline 1..100 three times and one 1,000,000 (301 values); current 1..50 once and 51..100 three times (200).
        // Over [1, 1,000,000] every amount is in bin 1: PSI = (1 − 300/301)·ln(301/300) + (0.0001 − 1/301)·ln(0.0301) = 0.0113,
        // no drift. The far-out fences (Q1 26 − 3·50, Q3 76 + 3·50: −124 and 226) leave 1..100: bins of 9.9 hold 30 baseline values each (the outlier in the last, 31) and 10 or 30 current ones:
        // PSI = 5·(0.05 − 30/301)·ln(0.05·301/30) + 4·(0.15 − 30/301)·ln(0.15·301/30) + (0.15 − 31/301)·ln(0.15·301/31) = 0.27129;
        // threshold (1/301 + 1/200)·21.6966 + ½(1/301² + 1/200²)·(5·501/40 + 4·501/60 + 501/61) = 0.18244. KS is not run (chi2).
        var b = new StringBuilder("amount\n");
        var c = new StringBuilder("amount\n");
        for (int round = 0; round < 3; round++)
        {
            for (int v = 1; v <= 100; v++)
            {
                b.Append(v).Append('\n');
            }
        }

        b.Append("1000000\n");
        for (int v = 1; v <= 100; v++)
        {
            c.Append(string.Concat(Enumerable.Repeat($"{v}\n", v <= 50 ? 1 : 3)));
        }

        var report = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()),
            Params("drift-detector", """{"method": "chi2"}"""), TestContext.CancellationToken);
        var plain = new DriftDetectorAgent(Clock).Run(_files.AddText("current2.csv", c.ToString()), _files.AddText("baseline2.csv", b.ToString()),
            Params("drift-detector", """{"method": "chi2", "psi_noise_guard": false}"""), TestContext.CancellationToken);

        // psi_noise_guard false: AGENSIUM's bins over the baseline's [min, max], its PSI 0.0113 and no drift (review:
        // the fenced range applied without the guard too, so psi was not AGENSIUM's figure).
        var agensium = ColumnOf(plain, "amount");
        Assert.AreEqual(0.0113, (double)agensium["psi"]!, 1e-4);
        Assert.IsFalse((bool)agensium["drift_detected"]!, agensium.ToJsonString());
        Assert.AreEqual("baseline_min_max", (string?)agensium["bins"]!["range"]);
        Assert.AreEqual(1000000, (double)agensium["bins"]!["high"]!);

        var amount = ColumnOf(report, "amount");
        Assert.AreEqual(0.2713, (double)amount["psi"]!, 1e-4);
        Assert.AreEqual(0.1824, (double)amount["psi_threshold"]!, 1e-4);
        Assert.IsTrue((bool)amount["drift_detected"]!, amount.ToJsonString());
        Assert.AreEqual("medium", (string?)amount["severity"], "0.2713 is 1.49 times its threshold");
        var bins = amount["bins"]!;
        Assert.AreEqual("tukey_fences", (string?)bins["range"]);
        Assert.AreEqual(1, (double)bins["low"]!);
        Assert.AreEqual(100, (double)bins["high"]!);
        Assert.AreEqual(1, (long)bins["baseline_outside"]!);
        Assert.AreEqual(0, (long)bins["current_outside"]!);
    }

    [TestMethod]
    public void Run_ShouldKeepTheBaselineMinMax_WhenNoBinHoldsMostOfTheBaseline()
    {
        var (current, baseline) = NormalPair(0.55);

        var report = new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector", "{}"), TestContext.CancellationToken);

        var bins = ColumnOf(report, "x")["bins"]!;
        Assert.AreEqual("baseline_min_max", (string?)bins["range"]);
        Assert.AreEqual(-2.576, (double)bins["low"]!);
        Assert.AreEqual(2.576, (double)bins["high"]!);
    }

    [TestMethod]
    public void Run_ShouldListAndCountTheCategoriesGoneFromTheCurrentFile()
    {
        // Baseline: a ×40, b ×30, c ×20, d ×10 and 60 rare codes r00…r59 once; current: a ×50, b ×40, e ×10. Gone: c, d
        // and the 60 codes (62), listed most frequent first, at most 50; new: e.
        var b = new StringBuilder("code\n");
        var c = new StringBuilder("code\n");
        foreach (var (value, count) in new[] { ("a", 40), ("b", 30), ("c", 20), ("d", 10) })
        {
            b.Append(string.Concat(Enumerable.Repeat(value + "\n", count)));
        }

        b.Append(string.Concat(Enumerable.Range(0, 60).Select(i => $"r{i:D2}\n")));
        foreach (var (value, count) in new[] { ("a", 50), ("b", 40), ("e", 10) })
        {
            c.Append(string.Concat(Enumerable.Repeat(value + "\n", count)));
        }

        var report = new DriftDetectorAgent(Clock).Run(_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()),
            Params("drift-detector", "{}"), TestContext.CancellationToken);

        var code = ColumnOf(report, "code");
        var missing = code["missing_categories"]!.AsArray().Select(n => (string?)n).ToArray();
        Assert.AreEqual(62, (long)code["missing_category_count"]!);
        Assert.HasCount(DriftColumnAnalyzer.CategoryListCap, missing);
        CollectionAssert.AreEqual(new[] { "c", "d", "r00", "r01" }, missing[..4]);
        CollectionAssert.AreEqual(new[] { "e" }, code["new_categories"]!.AsArray().Select(n => (string?)n).ToArray());
        Assert.AreEqual(1, (long)code["new_category_count"]!);
        Assert.IsTrue((bool)code["drift_detected"]!);
        StringAssert.Contains((string?)report.Issues.Single(i => (string?)i!["field_name"] == "code" && (string?)i["issue_type"] == "data_drift")!["message"],
            "62 categories of the baseline gone ('c', 'd', 'r00', 'r01', 'r02', …)");
    }

    [TestMethod]
    public void Run_ShouldCompareACodeColumnValueByValue_WhenItsBinsHoldSeveralCodes()
    {
        // Outside probe: status codes 1–30, 40 rows each in the baseline; in the current file code 1 is gone and code 2
        // has its rows. Ten bins 2.9 wide over [1, 30] put codes 1, 2 and 3 in the first bin (120 rows on both sides):
        // PSI 0, and the KS statistic 40/1200 = 0.033 is below its 5 % critical distance (0.055): "no drift".
        // Value by value: (0.0001 − 1/30)·ln(0.0001/(1/30)) + (1/15 − 1/30)·ln 2 = 0.1932 + 0.0231 = 0.2163 against a
        // threshold of 0.1 (30 cells of 40+ values: (2/1200)·χ²₀.₉₉(29) = 0.083, so AGENSIUM's 0.1): medium, code 1 gone.
        var b = new StringBuilder("status\n");
        var c = new StringBuilder("status\n");
        for (int code = 1; code <= 30; code++)
        {
            b.Append(string.Concat(Enumerable.Repeat($"{code}\n", 40)));
            c.Append(string.Concat(Enumerable.Repeat($"{code}\n", code switch { 1 => 0, 2 => 80, _ => 40 })));
        }

        var current = _files.AddText("current.csv", c.ToString());
        var baseline = _files.AddText("baseline.csv", b.ToString());
        var report = new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector", "{}"), TestContext.CancellationToken);

        var status = ColumnOf(report, "status");
        Assert.AreEqual("numeric", (string?)status["type"]);
        Assert.AreEqual(0, (double)status["psi"]!, 1e-9, status.ToJsonString());
        Assert.IsGreaterThan(0.05, (double)status["p_value"]!, status.ToJsonString());
        Assert.AreEqual(30, (int)status["values"]!["count"]!);
        Assert.AreEqual(0.2163, (double)status["values"]!["psi_tested"]!, 1e-4, status.ToJsonString());
        Assert.IsTrue((bool)status["drift_detected"]!, status.ToJsonString());
        Assert.AreEqual("medium", (string?)status["severity"]);
        CollectionAssert.AreEqual(new[] { "1" }, status["missing_categories"]!.AsArray().Select(n => (string?)n).ToArray());
        Assert.AreEqual(1, (long)status["missing_category_count"]!);
        StringAssert.Contains((string?)report.Issues.Single(i => (string?)i!["field_name"] == "status")!["message"], "its 30 values compared one by one");

        // psi_noise_guard false keeps AGENSIUM's bins alone: no drift, no value test.
        var plain = ColumnOf(new DriftDetectorAgent(Clock).Run(current, baseline, Params("drift-detector", """{"psi_noise_guard": false}"""),
            TestContext.CancellationToken), "status");
        Assert.IsFalse((bool)plain["drift_detected"]!);
        Assert.IsNull(plain["values"]);
    }

    private static readonly double[] UpperQuantiles =
    [
        0.013, 0.038, 0.063, 0.088, 0.113, 0.138, 0.164, 0.189, 0.215, 0.240, 0.266, 0.292, 0.319, 0.345, 0.372, 0.399, 0.426,
        0.454, 0.482, 0.510, 0.539, 0.568, 0.598, 0.628, 0.659, 0.690, 0.722, 0.755, 0.789, 0.824, 0.860, 0.896, 0.935, 0.974,
        1.015, 1.058, 1.103, 1.150, 1.200, 1.254, 1.311, 1.372, 1.440, 1.514, 1.598, 1.695, 1.812, 1.960, 2.170, 2.576,
    ];

    // x: the 100 normal quantiles (symmetric about 0) in the baseline, the same plus shift in the current file.
    private (Agensium.Analysis.InputFile Current, Agensium.Analysis.InputFile Baseline) NormalPair(double shift)
    {
        double[] values = [.. UpperQuantiles.Reverse().Select(v => -v), .. UpperQuantiles];
        var b = new StringBuilder("x\n");
        var c = new StringBuilder("x\n");
        foreach (double v in values)
        {
            b.Append(v.ToString("0.000", CultureInfo.InvariantCulture)).Append('\n');
            c.Append((v + shift).ToString("0.000", CultureInfo.InvariantCulture)).Append('\n');
        }

        return (_files.AddText("current.csv", c.ToString()), _files.AddText("baseline.csv", b.ToString()));
    }

    private static string City(int i) => $"City{i:D2}";

    private static int Draw(Random random, double[] weights)
    {
        double u = random.NextDouble() * weights.Sum();
        for (int i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
