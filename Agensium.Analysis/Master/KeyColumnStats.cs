using System.Text;

namespace Agensium.Analysis.Master;

/// <summary>
/// Key figures of one column (a blank cell or a null token is null): uniqueness = distinct/non-null·100, null %, pattern score = share of non-null values with
/// the column's most common shape (letters → A, digits → 9, other characters kept, runs collapsed). key-identifier
/// weighs the three into a key score.
/// </summary>
public sealed record KeyColumnStats(string Column, int Index, long NonNull, long Distinct, double UniquenessPct, double NullPct, double PatternScore, HashSet<string> Values)
{
    /// <summary>Computes the figures of column <paramref name="index"/>; the distinct values are kept only when <paramref name="keepValues"/>.</summary>
    public static KeyColumnStats Of(MasterTable table, int index, bool keepValues)
    {
        // Each distinct cell once, weighted by how many rows hold it.
        var column = table.Column(index);
        var counts = column.CodeCounts();
        var values = new HashSet<string>(counts.Length, StringComparer.Ordinal);
        var distinct = values.GetAlternateLookup<ReadOnlySpan<char>>();
        var shapes = new Dictionary<string, long>(StringComparer.Ordinal);
        var shapeCounts = shapes.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[256];
        long nonNull = 0;
        for (int code = 0; code < counts.Length; code++)
        {
            string cell = column.Values[code];
            var v = cell.AsSpan().Trim();
            if (v.Length == 0 || counts[code] == 0 || Clean.CellValues.IsNullToken(v))
            {
                // A null token (N/A, NULL, NaN, …) is no value, as everywhere in master-my-data: counted as one, a column
                // with a few missing ids looked complete and unique, a primary key.
                continue;
            }

            nonNull += counts[code];
            if (v.Length == cell.Length)
            {
                values.Add(cell); // the column's own string: no copy of each distinct value
            }
            else
            {
                distinct.Add(v);
            }

            var shape = v.Length <= buffer.Length ? ShapeOf(v, buffer) : Shape(v.ToString()).AsSpan();
            shapeCounts[shape] = shapeCounts.TryGetValue(shape, out long count) ? count + counts[code] : counts[code];
        }

        int rows = table.RowCount;
        double uniqueness = nonNull == 0 ? 0 : 100.0 * values.Count / nonNull;
        double nullPct = rows == 0 ? 0 : 100.0 * (rows - nonNull) / rows;
        double pattern = nonNull == 0 ? 0 : 100.0 * shapes.Values.Max() / nonNull;
        return new KeyColumnStats(table.Columns[index], index, nonNull, values.Count, uniqueness, nullPct, pattern, keepValues ? values : []);
    }

    // Shape (see Shape) written into buffer, which must be at least as long as value.
    private static ReadOnlySpan<char> ShapeOf(ReadOnlySpan<char> value, Span<char> buffer)
    {
        int length = 0;
        foreach (char c in value)
        {
            char s = char.IsLetter(c) ? 'A' : char.IsDigit(c) ? '9' : c;
            if (length == 0 || buffer[length - 1] != s || s is not ('A' or '9'))
            {
                buffer[length++] = s;
            }
        }

        return buffer[..length];
    }

    /// <summary>The shape of a value: "CUST-1001" → "A-9", "ab12" → "A9".</summary>
    public static string Shape(string value)
    {
        var sb = new StringBuilder();
        foreach (char c in value)
        {
            char s = char.IsLetter(c) ? 'A' : char.IsDigit(c) ? '9' : c;
            if (sb.Length == 0 || sb[^1] != s || s is not ('A' or '9'))
            {
                sb.Append(s);
            }
        }

        return sb.ToString();
    }
}
