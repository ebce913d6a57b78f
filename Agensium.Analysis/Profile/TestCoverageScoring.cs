namespace Agensium.Analysis.Profile;

/// <summary>The test-coverage sub-scores (AGENSIUM 5.1), each starting from 100 and floored at 0.</summary>
public static class TestCoverageScoring
{
    /// <summary>100 − 20 per missing column − Σ min(25, dup%) over present columns.</summary>
    public static double Uniqueness(int missingColumns, IEnumerable<double> duplicatePcts) =>
        Floor(100 - (20 * missingColumns) - duplicatePcts.Sum(p => Math.Min(25, p)));

    /// <summary>100 − 15 per missing column − 10 per non-numeric column − Σ min(20, violation%).</summary>
    public static double Range(int missingColumns, int nonNumericColumns, IEnumerable<double> violationPcts) =>
        Floor(100 - (15 * missingColumns) - (10 * nonNumericColumns) - violationPcts.Sum(p => Math.Min(20, p)));

    /// <summary>100 − 15 per missing column − 5 per invalid regex − Σ min(15, violation%).</summary>
    public static double Format(int missingColumns, int badRegexes, IEnumerable<double> violationPcts) =>
        Floor(100 - (15 * missingColumns) - (5 * badRegexes) - violationPcts.Sum(p => Math.Min(15, p)));

    /// <summary>w_u·uniqueness + w_r·range + w_f·format.</summary>
    public static double Overall(double uniqueness, double range, double format, TestCoverageSettings settings) =>
        (settings.UniquenessWeight * uniqueness) + (settings.RangeWeight * range) + (settings.FormatWeight * format);

    /// <summary>excellent ≥ 90, good ≥ 75, else needs_improvement.</summary>
    public static string Status(double score) => score >= 90 ? "excellent" : score >= 75 ? "good" : "needs_improvement";

    private static double Floor(double score) => Math.Max(0, score);
}
