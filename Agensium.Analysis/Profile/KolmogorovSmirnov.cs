namespace Agensium.Analysis.Profile;

/// <summary>
/// Two-sample Kolmogorov–Smirnov test with the asymptotic p-value: p = Q_KS(√(n·m/(n+m))·D), where Q_KS is the
/// survival function of the limiting Kolmogorov distribution (scipy.stats.kstwobign.sf).
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

    /// <summary>Asymptotic two-sided p-value of statistic <paramref name="d"/> for sample sizes n and m.</summary>
    public static double PValue(double d, long n, long m)
    {
        double en = (double)n * m / (n + m);
        return Math.Clamp(KolmogorovSurvival(Math.Sqrt(en) * d), 0, 1);
    }

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
