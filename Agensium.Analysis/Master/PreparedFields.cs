namespace Agensium.Analysis.Master;

/// <summary>
/// The normalised match-key values of every row (and Soundex codes for names), one dictionary per field: each row holds
/// an id per field, equal ids mean equal normalised values, and id 0 is the blank value. Values are normalised once per
/// distinct cell of the column, not once per row.
/// </summary>
public sealed class PreparedFields
{
    private readonly int[][] _ids;
    private readonly string[][] _values;
    private readonly string[][] _codes;

    private PreparedFields(int rowCount, int[][] ids, string[][] values, string[][] codes)
    {
        RowCount = rowCount;
        _ids = ids;
        _values = values;
        _codes = codes;
    }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The id of row <paramref name="row"/>'s value of field <paramref name="field"/> (0 = blank).</summary>
    public int Id(int row, int field) => _ids[field][row];

    /// <summary>The normalised value of row <paramref name="row"/>, field <paramref name="field"/> ("" when blank).</summary>
    public string Value(int row, int field) => _values[field][_ids[field][row]];

    /// <summary>The Soundex code of that value (names only, else "").</summary>
    public string Code(int row, int field) => _codes[field][_ids[field][row]];

    /// <summary>Prepares the match fields of every row of <paramref name="table"/>; fields are prepared in parallel.</summary>
    public static PreparedFields Of(MasterTable table, IReadOnlyList<MatchField> fields, CancellationToken ct)
    {
        var ids = new int[fields.Count][];
        var values = new string[fields.Count][];
        var codes = new string[fields.Count][];
        Parallel.For(0, fields.Count, new ParallelOptions { CancellationToken = ct }, f =>
            (ids[f], values[f], codes[f]) = Field(table.Column(fields[f].Column), fields[f].Kind, ct));
        return new PreparedFields(table.RowCount, ids, values, codes);
    }

    // One field: each distinct cell normalised once, equal results given one id.
    private static (int[] Ids, string[] Values, string[] Codes) Field(MasterColumn column, MatchFieldKind kind, CancellationToken ct)
    {
        int capacity = column.Values.Count + 1; // at most one value per distinct cell, and blank: no regrowth
        var idOf = new Dictionary<string, int>(capacity, StringComparer.Ordinal) { [""] = 0 };
        var values = new List<string>(capacity) { "" };
        var byCode = new int[column.Values.Count];
        for (int code = 0; code < byCode.Length; code++)
        {
            if (code % 65536 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            string value = Normalize(column.Values[code], kind);
            if (!idOf.TryGetValue(value, out int id))
            {
                id = values.Count;
                idOf.Add(value, id);
                values.Add(value);
            }

            byCode[code] = id;
        }

        var ids = new int[column.Count];
        for (int row = 0; row < ids.Length; row++)
        {
            ids[row] = byCode[column.CodeOf(row)];
        }

        string[] codes = [.. values.Select(v => RecordMatcher.IsName(kind) ? Soundex.Encode(v) : "")];
        return (ids, [.. values], codes);
    }

    private static string Normalize(string cell, MatchFieldKind kind)
    {
        string value = MatchNormalizer.Normalize(cell, kind);
        return kind == MatchFieldKind.Address ? StringSimilarity.SortTokens(value) : value; // token-sort ratio = Indel ratio of sorted tokens
    }
}
