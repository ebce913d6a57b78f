using System.Globalization;

namespace Agensium.Analysis.Clean;

/// <summary>
/// Numbers written the continental-European way: a decimal comma and optional '.' thousands groups ("0,5", "12,50",
/// "1.234,56", "1.234"). <see cref="TryParse"/> reads such text; <see cref="IsDotGrouped"/> and
/// <see cref="IsUnambiguousDecimal"/> tell what a value says about the notation of its file. A file shows the notation
/// when one of its number columns has decimal commas that cannot be US thousands groups (<see cref="ShowsIn"/>);
/// type-fixer then reads its number columns that have no '.' decimal of their own in this notation
/// (<see cref="ReadsColumn"/>), so "1.234" beside "0,5" is one thousand two hundred thirty-four, not 1.234.
/// </summary>
internal static class CommaNotation
{
    /// <summary>Reads "[sign]digits[,digits]" or "[sign]d{1,3}(.ddd)+[,digits]"; white space around is allowed.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double number)
    {
        number = 0;
        text = text.Trim();
        int start = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        var body = text[start..];
        int comma = body.IndexOf(',');
        var whole = comma < 0 ? body : body[..comma];
        var fraction = comma < 0 ? [] : body[(comma + 1)..];
        if (whole.IsEmpty || (comma >= 0 && (fraction.IsEmpty || !IsDigits(fraction))))
        {
            return false;
        }

        string digits;
        if (whole.Contains('.'))
        {
            if (!IsDotGrouped(whole))
            {
                return false;
            }

            digits = whole.ToString().Replace(".", "", StringComparison.Ordinal);
        }
        else if (IsDigits(whole))
        {
            digits = whole.ToString();
        }
        else
        {
            return false;
        }

        string invariant = (start == 1 && text[0] == '-' ? "-" : "") + digits + (comma < 0 ? "" : "." + fraction.ToString());
        return double.TryParse(invariant, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number)
            && double.IsFinite(number);
    }

    /// <summary>d{1,3}(.ddd)+ with no leading zero group: "1.234", "12.000.000" (a number of thousands).</summary>
    public static bool IsDotGrouped(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.Length > 0 && text[0] is '+' or '-')
        {
            text = text[1..];
        }

        int first = text.IndexOf('.');
        if (first is < 1 or > 3 || text[0] == '0' || !IsDigits(text[..first]))
        {
            return false;
        }

        var rest = text[first..];
        if (rest.Length % 4 != 0)
        {
            return false;
        }

        for (int i = 0; i < rest.Length; i += 4)
        {
            if (rest[i] != '.' || !IsDigits(rest.Slice(i + 1, 3)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A comma-notation number whose comma can only be a decimal comma: not followed by exactly three digits ("0,5", "12,50"), or after '.' groups ("1.234,5").</summary>
    public static bool IsUnambiguousDecimal(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        int comma = text.IndexOf(',');
        if (comma < 0 || !TryParse(text, out _))
        {
            return false;
        }

        return text.Length - comma - 1 != 3 || text[..comma].Contains('.');
    }

    /// <summary>True when a column shows the file writes decimal commas: it has unambiguous ones, no '.' decimal, and is a number column read so.</summary>
    public static bool ShowsIn(ColumnStats s, double numericThreshold) =>
        s.CommaDecimals > 0 && ReadsColumn(s, numericThreshold);

    /// <summary>True when <paramref name="s"/>, in a file that shows the notation, is read in it: no '.' decimal, something to convert, and numbers above the threshold so read.</summary>
    public static bool ReadsColumn(ColumnStats s, double numericThreshold) =>
        s.PointDecimals == 0 && s.CommaNumbers + s.DotGroupedNumbers > 0 && s.NonNull > 0
        && 100.0 * (s.Numbers + s.CommaNumbers) / s.NonNull > numericThreshold;

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');
}
