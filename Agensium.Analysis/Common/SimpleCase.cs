namespace Agensium.Analysis.Common;

/// <summary>
/// Upper and lower case one UTF-16 unit for one (keys, matching, names, parameter words), the same in both
/// globalization modes. .NET's invariant casing is not: with ICU "ſ" (U+017F) upper-cases to "S", in the invariant
/// mode (this service's) it stays "ſ"; and the case pairs Unicode 15-16 added ("ƛ"/U+A7DC, "ɤ"/U+A7CB, Garay …) are
/// cased in the invariant mode only. So one file gave other duplicate keys, column pairings or matches by the mode the
/// process ran in. Here every character is cased as Python's str.upper and str.lower case it where those write one
/// character (<see cref="PythonCaseData"/>: "ſ" → "S", "ı" → "I", the newer pairs kept), else by .NET (the same in both
/// modes for every other character); a character Python maps to several ("ß" → "SS", "İ" → "i̇") keeps .NET's one.
/// Text for people (field-standardization's case strategies, values written out) takes <see cref="PythonCase"/>'s
/// full mappings instead.
/// </summary>
internal static class SimpleCase
{
    // The lowest characters whose one-to-one case is not .NET's in both modes: "ı" (U+0131) for upper case, U+1C89 (a
    // capital of Unicode 16) for lower case; surrogate pairs (Garay) are looked at in spans and strings.
    private const char FirstUpperSpecial = '\u0131';
    private const char FirstLowerSpecial = '\u1C89';

    /// <summary>The upper case of <paramref name="c"/>.</summary>
    public static char UpperChar(char c) => c < FirstUpperSpecial ? char.ToUpperInvariant(c) : Mapped(c, PythonCaseData.Upper, upper: true);

    /// <summary>The lower case of <paramref name="c"/>.</summary>
    public static char LowerChar(char c) => c < FirstLowerSpecial ? char.ToLowerInvariant(c) : Mapped(c, PythonCaseData.Lower, upper: false);

    /// <summary>The upper case of <paramref name="text"/> (as long as it).</summary>
    public static string Upper(string text) =>
        text.AsSpan().IndexOfAnyInRange(FirstUpperSpecial, char.MaxValue) < 0 ? text.ToUpperInvariant() : Cased(text, upper: true);

    /// <summary>The lower case of <paramref name="text"/> (as long as it).</summary>
    public static string Lower(string text) =>
        text.AsSpan().IndexOfAnyInRange(FirstLowerSpecial, char.MaxValue) < 0 ? text.ToLowerInvariant() : Cased(text, upper: false);

    /// <summary>Writes the lower case of <paramref name="source"/> to <paramref name="destination"/> (at least as long).</summary>
    public static void Lower(ReadOnlySpan<char> source, Span<char> destination) => Case(source, destination, upper: false);

    /// <summary>Writes the upper case of <paramref name="source"/> to <paramref name="destination"/> (at least as long).</summary>
    public static void Upper(ReadOnlySpan<char> source, Span<char> destination) => Case(source, destination, upper: true);

    private static string Cased(string text, bool upper) =>
        string.Create(text.Length, text, (destination, source) => Case(source, destination, upper));

    // .NET's casing of the whole span (vectorised), then the characters from the first special one on again.
    private static void Case(ReadOnlySpan<char> source, Span<char> destination, bool upper)
    {
        int i = upper ? source.IndexOfAnyInRange(FirstUpperSpecial, char.MaxValue) : source.IndexOfAnyInRange(FirstLowerSpecial, char.MaxValue);
        if (upper)
        {
            source.ToUpperInvariant(destination);
        }
        else
        {
            source.ToLowerInvariant(destination);
        }

        for (; i >= 0 && i < source.Length; i++)
        {
            char c = source[i];
            if (char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
            {
                // Casing a pair depends on the mode only for the pairs Python does not case: those stay as written.
                if (PythonCase.IsKept(char.ConvertToUtf32(c, source[i + 1])))
                {
                    destination[i] = c;
                    destination[i + 1] = source[i + 1];
                }

                i++;
            }
            else if (!char.IsSurrogate(c))
            {
                destination[i] = upper ? UpperChar(c) : LowerChar(c);
            }
        }
    }

    private static char Mapped(char c, Dictionary<char, string> python, bool upper) =>
        python.TryGetValue(c, out string? mapped) && mapped.Length == 1 ? mapped[0]
        : upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c);
}
