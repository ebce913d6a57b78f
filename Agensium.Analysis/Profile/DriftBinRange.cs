namespace Agensium.Analysis.Profile;

/// <summary>
/// The range over which a numeric column's <see cref="DistributionDistance.Bins"/> equal-width baseline bins are laid:
/// the baseline's [min, max] (AGENSIUM), unless that leaves most baseline values (&gt; <see cref="MostInOneBin"/>) in
/// one bin while values lie beyond the baseline's Tukey far-out fences (Q1 − 3·IQR, Q3 + 3·IQR); the range is then that
/// of the baseline values within the fences, and the values outside go to the end bins (with the noise guard only). One stray 1,000,000 among
/// amounts of 1–100 put every amount in the first bin, so a shift within 1–100 was invisible to PSI.
/// </summary>
internal readonly record struct DriftBinRange(double Low, double High, bool Fenced)
{
    /// <summary>Share of the baseline in one bin of the [min, max] range above which the fenced range is tried.</summary>
    public const double MostInOneBin = 0.5;

    /// <summary>IQRs beyond the quartiles at which the fences stand (Tukey's "far out").</summary>
    public const double FenceIqr = 3;

    /// <summary>
    /// The range for a baseline sorted ascending (non-empty); always its [min, max] unless <paramref name="fence"/>
    /// (the noise guard is on: with <c>psi_noise_guard: false</c> the bins are AGENSIUM's).
    /// </summary>
    public static DriftBinRange Of(double[] sortedBaseline, bool fence = true)
    {
        var b = sortedBaseline;
        var raw = new DriftBinRange(b[0], b[^1], false);
        if (!fence || DistributionDistance.BinCounts(b, b[0], b[^1]).Max() <= MostInOneBin * b.Length)
        {
            return raw;
        }

        double q1 = NumericSummary.Quantile(b, 0.25);
        double q3 = NumericSummary.Quantile(b, 0.75);
        double iqr = q3 - q1;
        double lowFence = q1 - (FenceIqr * iqr);
        double highFence = q3 + (FenceIqr * iqr);
        int first = Array.FindIndex(b, v => v >= lowFence);
        int last = Array.FindLastIndex(b, v => v <= highFence);
        if (first < 0 || last < 0 || b[last] <= b[first] || (first == 0 && last == b.Length - 1))
        {
            return raw; // nothing beyond the fences, or nothing but one value within them
        }

        return new DriftBinRange(b[first], b[last], true);
    }

    /// <summary>Values below <see cref="Low"/> or above <see cref="High"/>.</summary>
    public long Outside(IReadOnlyList<double> values)
    {
        var (low, high) = (Low, High);
        return values.Count(v => v < low || v > high);
    }
}
