namespace Agensium.Analysis.Profile;

/// <summary>
/// PSI of a column's bins or categories and whether it passes its threshold. AGENSIUM's rule is PSI &gt; 0.1. With the
/// noise guard, a PSI counts only above what two samples of one distribution exceed by chance about once in a hundred:
/// (1/n + 1/m)·χ²₀.₉₉(k − 1) plus the small-count bias ½(1/n² + 1/m²)·Σ 1/pᵢ, over cells whose expected count on the
/// smaller side is at least <see cref="MinExpected"/> — sparse cells are merged first (bins with their neighbours,
/// categories in order of their pooled count; below 40 values a side a quarter of the smaller side, <see cref="CellMinimum"/>),
/// because a cell expected to hold two values is empty on one side by chance and its floored share (0.0001) alone adds
/// ~0.02–0.04 to PSI. Without the merge, 60 cities drawn from one distribution at 120 rows a side passed the threshold
/// in 90 % of 200 draws; with it, in 1.5 % (benchmarks/drift-noise/psi_noise_sim.py).
/// </summary>
internal static class PsiGuard
{
    /// <summary>Expected count (on the smaller side, at the pooled share) a cell needs to be compared on its own.</summary>
    public const double MinExpected = 10;

    /// <summary>
    /// The expected count a cell needs with <paramref name="n"/> and <paramref name="m"/> values: <see cref="MinExpected"/>,
    /// or a quarter of the smaller side below 40 values (min_sample_size lowered), so that at least a few cells remain.
    /// </summary>
    public static double CellMinimum(long n, long m) => Math.Min(MinExpected, Math.Min(n, m) / 4.0);

    /// <summary>
    /// Tests the cells' counts: <paramref name="ordered"/> cells (bins) merge with their neighbours, unordered ones
    /// (categories) among themselves, largest pooled count first (ties in the given order).
    /// </summary>
    public static PsiTest Test(IReadOnlyList<double> baselineCounts, IReadOnlyList<double> currentCounts, long n, long m, bool ordered, bool noiseGuard)
    {
        double psi = DistributionDistance.Psi(Shares(baselineCounts, n), Shares(currentCounts, m));
        int cells = Enumerable.Range(0, baselineCounts.Count).Count(i => baselineCounts[i] + currentCounts[i] > 0);
        if (!noiseGuard)
        {
            return new PsiTest(psi, psi, DriftColumnAnalyzer.DriftPsi, cells, cells);
        }

        var (b, c) = ordered ? MergeNeighbours(baselineCounts, currentCounts, n, m) : MergeSparse(baselineCounts, currentCounts, n, m);
        double tested = b.Count < 2 ? 0 : DistributionDistance.Psi(Shares(b, n), Shares(c, m));
        return new PsiTest(psi, tested, Threshold(b, c, n, m), cells, b.Count);
    }

    /// <summary>max(0.1, (1/n + 1/m)·χ²₀.₉₉(k − 1) + ½(1/n² + 1/m²)·Σ (n + m)/(bᵢ + cᵢ)) over the (merged) cells.</summary>
    public static double Threshold(IReadOnlyList<double> b, IReadOnlyList<double> c, long n, long m)
    {
        double inverseShares = 0;
        for (int i = 0; i < b.Count; i++)
        {
            inverseShares += (double)(n + m) / (b[i] + c[i]);
        }

        double bias = 0.5 * ((1.0 / ((double)n * n)) + (1.0 / ((double)m * m))) * inverseShares;
        return Math.Max(DriftColumnAnalyzer.DriftPsi, DriftColumnAnalyzer.PsiNoise(Math.Max(1, b.Count - 1), n, m) + bias);
    }

    // The cell's expected count on the smaller side at its pooled share, in units of the cell minimum (closed at 1).
    private static double Expected(double b, double c, long n, long m) => Math.Min(n, m) * (b + c) / (n + m) / CellMinimum(n, m);

    // Bins left to right: a cell closes once it expects MinExpected values; a short remainder joins the last cell.
    private static (List<double> B, List<double> C) MergeNeighbours(IReadOnlyList<double> bCounts, IReadOnlyList<double> cCounts, long n, long m)
    {
        var (b, c) = (new List<double>(), new List<double>());
        double ab = 0, ac = 0;
        for (int i = 0; i < bCounts.Count; i++)
        {
            ab += bCounts[i];
            ac += cCounts[i];
            if (Expected(ab, ac, n, m) >= 1)
            {
                b.Add(ab);
                c.Add(ac);
                (ab, ac) = (0, 0);
            }
        }

        Remainder(b, c, ab, ac);
        return (b, c);
    }

    // Categories expecting MinExpected values stay; the others are grouped, largest pooled count first, into cells that
    // expect MinExpected each; a short remainder joins the last group, or else the smallest category kept.
    private static (List<double> B, List<double> C) MergeSparse(IReadOnlyList<double> bCounts, IReadOnlyList<double> cCounts, long n, long m)
    {
        var (b, c) = (new List<double>(), new List<double>());
        var sparse = new List<int>();
        for (int i = 0; i < bCounts.Count; i++)
        {
            if (bCounts[i] + cCounts[i] <= 0)
            {
                continue;
            }

            if (Expected(bCounts[i], cCounts[i], n, m) >= 1)
            {
                b.Add(bCounts[i]);
                c.Add(cCounts[i]);
            }
            else
            {
                sparse.Add(i);
            }
        }

        int kept = b.Count;
        double ab = 0, ac = 0;
        foreach (int i in LargestFirst(sparse, bCounts, cCounts))
        {
            ab += bCounts[i];
            ac += cCounts[i];
            if (Expected(ab, ac, n, m) >= 1)
            {
                b.Add(ab);
                c.Add(ac);
                (ab, ac) = (0, 0);
            }
        }

        if (ab + ac > 0 && b.Count == kept && kept > 0)
        {
            int smallest = Enumerable.Range(0, kept).MinBy(i => b[i] + c[i]);
            b[smallest] += ab;
            c[smallest] += ac;
            return (b, c);
        }

        Remainder(b, c, ab, ac);
        return (b, c);
    }

    // The sparse cells by pooled count, largest first, ties in index order: grouped by count (few distinct counts, as a
    // sparse cell expects fewer than MinExpected values), so a column of a million ids sorts a handful of counts, not
    // a million cells.
    private static IEnumerable<int> LargestFirst(List<int> sparse, IReadOnlyList<double> bCounts, IReadOnlyList<double> cCounts)
    {
        var byCount = new Dictionary<double, List<int>>();
        foreach (int i in sparse)
        {
            double pooled = bCounts[i] + cCounts[i];
            if (!byCount.TryGetValue(pooled, out var cells))
            {
                byCount[pooled] = cells = [];
            }

            cells.Add(i); // in index order, as sparse is
        }

        var counts = byCount.Keys.ToArray();
        Array.Sort(counts);
        for (int k = counts.Length - 1; k >= 0; k--)
        {
            foreach (int i in byCount[counts[k]])
            {
                yield return i;
            }
        }
    }

    private static void Remainder(List<double> b, List<double> c, double ab, double ac)
    {
        if (ab + ac <= 0)
        {
            return;
        }

        if (b.Count == 0)
        {
            b.Add(ab);
            c.Add(ac);
            return;
        }

        b[^1] += ab;
        c[^1] += ac;
    }

    private static double[] Shares(IReadOnlyList<double> counts, long total) =>
        [.. counts.Select(x => total == 0 ? 0 : x / total)];
}

/// <summary>
/// A PSI test: AGENSIUM's PSI over every bin or category (<paramref name="Psi"/>), the PSI compared with the threshold
/// (<paramref name="Tested"/>: over the merged cells with the noise guard, else the same), the threshold, and the cells
/// with values before and after merging.
/// </summary>
internal readonly record struct PsiTest(double Psi, double Tested, double Threshold, int Cells, int TestedCells)
{
    public bool Drifted => Tested > Threshold;
}
