using System.Globalization;
using Agensium.Analysis.Clean;

namespace Agensium.Analysis.Master;

/// <summary>
/// Amounts as master-my-data reads them: a number with at most one currency sign before or after it ("$1,200.00",
/// "12,50 €"), in the notation of its column (<see cref="ColumnNotation"/>): "12,50" is twelve and a half in a column
/// that writes decimal commas, never 1250 or the text "12,50".
/// </summary>
internal static class Amounts
{
    /// <summary>Reads <paramref name="text"/> as an amount in <paramref name="notation"/>.</summary>
    public static bool TryRead(string text, ColumnNotation notation, out double value) =>
        notation.TryRead(NumberPart(text), out value);

    /// <summary>
    /// The notation of a column of <paramref name="values"/>, each held by <paramref name="counts"/>[i] rows, read from
    /// a ';'-delimited file when <paramref name="semicolonFile"/> (which leans to decimal commas, as for type-fixer).
    /// </summary>
    public static ColumnNotation NotationOf(IReadOnlyList<string> values, int[] counts, bool semicolonFile = false)
    {
        var tally = new NotationTally();
        for (int i = 0; i < values.Count; i++)
        {
            tally.Add(NumberPart(values[i]), counts[i]);
        }

        return ColumnNotation.Of(tally, semicolonFile: semicolonFile);
    }

    /// <summary>
    /// The part of a value read as an amount: without the white space around it and one currency sign before or after
    /// it ("$ 900" → "900", "12,50 €" → "12,50"), or one percent sign after it ("12,5%" → "12,5": a percent column's
    /// notation is judged as the range check reads its values). drift-detector reads its numbers so too.
    /// </summary>
    public static ReadOnlySpan<char> NumberPart(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        if (t.Length > 1 && t[^1] == '%')
        {
            return t[..^1].TrimEnd();
        }

        if (t.Length > 1 && char.GetUnicodeCategory(t[0]) == UnicodeCategory.CurrencySymbol)
        {
            return t[1..].TrimStart();
        }

        return t.Length > 1 && char.GetUnicodeCategory(t[^1]) == UnicodeCategory.CurrencySymbol ? t[..^1].TrimEnd() : t;
    }
}
