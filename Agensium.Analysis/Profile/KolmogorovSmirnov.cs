namespace Agensium.Analysis.Profile;

/// <summary>
/// Two-sample Kolmogorov–Smirnov test. The two-sided p-value is exact, as scipy.stats.ks_2samp computes it for small
/// samples (the share of lattice paths from (0,0) to (n,m) that leave the band |x/n − y/m| &lt; D: Hodges 1958, with
/// Viehmann's 2021 recursion for 1 − p), while neither sample is larger than <see cref="MaxExactSampleSize"/> (scipy's
/// rule for method 'auto'); beyond, it is asymptotic:
/// p = Q_KS(√(n·m/(n+m))·D), Q_KS the survival function of the limiting Kolmogorov distribution
/// (scipy.stats.kstwobign.sf), which by then differs from the exact value in the third decimal at most.
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>D = sup |F_a(x) − F_b(x)| over the pooled values; both inputs must be sorted ascending and non-empty.</summary>
    public static double Statistic(IReadOnlyList<double> sortedA, IReadOnlyList<double> sortedB)
    {
        int i = 0;
        int j = 0;
        double d = 0;
        int n = sortedA.Count;
        int m = sortedB.Count;
        while (i < n && j < m)
        {
            double x = Math.Min(sortedA[i], sortedB[j]);
            while (i < n && sortedA[i] <= x)
            {
                i++;
            }

            while (j < m && sortedB[j] <= x)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs(((double)i / n) - ((double)j / m)));
        }

        return d;
    }

    /// <summary>
    /// Largest sample for which the p-value is computed exactly, as scipy.stats.ks_2samp's method 'auto' does
    /// (MAX_AUTO_N). The path count walks a band of the n·m lattice as wide as D: well under a second at 10,000 ×
    /// 10,000, but ~0.7 s for a strongly drifted column; see <see cref="TinyPValue"/>.
    /// </summary>
    public const long MaxExactSampleSize = 10_000;

    /// <summary>Up to this n·m the exact count is cheap whatever D; beyond, a D whose asymptotic p is below <see cref="TinyPValue"/> keeps that value.</summary>
    public const long CheapExactCells = 25_000_000;

    /// <summary>
    /// An asymptotic p below this is far from any significance level, where the exact and asymptotic values lead to the
    /// same call; for large samples it is kept rather than paying for the exact count.
    /// </summary>
    public const double TinyPValue = 1e-6;

    /// <summary>
    /// Two-sided p-value of statistic <paramref name="d"/> for sample sizes n and m: exact up to <see cref="MaxExactSampleSize"/>
    /// each (for n·m above <see cref="CheapExactCells"/> only when the asymptotic value is not already below <see cref="TinyPValue"/>), else asymptotic.
    /// </summary>
    public static double PValue(double d, long n, long m)
    {
        if (Math.Max(n, m) > MaxExactSampleSize)
        {
            return AsymptoticPValue(d, n, m);
        }

        if (n * m > CheapExactCells && AsymptoticPValue(d, n, m) is var asymptotic && asymptotic < TinyPValue)
        {
            return asymptotic;
        }

        return ExactPValue(d, (int)n, (int)m);
    }

    /// <summary>Asymptotic two-sided p-value of statistic <paramref name="d"/> for sample sizes n and m.</summary>
    public static double AsymptoticPValue(double d, long n, long m)
    {
        double en = (double)n * m / (n + m);
        return Math.Clamp(KolmogorovSurvival(Math.Sqrt(en) * d), 0, 1);
    }

    /// <summary>Exact two-sided p-value P(D ≥ d) for sample sizes n and m (scipy's _attempt_exact_2kssamp, two-sided).</summary>
    public static double ExactPValue(double d, int n, int m)
    {
        int g = (int)System.Numerics.BigInteger.GreatestCommonDivisor(n, m);
        long lcm = (long)(n / g) * m;
        long h = (long)Math.Round(d * lcm, MidpointRounding.ToEven);
        if (h == 0)
        {
            return 1;
        }

        double p = n == m ? OutsideSquare(n, h) : OutsideBand(n, m, g, h);
        return double.IsFinite(p) ? Math.Clamp(p, 0, 1) : AsymptoticPValue(d, n, m);
    }

    // P(D_{n,n} ≥ h/n) = 2·(A0·(1 − A1·(1 − A2·(…)))), each A_k a ratio of binomials built term by term.
    private static double OutsideSquare(int n, long h)
    {
        double total = 0;
        for (long k = n / h; k >= 0; k--)
        {
            double term = 1;
            for (long j = 0; j < h; j++)
            {
                term = (n - (k * h) - j) * term / (n + (k * h) + j + 1);
            }

            total = term * (1 - total);
        }

        return 2 * total;
    }

    // The share of paths that leave |n·x/g − m·y/g| < h, one column of the lattice at a time over a sliding window,
    // each cell holding the probability of having left the band already (so no large binomial is ever formed).
    private static double OutsideBand(int m, int n, int g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        long mg = m / g;
        long ng = n / g;
        int minj = 0;
        int maxj = (int)Math.Min((h + mg - 1) / mg, n + 1);
        int length = maxj - minj;
        var a = new double[n + 1];
        Array.Fill(a, 1.0);
        Array.Clear(a, minj, maxj - minj);
        for (int i = 1; i <= m; i++)
        {
            int lastMin = minj;
            int lastLength = length;
            minj = (int)Math.Min(Math.Max(FloorDiv((ng * i) - h, mg) + 1, 0), n);
            maxj = (int)Math.Min(CeilDiv((ng * i) + h, mg), n + 1);
            if (maxj <= minj)
            {
                return 1;
            }

            double value = minj == 0 ? 0 : 1;
            for (int k = 0; k < maxj - minj; k++)
            {
                int j = k + minj;
                value = ((a[k + minj - lastMin] * i) + (value * j)) / (i + j);
                a[k] = value;
            }

            length = maxj - minj;
            if (lastLength > length)
            {
                Array.Fill(a, 1.0, length, Math.Min(lastLength - length, a.Length - length));
            }
        }

        return a[maxj - minj - 1];
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private static long CeilDiv(long a, long b) => a >= 0 ? (a + b - 1) / b : -(-a / b);

    /// <summary>
    /// Q_KS(z) = P(K &gt; z) = 2·Σ_{k≥1} (−1)^{k−1}·e^{−2k²z²}; for z &lt; 1.18 the complementary Jacobi-theta series
    /// 1 − (√(2π)/z)·Σ_{k≥1} e^{−(2k−1)²π²/(8z²)} is used because it converges faster there.
    /// </summary>
    public static double KolmogorovSurvival(double z)
    {
        if (z <= 0)
        {
            return 1;
        }

        if (z < 1.18)
        {
            double sum = 0;
            for (int k = 1; k <= 20; k++)
            {
                double odd = (2 * k) - 1;
                sum += Math.Exp(-odd * odd * Math.PI * Math.PI / (8 * z * z));
            }

            return 1 - (Math.Sqrt(2 * Math.PI) / z * sum);
        }

        double total = 0;
        for (int k = 1; k <= 100; k++)
        {
            double term = Math.Exp(-2.0 * k * k * z * z);
            total += (k % 2 == 1 ? 1 : -1) * term;
            if (term < 1e-17)
            {
                break;
            }
        }

        return 2 * total;
    }
}
