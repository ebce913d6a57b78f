using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Agensium.Analysis.Clean;

/// <summary>How clean agents read single cells: blanks, null tokens, numbers.</summary>
public static class CellValues
{
    private static readonly string[] NullTokens = ["null", "nan", "none", "n/a", "?", "-", "missing", "undefined"];

    /// <summary>The null tokens null-handler recognises (trimmed, any casing), besides the empty string.</summary>
    public static IReadOnlyList<string> NullTokenList => NullTokens;

    /// <summary>True for an empty or whitespace-only cell.</summary>
    public static bool IsBlank([NotNullWhen(false)] string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>
    /// True for a textual null token: NULL/null/NaN/None/N/A/?/-/missing/undefined in any casing, surrounding spaces
    /// ignored. Blank cells are nulls already and are not tokens.
    /// </summary>
    public static bool IsNullToken(string? value)
    {
        if (IsBlank(value))
        {
            return false;
        }

        var trimmed = value.AsSpan().Trim();
        foreach (string token in NullTokens)
        {
            if (trimmed.Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses a finite number (invariant culture, optional exponent, surrounding spaces allowed).</summary>
    public static bool TryNumber(string? value, out double number)
    {
        number = 0;
        if (IsBlank(value))
        {
            return false;
        }

        // Text starting with a letter, '(' or '$' is never a finite number (Infinity and NaN are not finite), so most
        // text cells skip the parser.
        char first = value.AsSpan().TrimStart()[0];
        if (char.IsAsciiLetter(first) || first is '(' or '$')
        {
            return false;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
    }

    /// <summary>Shortest round-trip invariant text of a number ("150.5", "3").</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A whole number as integer text when it fits a long, else the round-trip text.</summary>
    public static string FormatWhole(double value) =>
        Math.Abs(value) < 9e18 ? ((long)value).ToString(CultureInfo.InvariantCulture) : FormatNumber(value);
}
