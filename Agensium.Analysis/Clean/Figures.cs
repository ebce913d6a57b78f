using System.Globalization;

namespace Agensium.Analysis.Clean;

/// <summary>How the clean agents write a figure into a sentence: at most two decimals, invariant culture.</summary>
internal static class Figures
{
    public static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
