using Agensium.Analysis.Common;

namespace Agensium.Analysis.Profile;

/// <summary>Compares one shared column of the baseline and the current file (AGENSIUM 5.1 drift rules).</summary>
internal static class DriftColumnAnalyzer
{
    public const double DriftPsi = 0.1;
    public const double HighPsi = 0.25;

    /// <summary>
    /// With the noise guard, a PSI this many times its threshold is high: AGENSIUM's bands (0.1 medium, 0.25 high) are
    /// 1 and 2.5 times its threshold, and a guarded threshold is 0.1 from a few thousand values a side.
    /// </summary>
    public const double HighRatio = HighPsi / DriftPsi;

    /// <summary>
    /// The KS statistic of two normal samples whose means differ by √0.1 standard deviations, which gives a PSI of 0.1
    /// (PSI of a mean shift δ is δ²; D = 2Φ(δ/2) − 1): a drift found by the KS test alone is medium when its distance
    /// at 95 % confidence (<see cref="KsLowerBound"/>) reaches this, else low.
    /// </summary>
    public const double KsMediumStatistic = 0.126;

    /// <summary>
    /// The KS statistic of a normal mean shift whose PSI is AGENSIUM's high band, 0.25 (δ = 0.5: D = 2Φ(0.25) − 1 =
    /// 0.1974): a drift whose KS distance at 95 % confidence (<see cref="KsLowerBound"/>) reaches this is high, as the PSI of that shift
    /// would make it, whatever the binned PSI says (values moved within their bins, as a whole column shifted by less
    /// than a bin's width, leave the PSI near 0 while D reaches 0.5 or more).
    /// </summary>
    public const double KsHighStatistic = 0.197;

    /// <summary>Categories listed as new or missing per column, most frequent first (their counts are given in full).</summary>
    public const int CategoryListCap = 50;

    public static DriftColumnResult Analyze(DriftColumnSample baseline, DriftColumnSample current, DriftSettings settings)
    {
        // ZIP codes or ids written with leading zeros ("02134") on either side are identifiers, compared as categories
        // (and their shapes), as the profiler types them text: no KS test or mean shift of ZIP codes.
        bool identifiers = baseline.HoldsIdentifierDigits || current.HoldsIdentifierDigits;
        return baseline.MostlyNumeric && current.MostlyNumeric && !identifiers ? Numeric(baseline, current, settings) : Categorical(baseline, current, settings);
    }

    /// <summary>AGENSIUM's bands: high when PSI &gt; 0.25, medium when PSI &gt; 0.1, low for drift found by the p-value alone, none otherwise.</summary>
    public static string Severity(bool drifted, double psi) =>
        !drifted ? "none" : psi > HighPsi ? "high" : psi > DriftPsi ? "medium" : "low";

    /// <summary>
    /// The coefficient of the two-sample KS test's 5 % critical distance, c(0.05) = √(−ln(0.025)/2) = 1.358: two samples
    /// of n and m values from one distribution differ by more than c·√((n + m)/(n·m)) only one time in twenty.
    /// </summary>
    public const double KsNoiseCoefficient = 1.358;

    /// <summary>
    /// The KS distance a drift is at least, at 95 % confidence: the statistic less its 5 % critical distance (0 when
    /// that is more). The severity bands read this, not the statistic itself, because a small sample's statistic is
    /// mostly noise: at 100 rows a side any significant statistic is 0.23 or more, so bands on the raw statistic called
    /// a 0.3σ shift (PSI 0.09) "high" half the time.
    /// </summary>
    public static double KsLowerBound(double ks, long n, long m) =>
        n <= 0 || m <= 0 ? 0 : Math.Max(0, ks - (KsNoiseCoefficient * Math.Sqrt((double)(n + m) / ((double)n * m))));

    /// <summary>
    /// Severity with the noise guard, the higher of two readings: the tested PSI (or the shapes' PSI) against the
    /// column's own threshold, high above <see cref="HighRatio"/> times it, medium above it; and the KS test's distance
    /// at 95 % confidence (<see cref="KsLowerBound"/>), high from <see cref="KsHighStatistic"/>, medium from
    /// <see cref="KsMediumStatistic"/> (the statistics of the normal mean shifts whose PSI is 0.25 and 0.1). Else low (a
    /// PSI below its noise threshold says nothing of the size of the shift, so it is not used).
    /// </summary>
    public static string GuardedSeverity(bool drifted, double ratio, double? ks, long n, long m)
    {
        if (!drifted)
        {
            return "none";
        }

        double strength = ks is { } d ? KsLowerBound(d, n, m) : 0;
        return ratio > HighRatio || strength >= KsHighStatistic ? "high"
            : ratio > 1 || strength >= KsMediumStatistic ? "medium"
            : "low";
    }

    private static DriftColumnResult Numeric(DriftColumnSample baseline, DriftColumnSample current, DriftSettings settings)
    {
        double[] b = [.. baseline.Numbers];
        double[] c = [.. current.Numbers];
        Array.Sort(b);
        Array.Sort(c);
        // The fenced range is part of the noise guard: without it the bins are AGENSIUM's, over the baseline's [min, max].
        var range = DriftBinRange.Of(b, fence: settings.PsiNoiseGuard);
        var bCounts = DistributionDistance.BinCounts(b, range.Low, range.High);
        var cCounts = DistributionDistance.BinCounts(c, range.Low, range.High);
        var test = PsiGuard.Test(bCounts, cCounts, b.Length, c.Length, ordered: true, settings.PsiNoiseGuard);
        double? ks = null;
        double? p = null;
        if (settings.RunsKsTest)
        {
            ks = KolmogorovSmirnov.Statistic(b, c);
            p = KolmogorovSmirnov.PValue(ks.Value, b.Length, c.Length);
        }

        // A column of few distinct values whose bins hide a shift between neighbours (January's rows now February's)
        // is also tested value by value (with the noise guard: psi_noise_guard false keeps AGENSIUM's bins alone).
        var byValue = settings.PsiNoiseGuard && b.Length > 0 && c.Length > 0 ? DiscreteValueTest.Of(b, c, range) : null;
        bool drifted = (p is { } pv && pv < settings.Alpha) || test.Drifted || byValue?.Test.Drifted == true;
        double ratio = Math.Max(test.Tested / test.Threshold, byValue is { } v ? v.Test.Tested / v.Test.Threshold : 0);
        string severity = settings.PsiNoiseGuard
            ? GuardedSeverity(drifted, ratio, ks, b.Length, c.Length)
            : Severity(drifted, test.Psi);
        // The standard deviation is that of a sample (n − 1): with a single value on either side there is none to compare.
        var (bMean, bStd) = Moments.Of(b);
        var (cMean, cStd) = Moments.Of(c);
        return new DriftColumnResult(current.Name, "numeric", b.Length, c.Length, test.Psi, ks, p,
            DistributionDistance.JensenShannon(Shares(bCounts, b.Length), Shares(cCounts, c.Length)), DistributionDistance.Wasserstein(b, c),
            cMean - bMean, cStd - bStd, NumericSummary.Quantile(c, 0.5) - NumericSummary.Quantile(b, 0.5),
            [.. (byValue?.NewValues ?? []).Take(CategoryListCap).Select(DiscreteValueTest.Text)], drifted, severity,
            baseline.NonNumeric, current.NonNumeric, baseline.DecimalComma, current.DecimalComma)
            {
                Test = test,
                NoiseGuard = settings.PsiNoiseGuard,
                BinRange = range,
                OutsideBinRange = (range.Outside(b), range.Outside(c)),
                ByValue = byValue,
                NewCategoryCount = byValue?.NewValues.Count ?? 0,
                MissingCategories = [.. (byValue?.MissingValues ?? []).Take(CategoryListCap).Select(DiscreteValueTest.Text)],
                MissingCategoryCount = byValue?.MissingValues.Count ?? 0,
            };
    }

    private static DriftColumnResult Categorical(DriftColumnSample baseline, DriftColumnSample current, DriftSettings settings)
    {
        var categories = baseline.Counts.Keys.Union(current.Counts.Keys).Order(StringComparer.Ordinal).ToList();
        var bCounts = categories.Select(k => (double)baseline.Counts.GetValueOrDefault(k)).ToList();
        var cCounts = categories.Select(k => (double)current.Counts.GetValueOrDefault(k)).ToList();
        var test = PsiGuard.Test(bCounts, cCounts, baseline.NonNull, current.NonNull, ordered: false, settings.PsiNoiseGuard);
        var shapes = Shapes(baseline, current, settings);
        // A column of values that (nearly) never repeat, such as ids: its categories are new every month and their PSI
        // (shares floored at 0.0001) passes any threshold below ~1,000 rows, so only its shapes say whether it changed.
        bool unique = shapes is not null && baseline.Counts.Count >= UniqueShare * baseline.NonNull && current.Counts.Count >= UniqueShare * current.NonNull;
        bool psiDrift = !unique && test.Drifted;
        bool drifted = psiDrift || shapes?.Drifted == true;
        string severity = settings.PsiNoiseGuard
            ? GuardedSeverity(drifted, Math.Max(psiDrift ? test.Tested / test.Threshold : 0, shapes is { Drifted: true } s ? s.Psi / s.Threshold : 0), null, 0, 0)
            : Severity(drifted, Math.Max(test.Psi, shapes?.Drifted == true ? shapes.Value.Psi : 0));
        var (newCategories, newCount) = OnlyIn(current, baseline);
        var (missingCategories, missingCount) = OnlyIn(baseline, current);
        return new DriftColumnResult(current.Name, "categorical", baseline.NonNull, current.NonNull, test.Psi, null, null,
            DistributionDistance.JensenShannon(Shares(bCounts, baseline.NonNull), Shares(cCounts, current.NonNull)), null, null, null, null,
            newCategories, drifted, severity)
            {
                Test = test,
                NoiseGuard = settings.PsiNoiseGuard,
                Shapes = shapes,
                NewCategoryCount = newCount,
                MissingCategories = missingCategories,
                MissingCategoryCount = missingCount,
            };
    }

    /// <summary>
    /// The categories of one side the other lacks: the <see cref="CategoryListCap"/> most frequent (then in ordinal
    /// order), picked with a bounded heap rather than by sorting them all (a column of ids lacks nearly every value of
    /// the other side), and how many there are.
    /// </summary>
    internal static (List<string> Top, long Count) OnlyIn(DriftColumnSample side, DriftColumnSample other)
    {
        // The heap's top is the worst kept category: the least frequent, then the last in ordinal order.
        var worstFirst = Comparer<KeyValuePair<string, long>>.Create((x, y) =>
            x.Value != y.Value ? x.Value.CompareTo(y.Value) : StringComparer.Ordinal.Compare(y.Key, x.Key));
        var heap = new PriorityQueue<KeyValuePair<string, long>, KeyValuePair<string, long>>(CategoryListCap + 1, worstFirst);
        long count = 0;
        foreach (var kv in side.Counts)
        {
            if (other.Counts.ContainsKey(kv.Key))
            {
                continue;
            }

            count++;
            var entry = new KeyValuePair<string, long>(kv.Key, kv.Value);
            if (heap.Count < CategoryListCap)
            {
                heap.Enqueue(entry, entry);
            }
            else if (worstFirst.Compare(entry, heap.Peek()) > 0)
            {
                heap.DequeueEnqueue(entry, entry);
            }
        }

        var top = new List<string>(heap.Count);
        while (heap.TryDequeue(out var kv, out _))
        {
            top.Add(kv.Key);
        }

        top.Reverse();
        return (top, count);
    }

    private static double[] Shares(IReadOnlyList<double> counts, long total) => [.. counts.Select(x => total == 0 ? 0 : x / total)];

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
        var shapes = b.Keys.Union(c.Keys).Order(StringComparer.Ordinal).ToList();
        var test = PsiGuard.Test([.. shapes.Select(k => (double)b.GetValueOrDefault(k))], [.. shapes.Select(k => (double)c.GetValueOrDefault(k))],
            baseline.NonNull, current.NonNull, ordered: false, settings.PsiNoiseGuard);
        var top = c.Where(kv => !b.ContainsKey(kv.Key)).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(5).Select(kv => kv.Key).ToList();
        return new ShapeDrift(test.Tested, test.Threshold, test.Drifted, top);
    }

    /// <summary>Share of distinct values among a side's values above which a column is compared by its shapes alone.</summary>
    public const double UniqueShare = 0.9;

    /// <summary>
    /// The PSI two samples of one distribution (n and m values, over k bins or categories) exceed by chance once in a
    /// hundred: for small differences PSI ≈ Σ(c − b)²/p, which is (1/n + 1/m)·χ² with k − 1 degrees of freedom, so
    /// (1/n + 1/m) times χ²'s 99th percentile (Wilson–Hilferty). At 100 values a side over 10 bins that is 0.43, at
    /// 10,000 a side 0.004 (0.1 governs then). The approximation needs cells that expect several values each:
    /// <see cref="PsiGuard"/> merges sparse ones first and adds the small-count bias.
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

/// <summary>The value shapes of a column of many categories compared (<see cref="ValueShapes"/>): the PSI tested (<see cref="PsiGuard"/>), its threshold, and the most frequent shapes new in the current file.</summary>
internal readonly record struct ShapeDrift(double Psi, double Threshold, bool Drifted, IReadOnlyList<string> NewShapes);
