namespace Agensium.Analysis.Profile;

/// <summary>
/// Counts the values of a numeric column by the number they write, not by their text: "0", "-0", "0.0" and "-0.0" are
/// one value, as are "1", "1.0", "+1" and "1e0", and "1000" and "1E3" (pandas reads such a column as float64, whose
/// nunique and value_counts see one value). Counted by text, a column of zeros written four ways had 4 distinct values,
/// consistency 100 instead of the 50 of a single value, and no constant-column issue.
/// </summary>
internal static class NumberSpellings
{
    /// <summary>
    /// The numbers of <paramref name="counted"/> (text → count, every text a number) with their counts, each shown by
    /// its most frequent spelling (of equally frequent ones the first in ordinal order), by count descending then text;
    /// null when a text is not a number (the column is then counted by text).
    /// </summary>
    public static List<KeyValuePair<string, long>>? Group(IEnumerable<KeyValuePair<string, long>> counted)
    {
        var groups = new Dictionary<double, (string Text, long TextCount, long Total)>();
        foreach (var (text, count) in counted)
        {
            if (!Common.NumberText.TryParse(text, out double number))
            {
                return null;
            }

            number += 0.0; // -0 + 0 = +0: one key for zero however its sign is written
            if (!groups.TryGetValue(number, out var g))
            {
                groups[number] = (text, count, count);
                continue;
            }

            bool shownBetter = count > g.TextCount || (count == g.TextCount && string.CompareOrdinal(text, g.Text) < 0);
            groups[number] = shownBetter ? (text, count, g.Total + count) : (g.Text, g.TextCount, g.Total + count);
        }

        return [.. groups.Values
            .Select(g => KeyValuePair.Create(g.Text, g.Total))
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)];
    }
}
