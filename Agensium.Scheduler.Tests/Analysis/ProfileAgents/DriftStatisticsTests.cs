using Agensium.Analysis.Profile;

namespace Agensium.Scheduler.Tests.Analysis.ProfileAgents;

/// <summary>KS, Kolmogorov p-values, PSI, JS divergence and Wasserstein against hand-derived and published values.</summary>
[TestClass]
public sealed class DriftStatisticsTests
{
    private const double Tolerance = 1e-6;

    [TestMethod]
    public void Statistic_ShouldBeHalf_WhenSamplesOverlapByHalf()
    {
        // F_a − F_b at x = 2: 0.5 − 0; x = 3: 0.75 − 0.25; x = 4: 1 − 0.5 → D = 0.5.
        Assert.AreEqual(0.5, KolmogorovSmirnov.Statistic([1, 2, 3, 4], [3, 4, 5, 6]), Tolerance);
        Assert.AreEqual(0, KolmogorovSmirnov.Statistic([1, 2, 3], [1, 2, 3]), Tolerance);
        Assert.AreEqual(1, KolmogorovSmirnov.Statistic([1, 2], [3, 4, 5]), Tolerance);
    }

    [TestMethod]
    public void Statistic_ShouldHandleTies_WhenValuesRepeatAcrossSamples()
    {
        // a = {1,1,2}, b = {1,2,2}: at x = 1: 2/3 − 1/3 = 1/3; at x = 2: 1 − 1 = 0 → D = 1/3.
        Assert.AreEqual(1.0 / 3, KolmogorovSmirnov.Statistic([1, 1, 2], [1, 2, 2]), Tolerance);
    }

    [TestMethod]
    [DataRow(0.5, 0.9639452436648751)]
    [DataRow(1.0, 0.26999967167735456)]
    [DataRow(1.3581, 0.05)]
    [DataRow(1.6276, 0.01)]
    [DataRow(1.2238, 0.10)]
    public void KolmogorovSurvival_ShouldMatchPublishedValues_WhenGivenCriticalPoints(double z, double expected)
    {
        // scipy.stats.kstwobign.sf(0.5), sf(1.0); the classic critical values 1.2238 (10%), 1.3581 (5%), 1.6276 (1%).
        Assert.AreEqual(expected, KolmogorovSmirnov.KolmogorovSurvival(z), 2e-4);
    }

    [TestMethod]
    public void AsymptoticPValue_ShouldFollowTheSeries_WhenComputedByHand()
    {
        // n = m = 4, D = 0.5: en = 2, z = √2·0.5, z² = 0.5, so Q = 2(e^−1 − e^−4 + e^−9 − e^−16) = 0.699372…
        double expected = 2 * (Math.Exp(-1) - Math.Exp(-4) + Math.Exp(-9) - Math.Exp(-16));
        Assert.AreEqual(expected, KolmogorovSmirnov.AsymptoticPValue(0.5, 4, 4), Tolerance);
        Assert.AreEqual(0.699372, KolmogorovSmirnov.AsymptoticPValue(0.5, 4, 4), 1e-5);

        // n = m = 10, D = 1: en = 5, z² = 5, Q = 2(e^−10 − e^−40) = 9.07999e−5.
        Assert.AreEqual(2 * Math.Exp(-10), KolmogorovSmirnov.AsymptoticPValue(1, 10, 10), 1e-10);
        Assert.AreEqual(1, KolmogorovSmirnov.AsymptoticPValue(0, 10, 10), Tolerance);
    }

    [TestMethod]
    public void ExactPValue_ShouldCountPathsByHand_WhenSamplesAreTiny()
    {
        // n = m = 10, D = 1: only the 2 paths of the C(20, 10) = 184,756 that run along an edge reach it.
        Assert.AreEqual(2.0 / 184756, KolmogorovSmirnov.PValue(1, 10, 10), 1e-15);
        // n = m = 4, D = 0.5: P(D ≥ 1/2) = 2·(C(8,2) − C(8,0))/C(8,4) = 2·27/70 = 0.771…
        Assert.AreEqual(54.0 / 70, KolmogorovSmirnov.PValue(0.5, 4, 4), 1e-12);
    }

    // Expected values from scipy 1.10 (scipy.stats._stats_py._attempt_exact_2kssamp(n1, n2, gcd, d, 'two-sided'), the
    // exact method ks_2samp uses when both samples hold at most 10,000 values).
    [TestMethod]
    [DataRow(296, 179, 0.04999622527555488, 0.9255860907848313)]
    [DataRow(296, 179, 0.15000754944889022, 0.011531167384695923)]
    [DataRow(296, 179, 0.29999622527555486, 2.2334153791643747e-09)]
    [DataRow(100, 100, 0.1, 0.7020569828664881)]
    [DataRow(100, 100, 0.3, 0.0002248739317492479)]
    [DataRow(5, 7, 0.2857142857142857, 0.9090909090909092)]
    [DataRow(5, 7, 0.6, 0.16666666666666663)]
    [DataRow(10, 3, 0.6, 0.2867132867132867)]
    [DataRow(50, 80, 0.15, 0.44799294306603127)]
    [DataRow(50, 80, 0.6, 7.548963990234096e-11)]
    [DataRow(200, 150, 0.15, 0.03855214825130296)]
    [DataRow(1000, 700, 0.05, 0.24552136352669604)]
    [DataRow(1000, 700, 0.15, 1.511262099954382e-08)]
    [DataRow(37, 41, 0.2999340804218853, 0.04522672719009359)]
    [DataRow(1, 5, 0.6, 1.0)]
    [DataRow(3000, 2000, 0.02, 0.7176579626086143)]
    [DataRow(3000, 2000, 0.05, 0.004836257555649373)]
    public void ExactPValue_ShouldMatchScipy(int n, int m, double d, double expected)
    {
        double p = KolmogorovSmirnov.ExactPValue(d, n, m);
        Assert.AreEqual(expected, p, Math.Max(1e-12, expected * 1e-9), $"n={n} m={m} d={d}");
        Assert.AreEqual(expected, KolmogorovSmirnov.ExactPValue(d, m, n), Math.Max(1e-12, expected * 1e-9), "symmetric in n and m");
    }

    [TestMethod]
    public void PValue_ShouldBeExact_WhileNeitherSampleExceedsTenThousand_AsScipyAutoIs()
    {
        // 6,000 × 5,000: scipy's method 'auto' is exact (p 0.04918, drift at alpha 0.05); the asymptotic value 0.0501
        // (used before, past n·m 25,000,000) flipped the call.
        Assert.AreEqual(0.0491754088554979, KolmogorovSmirnov.PValue(0.026, 6000, 5000), 1e-9);
        Assert.AreEqual(KolmogorovSmirnov.AsymptoticPValue(0.026, 10_001, 5000), KolmogorovSmirnov.PValue(0.026, 10_001, 5000));
        // A strongly drifted large pair keeps its (tiny) asymptotic p: the exact count would cost ~0.7 s for the same call.
        Assert.AreEqual(KolmogorovSmirnov.AsymptoticPValue(0.5, 10_000, 9_999), KolmogorovSmirnov.PValue(0.5, 10_000, 9_999));
        Assert.IsLessThan(KolmogorovSmirnov.TinyPValue, KolmogorovSmirnov.PValue(0.5, 10_000, 9_999));
    }

    [TestMethod]
    public void Psi_ShouldMatchHandValues_WhenSharesShift()
    {
        // (0.25 − 0.5)·ln 0.5 + (0.75 − 0.5)·ln 1.5 = 0.173287 + 0.101366.
        Assert.AreEqual(0.274653, DistributionDistance.Psi([0.5, 0.5], [0.25, 0.75]), 1e-6);
        // Floor: b = [1, 0.0001], c = [0.5, 0.5]: (0.5 − 1)·ln 0.5 + (0.5 − 0.0001)·ln 5000 = 0.346574 + 4.257745.
        Assert.AreEqual(4.604319, DistributionDistance.Psi([1, 0], [0.5, 0.5]), 1e-6);
        Assert.AreEqual(0, DistributionDistance.Psi([0.3, 0.7], [0.3, 0.7]), Tolerance);
    }

    [TestMethod]
    public void BinShares_ShouldClampOutsideValuesIntoEndBins_WhenCurrentLeavesTheBaselineRange()
    {
        // Baseline [0, 10], width 1: 0, 0.5, −1 → bin 0; 9.99, 10 (the max), 11 → bin 9.
        double[] shares = DistributionDistance.BinShares([0, 0.5, 9.99, 10, 11, -1], 0, 10);

        Assert.HasCount(10, shares);
        Assert.AreEqual(0.5, shares[0], Tolerance);
        Assert.AreEqual(0.5, shares[9], Tolerance);
        Assert.AreEqual(0, shares[1..9].Sum(), Tolerance);
    }

    [TestMethod]
    public void BinShares_ShouldSpreadValues_WhenTheBaselineRangeIsWiderThanADouble()
    {
        // max − min = 3.4e308 overflows to infinity: every value fell in the first bin and PSI/JS said no drift.
        // Bins of 0.34e308 from −1.7e308: 1e308 is in bin 7 ((1 + 1.7) / 0.34 = 7.94), 0 in bin 5.
        double[] shares = DistributionDistance.BinShares([-1.7e308, 0, 1e308, 1.7e308], -1.7e308, 1.7e308);

        CollectionAssert.AreEqual(new[] { 0.25, 0, 0, 0, 0, 0.25, 0, 0.25, 0, 0.25 }, shares);
        Assert.IsGreaterThan(1, DistributionDistance.Psi(
            DistributionDistance.BinShares([-1.7e308, -1.6e308], -1.7e308, 1.7e308),
            DistributionDistance.BinShares([1.6e308, 1.7e308], -1.7e308, 1.7e308)));
    }

    [TestMethod]
    public void JensenShannon_ShouldMatchScipyBase2_WhenDistributionsDiffer()
    {
        // scipy.spatial.distance.jensenshannon(p, q, base=2) ** 2.
        Assert.AreEqual(1, DistributionDistance.JensenShannon([1, 0], [0, 1]), Tolerance);
        // m = [0.75, 0.25]: KL(p‖m) = 0.207519, KL(q‖m) = 0.415037 → 0.311278.
        Assert.AreEqual(0.311278, DistributionDistance.JensenShannon([0.5, 0.5], [1, 0]), 1e-6);
        Assert.AreEqual(0, DistributionDistance.JensenShannon([0.2, 0.8], [0.2, 0.8]), Tolerance);
    }

    [TestMethod]
    public void Wasserstein_ShouldMatchScipyExamples_WhenSamplesAreShifted()
    {
        // scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) == 5.0 (its documentation example).
        Assert.AreEqual(5, DistributionDistance.Wasserstein([0, 1, 3], [5, 6, 8]), Tolerance);
        // [0] vs [1, 2]: ∫ |F_a − F_b| = 1·1 + 0.5·1 = 1.5.
        Assert.AreEqual(1.5, DistributionDistance.Wasserstein([0], [1, 2]), Tolerance);
        Assert.AreEqual(0, DistributionDistance.Wasserstein([1, 2, 3], [1, 2, 3]), Tolerance);
    }
}
