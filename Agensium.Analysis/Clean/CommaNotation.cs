using System.Globalization;

namespace Agensium.Analysis.Clean;

/// <summary>
/// Numbers written the continental-European way: a decimal comma and optional '.' thousands groups ("0,5", "12,50",
/// "1.234,56", "1.234"). <see cref="TryParse"/> reads such text; <see cref="IsDotGrouped"/> and
/// <see cref="IsUnambiguousDecimal"/> tell what a value says about the notation of its file. A file shows the notation
/// when one of its number columns has decimal commas that cannot be US thousands groups (<see cref="Shows"/>) and no
/// column contradicts it (<see cref="Contradicts"/>: "1,200" or "1.5"); type-fixer then reads its number columns that
/// have no '.' decimal of their own in this notation (<see cref="Reads"/>), so "1.234" beside "0,5" is one thousand two
/// hundred thirty-four, not 1.234.
/// </summary>
internal static class CommaNotation
{
    /// <summary>
    /// The cheap necessary condition of <see cref="IsCommaGrouped"/>, <see cref="IsGroupedPointDecimal"/> and
    /// <see cref="TryParse"/> on a text that is no plain number: a digit or sign first, and a ',' or '.' or a thousands
    /// separator (<see cref="ThousandsGroups"/>) in it (names, e-mail addresses and notes stop here).
    /// </summary>
    public static bool MayBeOne(ReadOnlySpan<char> text)
    {
        text = text.TrimStart();
        return !text.IsEmpty && (char.IsAsciiDigit(text[0]) || text[0] is '+' or '-') && (text.ContainsAny(',', '.') || ThousandsGroups.MayBeOne(text));
    }

    /// <summary>
    /// Reads "[sign]digits[,digits]" or "[sign]d{1,3}(.ddd)+[,digits]", or thousands grouped with a space or an
    /// apostrophe and an optional decimal comma ("1 234,56", "12 000": <see cref="ThousandsGroups"/>); white space
    /// around is allowed.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double number)
    {
        number = 0;
        text = text.Trim();
        if (ThousandsGroups.TryRead(text, out var groups))
        {
            return groups.FitsDecimalComma && TryParse(groups.Plain, out number);
        }

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

    /// <summary>
    /// A comma-notation number whose comma can only be a decimal comma: not followed by exactly three digits ("0,5",
    /// "12,50"), after '.' groups ("1.234,5"), after space or apostrophe groups ("1 234,567"), or after a lone 0 ("0,125").
    /// </summary>
    public static bool IsUnambiguousDecimal(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (ThousandsGroups.TryRead(text, out var groups))
        {
            return groups.DecimalMark == ',' && TryParse(text, out _);
        }

        int comma = text.IndexOf(',');
        if (comma < 0 || !TryParse(text, out _))
        {
            return false;
        }

        var whole = text[..comma].TrimStart("+-");
        return text.Length - comma - 1 != 3 || whole.Contains('.') || whole is "0";
    }

    /// <summary>
    /// Thousands grouped with a space or an apostrophe before a decimal point ("1 234.56", "1'234.50"): as US groups
    /// (<see cref="IsCommaGrouped"/>) a value no writer of decimal commas writes.
    /// </summary>
    public static bool IsGroupedPointDecimal(ReadOnlySpan<char> text) =>
        ThousandsGroups.TryRead(text, out var groups) && groups.DecimalMark == '.' && NumberText.TryParse(groups.Plain, out _);

    /// <summary>US thousands groups, "1,200" or "12,500.50": a file that writes them writes no decimal commas.</summary>
    public static bool IsCommaGrouped(ReadOnlySpan<char> text)
    {
        text = text.Trim().TrimStart("+-");
        int point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        if (point >= 0 && !IsDigits(text[(point + 1)..]))
        {
            return false;
        }

        int first = whole.IndexOf(',');
        if (first is < 1 or > 3 || !IsDigits(whole[..first]))
        {
            return false;
        }

        var rest = whole[first..];
        if (rest.Length % 4 != 0)
        {
            return false;
        }

        for (int i = 0; i < rest.Length; i += 4)
        {
            if (rest[i] != ',' || !IsDigits(rest.Slice(i + 1, 3)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when a column shows that its file writes decimal commas: not an identifier column (codes and id lists such
    /// as "3,12"), at least three values whose comma can only be a decimal comma, no '.' decimal, a number column so
    /// read, and either three in ten such values or a column that reads only so (<see cref="OnlyCommaFits"/>).
    /// </summary>
    /// <param name="c">The column's counts, its values of one comma group ("48,331") counted as decimal-comma numbers
    /// (<see cref="CommaReading"/>).</param>
    /// <param name="identifier">True for an identifier column.</param>
    /// <param name="numericThreshold">Share (%) of values that must be numbers so read.</param>
    /// <param name="semicolonFile">True when the file is ';'-delimited, as files written with a decimal comma are.</param>
    public static bool Shows(in NotationCounts c, bool identifier, double numericThreshold, bool semicolonFile = false) =>
        !identifier && c.CommaDecimals >= 3 && Reads(c, numericThreshold)
        && (c.CommaDecimals * 10 >= c.NonNull * 3 || OnlyCommaFits(c, semicolonFile));

    /// <summary>
    /// Values unambiguous in one in <see cref="UnambiguousShareOfOne"/> (in a ';'-delimited file, which leans comma, more
    /// than <see cref="SemicolonMinimum"/> - 1 and one in <see cref="SemicolonShareOfOne"/>) that, read with a decimal
    /// comma, make the whole column numbers, none of them saying otherwise: a column of "48,331" (three decimals, or US
    /// thousands) with one in ten like "18,31" or "0,125" among them is decimal commas, and every value reads so ("1.234",
    /// "12", "48,331", "18,31"), while a decimal point reading leaves "18,31" unread. A column of "1,500"s alone has no
    /// unambiguous value and stays as it was; so does one of "78,485"s with one in twenty like "4,9" in a ','-file (most
    /// likely US thousands beside a few stray values, a 1000-fold error if read as decimals), or with three "4,9"s among
    /// thousands of values in a ';'-file.
    /// </summary>
    public static bool OnlyCommaFits(in NotationCounts c, bool semicolonFile) =>
        c.CommaGrouped == 0 && c.PointDecimals == 0 && c.Numbers + c.CommaNumbers >= c.NonNull
        && (semicolonFile
            ? c.CommaDecimals >= SemicolonMinimum && c.CommaDecimals * SemicolonShareOfOne >= c.NonNull
            : c.CommaDecimals * UnambiguousShareOfOne >= c.NonNull);

    /// <summary>In a file not delimited by ';', one value in this many must be an unambiguous decimal comma for <see cref="OnlyCommaFits"/>.</summary>
    public const int UnambiguousShareOfOne = 10;

    /// <summary>In a ';'-delimited file, one value in this many must be an unambiguous decimal comma for <see cref="OnlyCommaFits"/>.</summary>
    public const int SemicolonShareOfOne = 50;

    /// <summary>In a ';'-delimited file, at least this many values must be unambiguous decimal commas for <see cref="OnlyCommaFits"/>.</summary>
    public const int SemicolonMinimum = 4;

    /// <summary>
    /// The counts of a column read with decimal commas: its values of one comma group ("1,500", "48,331": US thousands
    /// or three decimals alike) count as decimal-comma numbers, not US groups, when the column also writes values that
    /// can only be decimal commas ("1,5", "18,31"); otherwise the counts as they are.
    /// </summary>
    public static NotationCounts CommaReading(in NotationCounts c, long ambiguousGroups) =>
        ambiguousGroups > 0 && c.CommaDecimals > 0
            ? c with { CommaNumbers = c.CommaNumbers + ambiguousGroups, CommaGrouped = Math.Max(0, c.CommaGrouped - ambiguousGroups) }
            : c;

    /// <summary>True when a column contradicts decimal commas in its file: US thousands groups ("1,200"), or '.' decimals ("1.5") in a number column.</summary>
    public static bool Contradicts(in NotationCounts c, bool identifier, double numericThreshold) =>
        c.CommaGrouped > 0 || (!identifier && c.PointDecimals > 0 && c.NonNull > 0 && 100.0 * c.Numbers / c.NonNull > numericThreshold);

    /// <summary>True when, in a file that writes decimal commas, the column is read so: no '.' decimal, something to convert, and numbers above the threshold so read.</summary>
    public static bool Reads(in NotationCounts c, double numericThreshold) =>
        c.PointDecimals == 0 && c.CommaNumbers + c.DotGrouped > 0 && c.NonNull > 0
        && 100.0 * (c.Numbers + c.CommaNumbers) / c.NonNull > numericThreshold;

    /// <summary>True when the columns show decimal commas and none contradicts them.</summary>
    public static bool FileShows(IReadOnlyList<(NotationCounts Counts, bool Identifier)> columns, double numericThreshold, bool semicolonFile = false) =>
        columns.Any(c => Shows(c.Counts, c.Identifier, numericThreshold, semicolonFile)) && !columns.Any(c => Contradicts(c.Counts, c.Identifier, numericThreshold));

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');
}

/// <summary>
/// What a column's values say about number notation (counted by the profiler and by clean-my-data alike).
/// CommaNumbers counts values read with a decimal comma, thousands grouped with a space or an apostrophe among them
/// ("1 234,56", and "12 000", a number in either notation); CommaGrouped counts values only a decimal point reads:
/// US groups ("1,200", "12,500.50") and space or apostrophe groups before a '.' ("1 234.56", "1'234.50").
/// </summary>
internal readonly record struct NotationCounts(long NonNull, long Numbers, long DotGrouped, long PointDecimals, long CommaNumbers, long CommaDecimals, long CommaGrouped);
