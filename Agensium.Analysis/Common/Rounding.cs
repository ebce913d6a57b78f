using System.Globalization;

namespace Agensium.Analysis.Common;

/// <summary>
/// Rounding used for report figures: percentages and scores to 2 decimals; statistics to 4 decimals, or to 4
/// significant digits when smaller than 1 (a p-value of 3e-6 or a spread of 9.3e-5 is not shown as 0, and a value
/// of −0.0007001 is not printed inside a range whose ends were rounded to −0.0007).
/// </summary>
internal static class Rounding
{
    public static double Pct(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static double Stat(double value) =>
        Math.Abs(value) >= 1 || value == 0 || !double.IsFinite(value)
            ? Math.Round(value, 4, MidpointRounding.AwayFromZero)
            : double.Parse(value.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static double? Stat(double? value) => value is null ? null : Stat(value.Value);

    public static double Share(long part, long whole) => whole == 0 ? 0 : 100.0 * part / whole;
}
