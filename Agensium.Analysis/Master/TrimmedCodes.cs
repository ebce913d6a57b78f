namespace Agensium.Analysis.Master;

/// <summary>
/// Row keys compared on trimmed cell text in Unicode form C (<see cref="Common.ComposedText"/>: a precomposed "José" and
/// one written with a combining accent are one key), through the columns' codes rather than joined strings.
/// </summary>
internal static class TrimmedCodes
{
    /// <summary>Per code of <paramref name="column"/>, an id of its trimmed text: equal ids ⇔ equal trimmed text in form C; 0 = blank or a null token (N/A, NULL, …: no key).</summary>
    public static int[] Of(MasterColumn column)
    {
        var ids = new Dictionary<string, int>(column.Values.Count + 1, StringComparer.Ordinal) { [""] = 0 };
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var result = new int[column.Values.Count];
        for (int code = 0; code < result.Length; code++)
        {
            string value = column.Values[code];
            var trimmed = Clean.CellValues.IsNullToken(value) ? [] : Common.ComposedText.Of(value.AsSpan().Trim());
            if (!lookup.TryGetValue(trimmed, out int id))
            {
                id = ids.Count;
                if (trimmed.Length == value.Length && trimmed.SequenceEqual(value))
                {
                    ids.Add(value, id); // the column's own string: no copy per distinct value
                }
                else
                {
                    lookup[trimmed] = id;
                }
            }

            result[code] = id;
        }

        return result;
    }

    /// <summary>
    /// Per row, an id equal for two rows exactly when their trimmed cells in <paramref name="columns"/> are (0 when all
    /// are blank, else 1 or more), and one more than the largest id. Built column by column from pairs of ids, with no
    /// string per row.
    /// </summary>
    public static (int[] Ids, int Count) RowIds(MasterTable table, IReadOnlyList<int> columns) =>
        RowIds(table, columns, [.. columns.Select(c => Of(table.Column(c)))]);

    /// <summary>
    /// <see cref="RowIds(MasterTable, IReadOnlyList{int})"/> with the id of each column's codes given
    /// (<paramref name="idsByColumn"/>[k] for <paramref name="columns"/>[k]): e-mails read as mailboxes, for one.
    /// </summary>
    public static (int[] Ids, int Count) RowIds(MasterTable table, IReadOnlyList<int> columns, int[][] idsByColumn)
    {
        var rowIds = new int[table.RowCount];
        int count = 1;
        for (int k = 0; k < columns.Count; k++)
        {
            var column = table.Column(columns[k]);
            var ids = idsByColumn[k];
            int capacity = (int)Math.Min(rowIds.Length + 1L, (long)count * ((ids.Length > 0 ? ids.Max() : 0) + 1));
            var pairs = new Dictionary<long, int>(capacity) { [0] = 0 }; // (previous id, this column's id) → new id; (0, 0) stays blank
            for (int row = 0; row < rowIds.Length; row++)
            {
                long pair = ((long)rowIds[row] << 32) | (uint)ids[column.CodeOf(row)];
                if (!pairs.TryGetValue(pair, out int id))
                {
                    id = pairs.Count;
                    pairs.Add(pair, id);
                }

                rowIds[row] = id;
            }

            count = pairs.Count;
        }

        return (rowIds, count);
    }

    /// <summary>Per row, a key equal for two rows exactly when their trimmed cells in <paramref name="columns"/> are; null when all are blank.</summary>
    public static Func<int, string?> RowKeys(MasterTable table, IReadOnlyList<int> columns) =>
        RowKeys(table, columns, [.. columns.Select(c => Of(table.Column(c)))]);

    /// <summary>As <see cref="RowKeys(MasterTable, IReadOnlyList{int})"/> with the columns' <see cref="Of"/> ids already computed.</summary>
    public static Func<int, string?> RowKeys(MasterTable table, IReadOnlyList<int> columns, IReadOnlyList<int[]> ids)
    {
        return row =>
        {
            bool blank = true;
            Span<char> key = columns.Count <= 64 ? stackalloc char[columns.Count * 2] : new char[columns.Count * 2];
            for (int k = 0; k < columns.Count; k++)
            {
                int id = ids[k][table.Column(columns[k]).CodeOf(row)];
                blank &= id == 0;
                key[2 * k] = (char)(id >> 16);
                key[(2 * k) + 1] = (char)id;
            }

            return blank ? null : new string(key);
        };
    }
}
