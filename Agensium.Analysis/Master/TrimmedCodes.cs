namespace Agensium.Analysis.Master;

/// <summary>Row keys compared on trimmed cell text, through the columns' codes rather than joined strings.</summary>
internal static class TrimmedCodes
{
    /// <summary>Per code of <paramref name="column"/>, an id of its trimmed text: equal ids ⇔ equal trimmed text; 0 = blank.</summary>
    public static int[] Of(MasterColumn column)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal) { [""] = 0 };
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var result = new int[column.Values.Count];
        for (int code = 0; code < result.Length; code++)
        {
            var trimmed = column.Values[code].AsSpan().Trim();
            if (!lookup.TryGetValue(trimmed, out int id))
            {
                id = ids.Count;
                lookup[trimmed] = id;
            }

            result[code] = id;
        }

        return result;
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
