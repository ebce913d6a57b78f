using System.Globalization;

namespace Agensium.Analysis.Profile;

/// <summary>Row-level issues of the unified profiler, column by column: null cells, IQR outliers, |z| &gt; 3, numeric-looking text.</summary>
internal static class ProfilerRowIssues
{
    public const string NullValue = "null_value";
    public const string IqrOutlier = "iqr_outlier";
    public const string ZScoreOutlier = "z_score_outlier";
    public const string NumericText = "numeric_text";

    /// <summary>Counts every issue in <paramref name="log"/> and keeps entries while it has room. Null rows are already marked.</summary>
    public static void Emit(IReadOnlyList<ColumnProfile> columns, RowIssueLog log)
    {
        foreach (var column in columns)
        {
            EmitNulls(column, log);
            EmitOutliers(column, log);
            EmitNumericText(column, log);
        }
    }

    private static void EmitNulls(ColumnProfile column, RowIssueLog log)
    {
        log.Count(column.Name, NullValue, "info", column.Acc.NullCount);
        foreach (int row in column.Acc.NullRows)
        {
            log.Keep(row, column.Name, NullValue, "info", $"'{column.Name}' is null", null);
        }
    }

    private static void EmitOutliers(ColumnProfile column, RowIssueLog log)
    {
        if (column.Numeric is { Estimated: true } estimated)
        {
            // Rows are not kept past the exact limit: the counts are the sketch's estimates, no row is listed.
            log.Count(column.Name, IqrOutlier, "warning", estimated.OutlierCount);
            log.Count(column.Name, ZScoreOutlier, "warning", estimated.ZOutlierCount);
            return;
        }

        if (column.Numeric is not { } n || column.Acc.Values is not { } values || column.Acc.ValueRows is not { } rows)
        {
            return;
        }

        for (int i = 0; i < values.Count; i++)
        {
            double v = values[i];
            if (NumericSummary.IsOutlier(v, n.LowerFence, n.UpperFence))
            {
                string text = v.ToString("R", CultureInfo.InvariantCulture);
                log.Count(column.Name, IqrOutlier, "warning");
                log.AffectedRows.Set(rows[i]);
                log.Keep(rows[i], column.Name, IqrOutlier, "warning",
                    $"{text} is outside the IQR fences [{Format(n.LowerFence)}, {Format(n.UpperFence)}]", text);
            }

            if (NumericSummary.IsZOutlier(v, n.Mean, n.Std))
            {
                double z = (v - n.Mean) / n.Std!.Value;
                string text = v.ToString("R", CultureInfo.InvariantCulture);
                log.Count(column.Name, ZScoreOutlier, "warning");
                log.AffectedRows.Set(rows[i]);
                log.Keep(rows[i], column.Name, ZScoreOutlier, "warning", $"{text} has z-score {Format(z)} (|z| > 3)", text);
            }
        }
    }

    private static void EmitNumericText(ColumnProfile column, RowIssueLog log)
    {
        if (!column.HasNumericText)
        {
            return;
        }

        log.Count(column.Name, NumericText, "info", column.Acc.NumberCount);
        log.AffectedRows.UnionWith(column.Acc.NumericRows);
        foreach (var (row, value) in column.Acc.NumericTextRows)
        {
            log.Keep(row, column.Name, NumericText, "info", $"Numeric-looking value in text column '{column.Name}'", value);
        }
    }

    private static string Format(double value) => Rounding.Stat(value).ToString(CultureInfo.InvariantCulture);
}
