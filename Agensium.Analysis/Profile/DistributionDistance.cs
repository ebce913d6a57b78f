namespace Agensium.Analysis.Profile;

/// <summary>Distances between a baseline and a current distribution: PSI, Jensen–Shannon divergence, Wasserstein-1.</summary>
public static class DistributionDistance
{
    /// <summary>Number of equal-width baseline bins for numeric PSI and JS divergence.</summary>
    public const int Bins = 10;

    /// <summary>Shares below this are raised to it before PSI is computed.</summary>
    public const double ShareFloor = 0.0001;

    /// <summary>PSI = Σ (c − b)·ln(c / b) over paired shares, each floored at <see cref="ShareFloor"/>.</summary>
    public static double Psi(IReadOnlyList<double> baselineShares, IReadOnlyList<double> currentShares)
    {
        double psi = 0;
        for (int i = 0; i < baselineShares.Count; i++)
        {
            double b = Math.Max(baselineShares[i], ShareFloor);
            double c = Math.Max(currentShares[i], ShareFloor);
            psi += (c - b) * Math.Log(c / b);
        }

        return psi;
    }

    /// <summary>
    /// Shares of <paramref name="values"/> in <see cref="Bins"/> equal-width bins over [min, max] of the baseline; values
    /// below min fall in the first bin, above max in the last. A constant baseline (min = max) gives one bin holding
    /// values equal to it and the values that differ spread over the first (below) and last (above) bins.
    /// </summary>
    public static double[] BinShares(IReadOnlyList<double> values, double baselineMin, double baselineMax)
    {
        var counts = BinCounts(values, baselineMin, baselineMax);
        for (int i = 0; i < Bins; i++)
        {
            counts[i] = values.Count == 0 ? 0 : counts[i] / values.Count;
        }

        return counts;
    }

    /// <summary>The counts of <see cref="BinShares"/>: values in each of the <see cref="Bins"/> bins over [min, max].</summary>
    public static double[] BinCounts(IReadOnlyList<double> values, double baselineMin, double baselineMax)
    {
        var counts = new double[Bins];
        // A range wider than double.MaxValue (-1.7e308 to 1.7e308) is binned in halves: its width overflowed to infinity
        // and every value fell in the first bin (PSI 0). Halving a normal double is exact, so the bins are the same.
        double scale = double.IsFinite(baselineMax - baselineMin) ? 1 : 0.5;
        double min = baselineMin * scale;
        double width = (baselineMax * scale - min) / Bins;
        foreach (double v in values)
        {
            int bin;
            if (width <= 0)
            {
                bin = v < baselineMin ? 0 : v > baselineMax ? Bins - 1 : Bins / 2;
            }
            else
            {
                bin = Math.Clamp((int)Math.Floor((v * scale - min) / width), 0, Bins - 1);
            }

            counts[bin]++;
        }

        return counts;
    }

    /// <summary>
    /// Jensen–Shannon divergence in bits (0…1): ½·KL(P‖M) + ½·KL(Q‖M) with M = ½(P + Q), unfloored shares, 0·log 0 = 0.
    /// </summary>
    public static double JensenShannon(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        double js = 0;
        for (int i = 0; i < p.Count; i++)
        {
            double m = (p[i] + q[i]) / 2;
            js += (KlTerm(p[i], m) + KlTerm(q[i], m)) / 2;
        }

        return Math.Max(0, js);
    }

    /// <summary>
    /// Wasserstein-1 (earth mover's) distance between two empirical distributions: ∫ |F_a(x) − F_b(x)| dx, as
    /// scipy.stats.wasserstein_distance computes it. Both inputs must be sorted ascending and non-empty.
    /// </summary>
    public static double Wasserstein(IReadOnlyList<double> sortedA, IReadOnlyList<double> sortedB)
    {
        int n = sortedA.Count;
        int m = sortedB.Count;
        int i = 0;
        int j = 0;
        double distance = 0;
        double previous = Math.Min(sortedA[0], sortedB[0]);
        while (i < n || j < m)
        {
            double x = j >= m || (i < n && sortedA[i] <= sortedB[j]) ? sortedA[i] : sortedB[j];
            distance += Math.Abs(((double)i / n) - ((double)j / m)) * (x - previous);
            while (i < n && sortedA[i] <= x)
            {
                i++;
            }

            while (j < m && sortedB[j] <= x)
            {
                j++;
            }

            previous = x;
        }

        return distance;
    }

    private static double KlTerm(double p, double m) => p <= 0 ? 0 : p * Math.Log2(p / m);
}
