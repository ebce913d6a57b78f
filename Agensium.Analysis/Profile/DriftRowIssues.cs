using System.Globalization;

namespace Agensium.Analysis.Profile;

/// <summary>
/// Row issues of drifted columns, at most <see cref="PerColumnCap"/> per column: a current value outside the baseline's
/// [min, max] (numeric) or a category the baseline never had (categorical).
/// </summary>
internal static class DriftRowIssues
{
    public const int PerColumnCap = 50;
    public const string IssueType = "drift_value";

    public static void Emit(DriftComparison comparison, IReadOnlyDictionary<string, (DriftColumnSample Baseline, DriftColumnSample Current)> samples, RowIssueLog log)
    {
        foreach (var result in comparison.Drifted)
        {
            var (baseline, current) = samples[result.Column];
            int emitted = 0;
            double min = baseline.Numbers.Count > 0 ? baseline.Numbers.Min() : 0;
            double max = baseline.Numbers.Count > 0 ? baseline.Numbers.Max() : 0;
            for (int i = 0; i < current.Rows.Count && emitted < PerColumnCap; i++)
            {
                string text = current.Texts[i];
                string? message = result.Kind == "numeric"
                    ? double.IsNaN(current.NumberAt[i]) ? $"'{text}' is not a number in a numeric column" : OutsideRange(current.NumberAt[i], min, max)
                    : baseline.Counts.ContainsKey(text) ? null : $"category '{text}' does not occur in the baseline";
                if (message is null)
                {
                    continue;
                }

                emitted++;
                log.Count(result.Column, IssueType, "warning");
                log.AffectedRows.Set(current.Rows[i]);
                log.Keep(current.Rows[i], result.Column, IssueType, "warning", $"Drifted column '{result.Column}': {message}", text);
            }
        }
    }

    private static string? OutsideRange(double value, double min, double max) =>
        value >= min && value <= max ? null
        : string.Create(CultureInfo.InvariantCulture, $"value is outside the baseline range [{Rounding.Stat(min)}, {Rounding.Stat(max)}]");
}
