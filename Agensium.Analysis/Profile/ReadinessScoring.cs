namespace Agensium.Analysis.Profile;

/// <summary>The readiness-rater formulas (AGENSIUM 5.1), as pure functions; scores are floored at 0.</summary>
public static class ReadinessScoring
{
    /// <summary>Share (percent) of numeric-like values below which a text column counts as mixed (exclusive bounds 0 and 30).</summary>
    public const double MixedNumericPct = 30;

    /// <summary>Non-null cells as a percentage of all cells; 0 for no cells.</summary>
    public static double Completeness(long nonNullCells, long cells) => cells == 0 ? 0 : 100.0 * nonNullCells / cells;

    /// <summary>100 − 20 · (text columns whose first value has a digit but whose values are not all numbers) / columns.</summary>
    public static double Consistency(int inconsistentTextColumns, int columns) =>
        columns == 0 ? 100 : Math.Max(0, 100 - (20.0 * inconsistentTextColumns / columns));

    /// <summary>100 − 15 per all-null column − 8 per unnamed column − 5 per text column with 0 &lt; numeric-like% &lt; 30.</summary>
    public static double SchemaHealth(int allNullColumns, int unnamedColumns, int mixedTextColumns) =>
        Math.Max(0, 100 - (15 * allNullColumns) - (8 * unnamedColumns) - (5 * mixedTextColumns));

    /// <summary>Weighted sum of the three scores.</summary>
    public static double Overall(double completeness, double consistency, double schemaHealth, ReadinessSettings settings) =>
        (settings.CompletenessWeight * completeness) + (settings.ConsistencyWeight * consistency) + (settings.SchemaWeight * schemaHealth);

    /// <summary>True when the text column's numeric-like share lies strictly between 0 and 30%.</summary>
    public static bool IsMixedText(long numericLike, long nonNull) =>
        nonNull > 0 && numericLike > 0 && 100.0 * numericLike / nonNull < MixedNumericPct;
}
