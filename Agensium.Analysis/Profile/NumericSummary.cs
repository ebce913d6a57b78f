using Agensium.Analysis.Common;
namespace Agensium.Analysis.Profile;

/// <summary>Exact descriptive statistics of a numeric column, with IQR and z-score outlier counts.</summary>
/// <param name="Count">Non-null numeric values.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Std">Sample standard deviation (n − 1); null for fewer than two values.</param>
/// <param name="Median">50th percentile.</param>
/// <param name="Q1">25th percentile.</param>
/// <param name="Q3">75th percentile.</param>
/// <param name="LowerFence">Q1 − k·IQR.</param>
/// <param name="UpperFence">Q3 + k·IQR.</param>
/// <param name="OutlierCount">Values below Q1 − k·IQR or above Q3 + k·IQR.</param>
/// <param name="ZOutlierCount">Values with |z| &gt; 3 (none when the standard deviation is 0 or undefined).</param>
/// <param name="Estimated">Quartiles, fences and outlier counts come from a quantile sketch (count, min, max, mean and std stay exact).</param>
public sealed record NumericSummary(
    long Count,
    double Min,
    double Max,
    double Mean,
    double? Std,
    double Median,
    double Q1,
    double Q3,
    double LowerFence,
    double UpperFence,
    long OutlierCount,
    long ZOutlierCount,
    bool Estimated = false)
{
    /// <summary>|z| above this is a z-score outlier.</summary>
    public const double ZThreshold = 3;

    /// <summary>Q3 − Q1.</summary>
    public double Iqr => Q3 - Q1;

    /// <summary>Outliers as a percentage of <see cref="Count"/>.</summary>
    public double OutlierPct => Count == 0 ? 0 : 100.0 * OutlierCount / Count;

    /// <summary>Computes the summary; quartiles use linear interpolation between order statistics (NumPy's default).</summary>
    /// <param name="values">At least one finite value, in any order.</param>
    /// <param name="iqrMultiplier">k of the IQR fences.</param>
    public static NumericSummary Compute(IReadOnlyList<double> values, double iqrMultiplier)
    {
        double[] sorted = [.. values];
        Array.Sort(sorted);
        int n = sorted.Length;
        var (mean, std) = Moments.Of(sorted);

        double q1 = Quantile(sorted, 0.25);
        double q3 = Quantile(sorted, 0.75);
        double lower = q1 - (iqrMultiplier * (q3 - q1));
        double upper = q3 + (iqrMultiplier * (q3 - q1));
        long outliers = 0;
        long zOutliers = 0;
        foreach (double v in sorted)
        {
            outliers += IsOutlier(v, lower, upper) ? 1 : 0;
            zOutliers += IsZOutlier(v, mean, std) ? 1 : 0;
        }

        return new NumericSummary(n, sorted[0], sorted[^1], mean, std, Quantile(sorted, 0.5), q1, q3, lower, upper, outliers, zOutliers);
    }

    /// <summary>
    /// The summary of a column too long to keep: exact moments and extremes, quartiles from the sketch, and outlier
    /// counts estimated from the sketch's ranks at the fences.
    /// </summary>
    public static NumericSummary FromSketch(QuantileSketch sketch, double min, double max, double mean, double? std, double iqrMultiplier)
    {
        long n = sketch.Count;
        double q1 = Math.Clamp(sketch.Quantile(0.25), min, max);
        double median = Math.Clamp(sketch.Quantile(0.5), min, max);
        double q3 = Math.Clamp(sketch.Quantile(0.75), min, max);
        double lower = q1 - (iqrMultiplier * (q3 - q1));
        double upper = q3 + (iqrMultiplier * (q3 - q1));
        long Outside(double low, double high) =>
            (long)Math.Round(n * (sketch.Rank(low, inclusive: false) + (1 - sketch.Rank(high, inclusive: true))));
        long outliers = Outside(lower, upper);
        long zOutliers = std is > 0 ? Outside(mean - (ZThreshold * std.Value), mean + (ZThreshold * std.Value)) : 0;
        return new NumericSummary(n, min, max, mean, std, median, q1, q3, lower, upper, outliers, zOutliers, Estimated: true);
    }

    /// <summary>
    /// Linear-interpolated quantile of sorted values: position p·(n − 1). Between two finite values whose difference
    /// passes double's range (−1e308 and 1e308) the weighted mean a·(1 − t) + b·t is taken instead of a + t·(b − a),
    /// which gave ∞ (or NaN at t = 0) and so fences that marked every value an outlier.
    /// </summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        double position = p * (sorted.Count - 1);
        int lo = (int)Math.Floor(position);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        double t = position - lo;
        double a = sorted[lo];
        double b = sorted[hi];
        if (t == 0)
        {
            return a;
        }

        double span = b - a;
        return double.IsInfinity(span) ? (a * (1 - t)) + (b * t) : a + (t * span);
    }

    /// <summary>True when <paramref name="value"/> lies outside [lower, upper].</summary>
    public static bool IsOutlier(double value, double lower, double upper) => value < lower || value > upper;

    /// <summary>True when |value − mean| / std &gt; 3.</summary>
    public static bool IsZOutlier(double value, double mean, double? std) =>
        std is > 0 && Math.Abs(value - mean) / std.Value > ZThreshold;
}
