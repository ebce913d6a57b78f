using System.Text;

namespace Agensium.Analysis.Common;

/// <summary>
/// Upper, lower and title case of characters as Python's str.upper, str.lower and str.title write them (Unicode's full
/// case mappings): .NET's invariant casing maps one character to one, so "Straße" upper-cased stayed "STRAßE" (Python:
/// "STRASSE"), "ﬁ" stayed "ﬁ" ("FI"), the dotless "ı" was not upper-cased to "I" nor "İ" lower-cased to "i̇", and a word
/// starting with "ǆ" took "Ǆ", not the title-case "ǅ". The mappings .NET lacks are in <see cref="PythonCaseData"/>;
/// every other character is cased by .NET (one to one, as Python does it). Not done: Python's final sigma ("ΟΔΟΣ" lower
/// is "οδος" in Python, "οδοσ" here).
/// </summary>
internal static class PythonCase
{
    // The lowest character with a mapping of its own (ß); below it .NET's casing is Python's.
    private const char FirstSpecial = '\u00DF';

    /// <summary>str.upper.</summary>
    public static string Upper(string text) => Map(text, PythonCaseData.Upper, static s => s.ToUpperInvariant());

    /// <summary>str.lower (without the final sigma).</summary>
    public static string Lower(string text) => Map(text, PythonCaseData.Lower, static s => s.ToLowerInvariant());

    /// <summary>Appends the title case of <paramref name="c"/> (a word's first letter) to <paramref name="sb"/>.</summary>
    public static void AppendTitle(StringBuilder sb, char c) => Append(sb, c, PythonCaseData.Title, char.ToUpperInvariant);

    /// <summary>Appends the lower case of <paramref name="c"/> (a letter inside a word) to <paramref name="sb"/>.</summary>
    public static void AppendLower(StringBuilder sb, char c) => Append(sb, c, PythonCaseData.Lower, char.ToLowerInvariant);

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

    // The text cased by .NET, run by run, with the characters of specials written as they map. Text without any is
    // cased in one call (surrogate pairs included).
    private static string Map(string text, Dictionary<char, string> specials, Func<string, string> dotnet)
    {
        int first = IndexOfSpecial(text, 0, specials);
        if (first < 0)
        {
            return dotnet(text);
        }

        var sb = new StringBuilder(text.Length + 8);
        int start = 0;
        for (int i = first; i >= 0; i = IndexOfSpecial(text, start, specials))
        {
            sb.Append(dotnet(text[start..i])).Append(specials[text[i]]);
            start = i + 1;
        }

        return sb.Append(dotnet(text[start..])).ToString();
    }

    private static int IndexOfSpecial(string text, int from, Dictionary<char, string> specials)
    {
        for (int i = from; i < text.Length; i++)
        {
            if (text[i] >= FirstSpecial && specials.ContainsKey(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
