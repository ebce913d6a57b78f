using Agensium.Analysis.Common;

namespace Agensium.Analysis.Profile;

/// <summary>Compares one shared column of the baseline and the current file (AGENSIUM 5.1 drift rules).</summary>
internal static class DriftColumnAnalyzer
{
    public const double DriftPsi = 0.1;
    public const double HighPsi = 0.25;

    public static DriftColumnResult Analyze(DriftColumnSample baseline, DriftColumnSample current, DriftSettings settings)
    {
        return baseline.MostlyNumeric && current.MostlyNumeric ? Numeric(baseline, current, settings) : Categorical(baseline, current, settings);
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

        double psiThreshold = PsiThreshold(settings, Math.Max(1, bShares.Zip(cShares).Count(x => x.First > 0 || x.Second > 0) - 1), b.Length, c.Length);
        bool drifted = (p is { } pv && pv < settings.Alpha) || psi > psiThreshold;
        // The standard deviation is that of a sample (n − 1): with a single value on either side there is none to compare.
        var (bMean, bStd) = Moments.Of(b);
        var (cMean, cStd) = Moments.Of(c);
        return new DriftColumnResult(current.Name, "numeric", b.Length, c.Length, psi, ks, p,
            DistributionDistance.JensenShannon(bShares, cShares), DistributionDistance.Wasserstein(b, c),
            cMean - bMean, cStd - bStd, NumericSummary.Quantile(c, 0.5) - NumericSummary.Quantile(b, 0.5),
            [], drifted, Severity(drifted, psi), baseline.NonNumeric, current.NonNumeric, baseline.DecimalComma, current.DecimalComma)
            { PsiThreshold = psiThreshold };
    }

    private static DriftColumnResult Categorical(DriftColumnSample baseline, DriftColumnSample current, DriftSettings settings)
    {
        var categories = baseline.Counts.Keys.Union(current.Counts.Keys).Order(StringComparer.Ordinal).ToList();
        var bShares = categories.Select(k => (double)baseline.Counts.GetValueOrDefault(k) / baseline.NonNull).ToList();
        var cShares = categories.Select(k => (double)current.Counts.GetValueOrDefault(k) / current.NonNull).ToList();
        double psi = DistributionDistance.Psi(bShares, cShares);
        double psiThreshold = PsiThreshold(settings, Math.Max(1, categories.Count - 1), baseline.NonNull, current.NonNull);
        var shapes = Shapes(baseline, current, settings);
        // A column of values that (nearly) never repeat, such as ids: its categories are new every month and their PSI
        // (shares floored at 0.0001) passes any threshold below ~1,000 rows, so only its shapes say whether it changed.
        bool unique = shapes is not null && baseline.Counts.Count >= UniqueShare * baseline.NonNull && current.Counts.Count >= UniqueShare * current.NonNull;
        bool drifted = (!unique && psi > psiThreshold) || shapes?.Drifted == true;
        var newCategories = categories.Where(k => !baseline.Counts.ContainsKey(k)).ToList();
        return new DriftColumnResult(current.Name, "categorical", baseline.NonNull, current.NonNull, psi, null, null,
            DistributionDistance.JensenShannon(bShares, cShares), null, null, null, null, newCategories, drifted,
            Severity(drifted, Math.Max(psi, shapes?.Drifted == true ? shapes.Value.Psi : 0)))
            { PsiThreshold = psiThreshold, Shapes = shapes };
    }

    /// <summary>
    /// For a column of many categories on both sides (<see cref="ValueShapes.MinCategories"/>), the PSI of its value
    /// shapes and whether it drifted by them: the categories of ids or e-mails are new every month (their PSI is noise,
    /// or floored to nothing at 20,000 rows), while a feed that began writing "CUST-000123" for "C000123" changed them all.
    /// </summary>
    private static ShapeDrift? Shapes(DriftColumnSample baseline, DriftColumnSample current, DriftSettings settings)
    {
        if (baseline.Counts.Count < ValueShapes.MinCategories || current.Counts.Count < ValueShapes.MinCategories)
        {
            return null;
        }

        var b = ValueShapes.CountsOf(baseline.Counts);
        var c = ValueShapes.CountsOf(current.Counts);
        var shapes = b.Keys.Union(c.Keys).ToList();
        double psi = DistributionDistance.Psi(
            [.. shapes.Select(k => (double)b.GetValueOrDefault(k) / baseline.NonNull)],
            [.. shapes.Select(k => (double)c.GetValueOrDefault(k) / current.NonNull)]);
        double threshold = PsiThreshold(settings, Math.Max(1, shapes.Count - 1), baseline.NonNull, current.NonNull);
        var top = c.Where(kv => !b.ContainsKey(kv.Key)).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(5).Select(kv => kv.Key).ToList();
        return new ShapeDrift(psi, threshold, psi > threshold, top);
    }

    /// <summary>Share of distinct values among a side's values above which a column is compared by its shapes alone.</summary>
    public const double UniqueShare = 0.9;

    /// <summary>The PSI above which a column drifted: 0.1 (AGENSIUM), or with the noise guard at least <see cref="PsiNoise"/>.</summary>
    public static double PsiThreshold(DriftSettings settings, int degreesOfFreedom, long n, long m) =>
        settings.PsiNoiseGuard ? Math.Max(DriftPsi, PsiNoise(degreesOfFreedom, n, m)) : DriftPsi;

    /// <summary>
    /// The PSI two samples of one distribution (n and m values, over k bins or categories) exceed by chance once in a
    /// hundred: for small differences PSI ≈ Σ(c − b)²/p, which is (1/n + 1/m)·χ² with k − 1 degrees of freedom, so
    /// (1/n + 1/m) times χ²'s 99th percentile (Wilson–Hilferty). At 100 values a side over 10 bins that is 0.43, at
    /// 10,000 a side 0.004 (0.1 governs then); a column of 400 names at 2,000 rows a side, 0.47.
    /// </summary>
    public static double PsiNoise(int degreesOfFreedom, long n, long m)
    {
        const double z99 = 2.3263478740408408;
        double k = Math.Max(1, degreesOfFreedom);
        double a = 2.0 / (9.0 * k);
        double chi2 = k * Math.Pow(1 - a + (z99 * Math.Sqrt(a)), 3);
        return (1.0 / Math.Max(1, n) + 1.0 / Math.Max(1, m)) * chi2;
    }
}

/// <summary>The value shapes of a column of many categories compared (<see cref="ValueShapes"/>): PSI, its threshold, and the most frequent shapes new in the current file.</summary>
internal readonly record struct ShapeDrift(double Psi, double Threshold, bool Drifted, IReadOnlyList<string> NewShapes);
