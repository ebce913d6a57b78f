using System.Buffers;
using System.Text;

namespace Agensium.Analysis.Common;

/// <summary>
/// Upper, lower and title case of characters as Python's str.upper, str.lower and str.title write them (Unicode's full
/// case mappings): .NET's invariant casing maps one character to one, so "Straße" upper-cased stayed "STRAßE" (Python:
/// "STRASSE"), "ﬁ" stayed "ﬁ" ("FI"), the dotless "ı" was not upper-cased to "I" nor "İ" lower-cased to "i̇", and a word
/// starting with "ǆ" took "Ǆ", not the title-case "ǅ". The mappings .NET lacks are in <see cref="PythonCaseData"/>;
/// every other character is cased by .NET (one to one, as Python does it). A capital sigma lower-cases to the final "ς"
/// where Python writes it (Unicode's Final_Sigma context: "ΟΔΟΣ" → "οδος", not "οδοσ"), and "cased" is Python's
/// property (<see cref="IsCased"/>), which str.title reads to find where a word starts. The case pairs Unicode 15-16
/// added ("ƛ"/"Ƛ" U+019B/U+A7DC, "ɤ"/"Ɤ" U+0264/U+A7CB, and letters new in 16, Garay among them) are kept as Python's
/// Unicode keeps them: .NET 10 cased them in its globalization-invariant mode (Unicode 16 tables) and not with ICU 72
/// (Unicode 15), so "ƛ" upper-cased depended on the mode (<see cref="PythonCaseData.KeptRanges"/> and the tables).
/// </summary>
internal static class PythonCase
{
    // The lowest character with a mapping of its own (ß); below it .NET's casing is Python's.
    private const char FirstSpecial = '\u00DF';
    private const char CapitalSigma = '\u03A3';

    // Python's cased and case-ignorable characters of the BMP as bits (8 KB each): one lookup for the characters of
    // nearly every cell, where a binary search over the ~150 and ~400 ranges took eight or nine steps per character.
    private static readonly ulong[] CasedBmp = BmpBits(PythonCaseData.CasedRanges);
    private static readonly ulong[] CaseIgnorableBmp = BmpBits(PythonCaseData.CaseIgnorableRanges);

    /// <summary>str.upper.</summary>
    public static string Upper(string text) => Map(text, upper: true);

    /// <summary>str.lower.</summary>
    public static string Lower(string text) => Map(text, upper: false);

    /// <summary>Appends the title case of <paramref name="codePoint"/> (a word's first letter) to <paramref name="sb"/>.</summary>
    public static void AppendTitle(StringBuilder sb, int codePoint)
    {
        if (codePoint > char.MaxValue)
        {
            // Outside the BMP (Deseret 𐐨, Adlam 𞤢) Python's title case is the simple upper case: the tables hold none.
            var rune = new Rune(codePoint);
            AppendRune(sb, IsKept(codePoint) ? rune : Rune.ToUpperInvariant(rune));
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
            AppendRune(sb, IsKept(rune.Value) ? rune : Rune.ToLowerInvariant(rune));
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
    public static bool IsCased(int codePoint) => codePoint <= char.MaxValue ? InBits(CasedBmp, codePoint) : InRanges(PythonCaseData.CasedRanges, codePoint);

    /// <summary>A character outside the BMP that .NET's invariant casing cases and Python does not (a case pair newer than Python's Unicode).</summary>
    public static bool IsKept(int codePoint) => InRanges(PythonCaseData.KeptRanges, codePoint);

    // The surrogate pair at text[i] is such a character.
    private static bool IsKeptPair(string text, int i) =>
        i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) && IsKept(char.ConvertToUtf32(text[i], text[i + 1]));

    private static bool IsCaseIgnorable(int codePoint) =>
        codePoint <= char.MaxValue ? InBits(CaseIgnorableBmp, codePoint) : InRanges(PythonCaseData.CaseIgnorableRanges, codePoint);

    private static bool InBits(ulong[] bits, int codePoint) => (bits[codePoint >> 6] & (1UL << codePoint)) != 0;

    // The BMP code points of the first, last pairs of ranges as bits.
    private static ulong[] BmpBits(int[] ranges)
    {
        var bits = new ulong[(char.MaxValue + 1) / 64];
        for (int r = 0; r < ranges.Length; r += 2)
        {
            for (int c = ranges[r]; c <= Math.Min(ranges[r + 1], char.MaxValue); c++)
            {
                bits[c >> 6] |= 1UL << c;
            }
        }

        return bits;
    }

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

    // The text cased by .NET, run by run, with the characters of Python's own mappings (and a capital sigma, lower-cased)
    // written as Python maps them. Text without any is cased in one call (surrogate pairs included); a run between them
    // is cased into a buffer on the stack or a pooled one, so no string is made per mapped character (a Greek column's
    // every word-final sigma made three).
    private static string Map(string text, bool upper)
    {
        var specials = upper ? PythonCaseData.Upper : PythonCaseData.Lower;
        StringBuilder? sb = null;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            string? mapped = null;
            int length = 1;
            if (c < FirstSpecial)
            {
                continue;
            }

            if (char.IsHighSurrogate(c))
            {
                if (!IsKeptPair(text, i))
                {
                    continue;
                }

                length = 2; // kept as it is
            }
            else if ((upper || c != CapitalSigma) && !specials.TryGetValue(c, out mapped))
            {
                continue;
            }

            sb ??= new StringBuilder(text.Length + 8);
            AppendCased(sb, text.AsSpan(start, i - start), upper);
            if (length == 2)
            {
                sb.Append(text, i, 2);
            }
            else if (mapped is null)
            {
                sb.Append(Sigma(text, i));
            }
            else
            {
                sb.Append(mapped);
            }

            start = i + length;
            i += length - 1;
        }

        if (sb is null)
        {
            return upper ? text.ToUpperInvariant() : text.ToLowerInvariant();
        }

        AppendCased(sb, text.AsSpan(start), upper);
        return sb.ToString();
    }

    // Appends run cased by .NET (invariant; one UTF-16 unit for one, surrogate pairs included).
    private static void AppendCased(StringBuilder sb, ReadOnlySpan<char> run, bool upper)
    {
        const int OnStack = 256;
        char[]? pooled = null;
        Span<char> cased = run.Length <= OnStack ? stackalloc char[OnStack] : (pooled = ArrayPool<char>.Shared.Rent(run.Length));
        int length = upper ? run.ToUpperInvariant(cased) : run.ToLowerInvariant(cased);
        sb.Append(cased[..length]);
        if (pooled is not null)
        {
            ArrayPool<char>.Shared.Return(pooled);
        }
    }
}
