using System.Buffers;

namespace Agensium.Analysis.Common;

/// <summary>
/// Numbers whose thousands are grouped with a space or an apostrophe, as French, Polish, Nordic and Swiss exports write
/// them: "1 234,56", "12 500.00", "1 000 000" with a space (U+0020), a no-break space (U+00A0), a thin space (U+2009)
/// or a narrow no-break space (U+202F); "1'234.50" with an apostrophe (' or U+2019). The one rule every reader of such
/// numbers goes through (type-fixer's conversions, the notation counts of clean-my-data, the profiler, master-my-data
/// and drift-detector): an optional '-', one to three digits not starting with 0 ("012 345" is a code), then at least one group of a
/// separator and exactly three digits, the same separator throughout, then optionally a decimal mark ('.' or ',') and
/// digits. Which decimal mark a column may use is its notation's business: "1 234,56" is read where decimal commas
/// are, "1 234.56" where decimal points are, "12 000" in either (its value is the same).
/// Not read so: groups of another size ("1 2", "12 34 56 78", "1 2345"), two kinds of separator ("1 234'567",
/// "1 234.567,5"), a '+' ("+48 612 345 678" is a phone number), a space after the sign, and an unsigned whole number
/// written with the ordinary space as three digits and two or more groups ("612 345 678", "732 829 320"): a phone
/// number, a company or social-insurance number written so, as often as an amount of hundreds of millions (with a
/// no-break space, as spreadsheets group amounts, it is read). Such values stay text.
/// </summary>
public static class ThousandsGroups
{
    /// <summary>The separators read: space, no-break space, thin space, narrow no-break space, apostrophe, right single quotation mark.</summary>
    public const string Separators = " \u00a0\u2009\u202f'\u2019";

    private static readonly SearchValues<char> SeparatorValues = SearchValues.Create(Separators);

    /// <summary>One number so written.</summary>
    /// <param name="Plain">Its text without the groups, sign and decimal mark as written ("-1234,56", "1234.50", "12000").</param>
    /// <param name="Separator">The separator of its groups.</param>
    /// <param name="DecimalMark">'.' or ',' when it has a fraction, else '\0'.</param>
    public readonly record struct Reading(string Plain, char Separator, char DecimalMark)
    {
        /// <summary>True when a reader of decimal points may read it ("1 234.56", "12 000").</summary>
        public bool FitsDecimalPoint => DecimalMark != ',';

        /// <summary>True when a reader of decimal commas may read it ("1 234,56", "12 000").</summary>
        public bool FitsDecimalComma => DecimalMark != '.';
    }

    /// <summary>The cheap necessary condition of <see cref="TryRead"/>: a separator somewhere in the text.</summary>
    public static bool MayBeOne(ReadOnlySpan<char> text) => text.ContainsAny(SeparatorValues);

    /// <summary>Reads <paramref name="text"/> (white space around allowed) as described above.</summary>
    public static bool TryRead(ReadOnlySpan<char> text, out Reading reading)
    {
        reading = default;
        text = text.Trim();
        if (text.Length is < 5 or > 64 || !MayBeOne(text))
        {
            return false;
        }

        bool negative = text[0] == '-';
        var body = negative ? text[1..] : text;
        int first = 0;
        while (first < body.Length && char.IsAsciiDigit(body[first]))
        {
            first++;
        }

        if (first is < 1 or > 3 || first == body.Length || body[0] == '0' || !SeparatorValues.Contains(body[first]))
        {
            return false;
        }

        char separator = body[first];
        int i = first, groups = 0;
        while (i < body.Length && body[i] == separator)
        {
            if (i + 3 >= body.Length)
            {
                return false;
            }

            if (!char.IsAsciiDigit(body[i + 1]) || !char.IsAsciiDigit(body[i + 2]) || !char.IsAsciiDigit(body[i + 3]))
            {
                return false;
            }

            groups++;
            i += 4;
        }

        char mark = '\0';
        if (i < body.Length)
        {
            // A decimal mark and at least one digit, nothing after them.
            if (body[i] is not ('.' or ',') || i + 1 == body.Length || body[(i + 1)..].ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            mark = body[i];
        }

        if (separator == ' ' && mark == '\0' && !negative && groups >= 2 && first == 3)
        {
            return false; // "612 345 678": a phone, company or insurance number as often as an amount
        }

        Span<char> plain = stackalloc char[body.Length + 1];
        int length = 0;
        if (negative)
        {
            plain[length++] = '-';
        }

        foreach (char c in body)
        {
            if (c != separator)
            {
                plain[length++] = c;
            }
        }

        reading = new Reading(new string(plain[..length]), separator, mark);
        return true;
    }

    /// <summary>The separator's name for reports: "space", "no-break space", "thin space", "narrow no-break space", "apostrophe".</summary>
    public static string NameOf(char separator) => separator switch
    {
        ' ' => "space",
        '\u00a0' => "no-break space",
        '\u2009' => "thin space",
        '\u202f' => "narrow no-break space",
        _ => "apostrophe",
    };
}
