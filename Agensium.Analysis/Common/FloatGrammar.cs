namespace Agensium.Analysis.Common;

/// <summary>
/// A cheap necessary condition for <c>double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture)</c> to read a
/// finite number: optional leading white space (U+0009–U+000D, U+0020), one optional '+' or '-', digits with at most one
/// '.', an optional 'e'/'E' with its own optional sign and digits, then only white space and NUL characters (which the
/// parser ignores at the end). Phone numbers ("729-463-2176", "410.544.0836", "0055 4461247688") and dates ("6/19/2006",
/// "2007-07-12") fail it at their second part and skip the parser. NaN and the infinities, which it spells with letters,
/// fail it too: they are no finite number. It never says no to a text the parser reads as a finite number
/// (<c>FloatGrammarTests</c> compares the two).
/// </summary>
internal static class FloatGrammar
{
    private const string WhiteOrNul = " \t\n\v\f\r\0";

    /// <summary>False when <paramref name="text"/> cannot be a finite number in the invariant culture's float grammar.</summary>
    public static bool MayRead(ReadOnlySpan<char> text)
    {
        int i = 0;
        while (i < text.Length && IsWhite(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        bool point = false;
        bool exponent = false;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsAsciiDigit(c))
            {
                continue;
            }

            if (c == '.' && !point && !exponent)
            {
                point = true;
                continue;
            }

            if (c is 'e' or 'E' && !exponent)
            {
                exponent = true;
                if (i + 1 < text.Length && text[i + 1] is '+' or '-')
                {
                    i++;
                }

                continue;
            }

            // The number ended: what follows must be trailing white space, then NULs.
            return !text[i..].ContainsAnyExcept(WhiteOrNul);
        }

        return true;
    }

    private static bool IsWhite(char c) => c is ' ' or (>= '\t' and <= '\r');
}
