using System.Globalization;

namespace Agensium.Analysis.Profile;

/// <summary>
/// A numeric column of few distinct values (months 1–12, ratings, status codes) compared value by value. Ten
/// equal-width bins over [1, 12] put January and February in one bin, so a file whose January rows all became February
/// rows had a PSI of 0 and a JS divergence of 0, "low" drift by a weak KS statistic, and no value said missing. With the
/// noise guard on, such a column's values are also tested as ordered categories (<see cref="PsiGuard"/>, sparse ones
/// merged with their neighbours), and the values new in or gone from the current file are listed as categories are.
/// Only when the bins hide a difference: some bin holds two or more of the column's distinct values.
/// </summary>
internal sealed record DiscreteValueTest(PsiTest Test, int Values, IReadOnlyList<double> NewValues, IReadOnlyList<double> MissingValues)
{
    /// <summary>Most distinct values (both files together) a column may have to be compared value by value (the days of a month).</summary>
    public const int MaxValues = 31;

    /// <summary>The test of two sorted samples, or null when they hold more than <see cref="MaxValues"/> distinct values or no bin of <paramref name="range"/> holds two.</summary>
    public static DiscreteValueTest? Of(double[] sortedBaseline, double[] sortedCurrent, DriftBinRange range)
    {
        var values = new List<double>();
        var bCounts = new List<double>();
        var cCounts = new List<double>();
        int i = 0, j = 0;
        while (i < sortedBaseline.Length || j < sortedCurrent.Length)
        {
            double v = j >= sortedCurrent.Length || (i < sortedBaseline.Length && sortedBaseline[i] <= sortedCurrent[j]) ? sortedBaseline[i] : sortedCurrent[j];
            if (values.Count == MaxValues)
            {
                return null;
            }

            int bStart = i, cStart = j;
            while (i < sortedBaseline.Length && sortedBaseline[i] == v)
            {
                i++;
            }

            while (j < sortedCurrent.Length && sortedCurrent[j] == v)
            {
                j++;
            }

            values.Add(v);
            bCounts.Add(i - bStart);
            cCounts.Add(j - cStart);
        }

        if (!DistributionDistance.BinCounts(values, range.Low, range.High).Any(n => n > 1))
        {
            return null;
        }

        var test = PsiGuard.Test(bCounts, cCounts, sortedBaseline.Length, sortedCurrent.Length, ordered: true, noiseGuard: true);
        var newValues = values.Where((_, k) => bCounts[k] == 0).ToList();
        var missingValues = values.Where((_, k) => cCounts[k] == 0).ToList();
        return new DiscreteValueTest(test, values.Count, newValues, missingValues);
    }

    /// <summary>A value as the report writes a category.</summary>
    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
