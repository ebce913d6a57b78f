namespace Agensium.Analysis.Clean;

/// <summary>
/// What the next agent of the chain needs to know about a cleaned file, gathered while the file is written so that no
/// agent reads it again just to count: per-column <see cref="ColumnStats"/> (numeric values kept), the row count and
/// the exact duplicate rows (raw text of every column).
/// </summary>
internal sealed class FileProfile
{
    private readonly HashSet<UInt128> _seen = [];
    private readonly RowKey _rowKey = new();
    private readonly int[] _all;
    private readonly string[] _row;

    public FileProfile(IReadOnlyList<string> columns)
    {
        Columns = [.. columns];
        Stats = [.. columns.Select((c, i) => new ColumnStats(c, i))];
        _all = [.. Enumerable.Range(0, columns.Count)];
        _row = new string[columns.Count];
    }

    public IReadOnlyList<string> Columns { get; }

    public ColumnStats[] Stats { get; }

    public long Rows { get; private set; }

    public long ExactDuplicateRows { get; private set; }

    /// <summary>Counts one written row (a null field is written, and read back, as empty).</summary>
    public void Add(IReadOnlyList<string?> fields)
    {
        Rows++;
        for (int i = 0; i < _row.Length; i++)
        {
            _row[i] = fields[i] ?? "";
            Stats[i].Add(_row[i]);
        }

        ExactDuplicateRows += _seen.Add(_rowKey.Of(_row, _all, normalized: false)) ? 0 : 1;
    }
}
