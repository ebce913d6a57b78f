namespace Agensium.Analysis.Common;

/// <summary>Rounding used for report figures: percentages and scores to 2 decimals, statistics to 4.</summary>
internal static class Rounding
{
    public static double Pct(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static double Stat(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    public static double? Stat(double? value) => value is null ? null : Stat(value.Value);

    public static double Share(long part, long whole) => whole == 0 ? 0 : 100.0 * part / whole;
}
