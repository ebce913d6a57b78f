using Agensium.Analysis.Common;

namespace Agensium.Analysis.Profile;

/// <summary>Compares one shared column of the baseline and the current file (AGENSIUM 5.1 drift rules).</summary>
internal static class DriftColumnAnalyzer
{
    public const double DriftPsi = 0.1;
    public const double HighPsi = 0.25;

    public static DriftColumnResult Analyze(DriftColumnSample baseline, DriftColumnSample current, DriftSettings settings)
    {
        return baseline.MostlyNumeric && current.MostlyNumeric ? Numeric(baseline, current, settings) : Categorical(baseline, current);
    }

    /// <summary>high when PSI &gt; 0.25, medium when PSI &gt; 0.1, low for drift found by the p-value alone, none otherwise.</summary>
    public static string Severity(bool drifted, double psi) =>
        !drifted ? "none" : psi > HighPsi ? "high" : psi > DriftPsi ? "medium" : "low";

    private static DriftColumnResult Numeric(DriftColumnSample baseline, DriftColumnSample current, DriftSettings settings)
    {
        double[] b = [.. baseline.Numbers];
        double[] c = [.. current.Numbers];
        Array.Sort(b);
        Array.Sort(c);
        var bShares = DistributionDistance.BinShares(b, b[0], b[^1]);
        var cShares = DistributionDistance.BinShares(c, b[0], b[^1]);
        double psi = DistributionDistance.Psi(bShares, cShares);
        double? ks = null;
        double? p = null;
        if (settings.RunsKsTest)
        {
            ks = KolmogorovSmirnov.Statistic(b, c);
            p = KolmogorovSmirnov.PValue(ks.Value, b.Length, c.Length);
        }

        bool drifted = (p is { } pv && pv < settings.Alpha) || psi > DriftPsi;
        // The standard deviation is that of a sample (n − 1): with a single value on either side there is none to compare.
        var (bMean, bStd) = Moments.Of(b);
        var (cMean, cStd) = Moments.Of(c);
        return new DriftColumnResult(current.Name, "numeric", b.Length, c.Length, psi, ks, p,
            DistributionDistance.JensenShannon(bShares, cShares), DistributionDistance.Wasserstein(b, c),
            cMean - bMean, cStd - bStd, NumericSummary.Quantile(c, 0.5) - NumericSummary.Quantile(b, 0.5),
            [], drifted, Severity(drifted, psi), baseline.NonNumeric, current.NonNumeric, baseline.DecimalComma, current.DecimalComma);
    }

    private static DriftColumnResult Categorical(DriftColumnSample baseline, DriftColumnSample current)
    {
        var categories = baseline.Counts.Keys.Union(current.Counts.Keys).Order(StringComparer.Ordinal).ToList();
        var bShares = categories.Select(k => (double)baseline.Counts.GetValueOrDefault(k) / baseline.NonNull).ToList();
        var cShares = categories.Select(k => (double)current.Counts.GetValueOrDefault(k) / current.NonNull).ToList();
        double psi = DistributionDistance.Psi(bShares, cShares);
        bool drifted = psi > DriftPsi;
        var newCategories = categories.Where(k => !baseline.Counts.ContainsKey(k)).ToList();
        return new DriftColumnResult(current.Name, "categorical", baseline.NonNull, current.NonNull, psi, null, null,
            DistributionDistance.JensenShannon(bShares, cShares), null, null, null, null, newCategories, drifted, Severity(drifted, psi));
    }
}
