namespace Agensium.Analysis.Common;

/// <summary>
/// The length of a text in characters as Python's <c>len</c> and pandas' <c>str.len</c> count them, Unicode code points:
/// an emoji or a CJK extension letter is one character, not its two UTF-16 units.
/// </summary>
public static class CodePoints
{
    /// <summary>The code points of <paramref name="value"/> (a lone surrogate counts as one).</summary>
    public static int Count(ReadOnlySpan<char> value)
    {
        int first = value.IndexOfAnyInRange('\uDC00', '\uDFFF');
        if (first < 0)
        {
            return value.Length;
        }

        int pairs = 0;
        for (int i = Math.Max(first, 1); i < value.Length; i++)
        {
            pairs += char.IsLowSurrogate(value[i]) && char.IsHighSurrogate(value[i - 1]) ? 1 : 0;
        }

        return value.Length - pairs;
    }
}
