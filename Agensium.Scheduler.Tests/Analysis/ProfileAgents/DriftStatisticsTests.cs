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
    public void PValue_ShouldFollowTheAsymptoticSeries_WhenComputedByHand()
    {
        // n = m = 4, D = 0.5: en = 2, z = √2·0.5, z² = 0.5, so Q = 2(e^−1 − e^−4 + e^−9 − e^−16) = 0.699372…
        double expected = 2 * (Math.Exp(-1) - Math.Exp(-4) + Math.Exp(-9) - Math.Exp(-16));
        Assert.AreEqual(expected, KolmogorovSmirnov.PValue(0.5, 4, 4), Tolerance);
        Assert.AreEqual(0.699372, KolmogorovSmirnov.PValue(0.5, 4, 4), 1e-5);

        // n = m = 10, D = 1: en = 5, z² = 5, Q = 2(e^−10 − e^−40) = 9.07999e−5.
        Assert.AreEqual(2 * Math.Exp(-10), KolmogorovSmirnov.PValue(1, 10, 10), 1e-10);
        Assert.AreEqual(1, KolmogorovSmirnov.PValue(0, 10, 10), Tolerance);
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
