using Agensium.Analysis.Common;

namespace Agensium.Analysis.Profile;

/// <summary>The unified profiler's quality dimensions (AGENSIUM 5.1), as pure functions.</summary>
public static class QualityScoring
{
    /// <summary>100 − null%.</summary>
    public static double Completeness(double nullPct) => 100 - nullPct;

    /// <summary>100 − min(outlier%, 20) for numeric columns; 100 otherwise.</summary>
    public static double Validity(bool numeric, double outlierPct) => numeric ? 100 - Math.Min(outlierPct, 20) : 100;

    /// <summary>100 when the column has more than one distinct value (null counting as a value), else 50.</summary>
    public static double Consistency(long distinctIncludingNull) => distinctIncludingNull > 1 ? 100 : 50;

    /// <summary>Mean of the three dimensions.</summary>
    public static double FieldScore(double completeness, double validity, double consistency) =>
        (completeness + validity + consistency) / 3;

    /// <summary>Mean of the field scores; 0 for no fields.</summary>
    public static double Overall(IReadOnlyCollection<double> fieldScores) =>
        fieldScores.Count == 0 ? 0 : fieldScores.Average();

    /// <summary>A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F; of the score as the report shows it (2 decimals), so 89.998 shown as 90 is an A.</summary>
    public static string Grade(double score) => Rounding.Pct(score) switch
    {
        >= 90 => "A",
        >= 80 => "B",
        >= 70 => "C",
        >= 60 => "D",
        _ => "F",
    };
}
