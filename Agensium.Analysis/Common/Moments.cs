namespace Agensium.Analysis.Common;

/// <summary>
/// Mean and sample standard deviation (n − 1) of a set of numbers, computed on the numbers divided by a power of two
/// near their largest magnitude. The division is exact, so ordinary data gets bit-for-bit the plain two-pass figures,
/// while values near 1e155 (whose squares pass double's range) or 1e308 (whose sum does) still give finite answers.
/// </summary>
internal static class Moments
{
    public static (double Mean, double? Std) Of(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        if (n == 0)
        {
            return (double.NaN, null);
        }

        double largest = 0;
        foreach (double v in values)
        {
            largest = Math.Max(largest, Math.Abs(v));
        }

        double scale = largest is > 0 and < double.PositiveInfinity ? Math.ScaleB(1, Math.ILogB(largest)) : 1;
        double inverse = 1 / scale;
        double mean = 0;
        foreach (double v in values)
        {
            mean += v * inverse;
        }

        mean /= n;
        if (n < 2)
        {
            return (mean * scale, null);
        }

        double squares = 0;
        foreach (double v in values)
        {
            double d = (v * inverse) - mean;
            squares += d * d;
        }

        return (mean * scale, Math.Sqrt(squares / (n - 1)) * scale);
    }
}
