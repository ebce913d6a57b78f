using Agensium.Analysis.Profile;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>The KLL sketch behind the profiler's quartiles past its exact limit: exact when small, ≤ 1% rank error when large.</summary>
[TestClass]
public sealed class QuantileSketchTests
{
    private static double ExactRank(double[] sorted, double value)
    {
        var count = 0;
        foreach (var v in sorted)
        {
            count += v <= value ? 1 : 0;
        }
        return (double)count / sorted.Length;
    }

    [TestMethod]
    public void Sketch_ShouldBeExact_WhenItHoldsFewerValuesThanItsBuffer()
    {
        var sketch = new QuantileSketch();
        double[] values = [10, 12, 11, 13, 100, 12];
        foreach (var v in values)
        {
            sketch.Add(v);
        }
        Array.Sort(values);
        Assert.AreEqual(NumericSummary.Quantile(values, 0.25), sketch.Quantile(0.25), 1e-12);
        Assert.AreEqual(NumericSummary.Quantile(values, 0.5), sketch.Quantile(0.5), 1e-12);
        Assert.AreEqual(NumericSummary.Quantile(values, 0.75), sketch.Quantile(0.75), 1e-12);
        Assert.AreEqual(4.0 / 6, sketch.Rank(12), 1e-12);
        Assert.AreEqual(2.0 / 6, sketch.Rank(12, inclusive: false), 1e-12);
    }

    public static IEnumerable<object[]> Distributions() =>
    [
        ["uniform"], ["normal"], ["duplicated"], ["sorted"], ["skewed"],
    ];

    [TestMethod]
    [DynamicData(nameof(Distributions))]
    public void Sketch_ShouldKeepRanksWithinOnePercent_OverAMillionValues(string shape)
    {
        var random = new Random(42);
        var values = new double[1_000_000];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = shape switch
            {
                "uniform" => random.NextDouble() * 1000,
                "normal" => 50 + (10 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())),
                "duplicated" => random.Next(10),
                "sorted" => i,
                _ => Math.Exp(random.NextDouble() * 12),
            };
        }
        var sketch = new QuantileSketch();
        foreach (var v in values)
        {
            sketch.Add(v);
        }
        Array.Sort(values);
        Assert.AreEqual(values.LongLength, sketch.Count);
        Assert.IsLessThan(20_000, sketch.Retained, "the sketch stays small");
        foreach (var q in new[] { 0.01, 0.25, 0.5, 0.75, 0.99 })
        {
            var estimate = sketch.Quantile(q);
            // The estimate's true rank brackets q within 1% (ties make a whole range of ranks correct).
            var below = ExactRank(values, Math.BitDecrement(estimate));
            var upTo = ExactRank(values, estimate);
            Assert.IsTrue(below - 0.01 <= q && q <= upTo + 0.01, $"{shape} q={q}: estimate {estimate} has rank {below}..{upTo}");
        }
        foreach (var probe in new[] { values[100_000], values[500_000], values[900_000] })
        {
            Assert.AreEqual(ExactRank(values, probe), sketch.Rank(probe), 0.01, $"{shape}: rank of {probe}");
        }
    }
}
