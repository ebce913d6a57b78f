using System.Text;

namespace Agensium.Analysis.Common;

/// <summary>
/// Upper, lower and title case of characters as Python's str.upper, str.lower and str.title write them (Unicode's full
/// case mappings): .NET's invariant casing maps one character to one, so "Straße" upper-cased stayed "STRAßE" (Python:
/// "STRASSE"), "ﬁ" stayed "ﬁ" ("FI"), the dotless "ı" was not upper-cased to "I" nor "İ" lower-cased to "i̇", and a word
/// starting with "ǆ" took "Ǆ", not the title-case "ǅ". The mappings .NET lacks are in <see cref="PythonCaseData"/>;
/// every other character is cased by .NET (one to one, as Python does it). A capital sigma lower-cases to the final "ς"
/// where Python writes it (Unicode's Final_Sigma context: "ΟΔΟΣ" → "οδος", not "οδοσ"), and "cased" is Python's
/// property (<see cref="IsCased"/>), which str.title reads to find where a word starts.
/// </summary>
internal static class PythonCase
{
    // The lowest character with a mapping of its own (ß); below it .NET's casing is Python's.
    private const char FirstSpecial = '\u00DF';
    private const char CapitalSigma = '\u03A3';

    /// <summary>str.upper.</summary>
    public static string Upper(string text) => Map(text, static (t, i) => PythonCaseData.Upper.GetValueOrDefault(t[i]), static s => s.ToUpperInvariant());

    /// <summary>str.lower.</summary>
    public static string Lower(string text) => Map(text, LowerSpecial, static s => s.ToLowerInvariant());

    /// <summary>Appends the title case of <paramref name="codePoint"/> (a word's first letter) to <paramref name="sb"/>.</summary>
    public static void AppendTitle(StringBuilder sb, int codePoint)
    {
        if (codePoint > char.MaxValue)
        {
            // Outside the BMP (Deseret 𐐨, Adlam 𞤢) Python's title case is the simple upper case: the tables hold none.
            AppendRune(sb, Rune.ToUpperInvariant(new Rune(codePoint)));
        }
        else
        {
            Append(sb, (char)codePoint, PythonCaseData.Title, char.ToUpperInvariant);
        }
    }

    /// <summary>Appends the lower case of the character at <paramref name="text"/>[<paramref name="i"/>] (a letter
    /// inside a word; both halves of a surrogate pair) to <paramref name="sb"/>; the text around it decides a capital
    /// sigma's form.</summary>
    public static void AppendLower(StringBuilder sb, string text, int i)
    {
        if (text[i] == CapitalSigma)
        {
            sb.Append(Sigma(text, i));
        }
        else if (char.IsHighSurrogate(text[i]) && Rune.TryGetRuneAt(text, i, out Rune rune))
        {
            AppendRune(sb, Rune.ToLowerInvariant(rune));
        }
        else
        {
            Append(sb, text[i], PythonCaseData.Lower, char.ToLowerInvariant);
        }
    }

    /// <summary>The code point at <paramref name="text"/>[<paramref name="i"/>] (a surrogate pair's, or a lone
    /// surrogate's own value) and the UTF-16 units it takes.</summary>
    public static (int CodePoint, int Length) CodePointAt(string text, int i) =>
        char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
            ? (char.ConvertToUtf32(text[i], text[i + 1]), 2)
            : (text[i], 1);

    /// <summary>Python's cased characters (Unicode's Cased property: letters with case, and a few others such as "ª",
    /// "ʰ", "Ⅻ", "ⓐ"), after which str.title lower-cases a letter.</summary>
    public static bool IsCased(int codePoint) => codePoint < 0x80 ? char.IsAsciiLetter((char)codePoint) : InRanges(PythonCaseData.CasedRanges, codePoint);

    private static bool IsCaseIgnorable(int codePoint) => InRanges(PythonCaseData.CaseIgnorableRanges, codePoint);

    // A capital sigma lower-cases as Python's lower_ucs4 does it: "ς" in the Final_Sigma context, a cased character
    // before it and none after it, skipping case-ignorable characters (apostrophes, periods, combining marks ...) both
    // ways: "ΟΔΟΣ" → "οδος", "ΑΣ." → "ας.", but "ΑΣ'Β" → "ασ'β" and a lone "Σ" → "σ".
    private static char Sigma(string text, int i)
    {
        int before = i;
        int previous = -1;
        while (before > 0)
        {
            Rune.DecodeLastFromUtf16(text.AsSpan(0, before), out Rune rune, out int length);
            before -= length;
            if (!IsCaseIgnorable(rune.Value))
            {
                previous = rune.Value;
                break;
            }
        }

        if (previous < 0 || !IsCased(previous))
        {
            return '\u03C3';
        }

        for (int after = i + 1; after < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(after), out Rune rune, out int length);
            after += length;
            if (!IsCaseIgnorable(rune.Value))
            {
                return IsCased(rune.Value) ? '\u03C3' : '\u03C2';
            }
        }

        return '\u03C2';
    }

    // The first, last pairs of ranges hold codePoint (a binary search over the pairs).
    private static bool InRanges(int[] ranges, int codePoint)
    {
        int lo = 0;
        int hi = (ranges.Length / 2) - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (codePoint < ranges[2 * mid])
            {
                hi = mid - 1;
            }
            else if (codePoint > ranges[(2 * mid) + 1])
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private static void AppendRune(StringBuilder sb, Rune rune)
    {
        Span<char> units = stackalloc char[2];
        sb.Append(units[..rune.EncodeToUtf16(units)]);
    }

    // str.lower's mapping of text[i] where .NET's invariant lower case is not it, else null.
    private static string? LowerSpecial(string text, int i) =>
        text[i] == CapitalSigma ? Sigma(text, i).ToString() : PythonCaseData.Lower.GetValueOrDefault(text[i]);

    private static void Append(StringBuilder sb, char c, Dictionary<char, string> specials, Func<char, char> dotnet)
    {
        // ASCII and Latin-1 up to Þ have no special mapping: no lookup for them.
        if (c >= FirstSpecial && specials.TryGetValue(c, out string? mapped))
        {
            sb.Append(mapped);
        }
        else
        {
            sb.Append(dotnet(c));
        }
    }

    // The text cased by .NET, run by run, with the characters special maps written as it maps them. Text without any
    // is cased in one call (surrogate pairs included).
    private static string Map(string text, Func<string, int, string?> special, Func<string, string> dotnet)
    {
        StringBuilder? sb = null;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] < FirstSpecial || special(text, i) is not { } mapped)
            {
                continue;
            }

            sb ??= new StringBuilder(text.Length + 8);
            sb.Append(dotnet(text[start..i])).Append(mapped);
            start = i + 1;
        }

        return sb is null ? dotnet(text) : sb.Append(dotnet(text[start..])).ToString();
    }
}
