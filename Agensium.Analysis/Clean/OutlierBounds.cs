using System.Text.Json.Nodes;
using Agensium.Analysis.Profile;

namespace Agensium.Analysis.Clean;

/// <summary>The outlier bounds of one numeric column: a value strictly outside [Lower, Upper] is an outlier.</summary>
public sealed record OutlierBounds(string Column, int Index, double Lower, double Upper, double Mean, double Median, long Values)
{
    /// <summary>Computes the bounds of <paramref name="values"/> with the settings' method (quantiles by linear interpolation; z-score with the sample std).</summary>
    public static OutlierBounds Compute(string column, int index, IReadOnlyList<double> values, OutlierRemoverSettings s)
    {
        double[] sorted = [.. values];
        Array.Sort(sorted);
        double mean = sorted.Average();
        double median = NumericSummary.Quantile(sorted, 0.5);
        (double lower, double upper) = s.Method switch
        {
            "iqr" => Iqr(sorted, s.IqrMultiplier),
            "z_score" => ZScore(sorted, mean, s.ZThreshold),
            _ => (NumericSummary.Quantile(sorted, s.LowerPercentile / 100), NumericSummary.Quantile(sorted, s.UpperPercentile / 100)),
        };
        return new OutlierBounds(column, index, lower, upper, mean, median, sorted.Length);
    }

    /// <summary>True when <paramref name="value"/> lies strictly outside [Lower, Upper].</summary>
    public bool IsOutlier(double value) => value < Lower || value > Upper;

    /// <summary>The column's bounds and outlier counts for the report.</summary>
    public JsonObject ToJson(long outliers, string? imputeValue) => new()
    {
        ["column"] = Column,
        ["lower_bound"] = double.IsFinite(Lower) ? Rounding.Stat(Lower) : null,
        ["upper_bound"] = double.IsFinite(Upper) ? Rounding.Stat(Upper) : null,
        ["values"] = Values,
        ["outliers"] = outliers,
        ["outlier_pct"] = Rounding.Pct(Rounding.Share(outliers, Values)),
        ["impute_value"] = imputeValue,
    };

    private static (double, double) Iqr(double[] sorted, double k)
    {
        double q1 = NumericSummary.Quantile(sorted, 0.25);
        double q3 = NumericSummary.Quantile(sorted, 0.75);
        return (q1 - (k * (q3 - q1)), q3 + (k * (q3 - q1)));
    }

    // |z| > t with the sample standard deviation; no outliers when it is 0 or undefined.
    private static (double, double) ZScore(double[] sorted, double mean, double t)
    {
        if (sorted.Length < 2)
        {
            return (double.NegativeInfinity, double.PositiveInfinity);
        }

        double std = Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (sorted.Length - 1));
        return std == 0 ? (double.NegativeInfinity, double.PositiveInfinity) : (mean - (t * std), mean + (t * std));
    }
}
