namespace Agensium.Analysis.Clean;

/// <summary>
/// What the next agent of the chain needs to know about a cleaned file, gathered while the file is written so that no
/// agent reads it again just to count: per-column <see cref="ColumnStats"/> (numeric values kept), the row count and
/// the exact duplicate rows (raw text of every column; counted from the row keys when first asked for).
/// </summary>
internal sealed class FileProfile
{
    private readonly RowKey _rowKey = new();
    private readonly int[] _all;
    private readonly string[] _row;
    private List<UInt128>? _keys = [];
    private long _duplicates;

    public FileProfile(IReadOnlyList<string> columns)
    {
        Columns = [.. columns];
        Stats = [.. columns.Select((c, i) => new ColumnStats(c, i))];
        _all = [.. Enumerable.Range(0, columns.Count)];
        _row = new string[columns.Count];
    }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// For each row written, the row it came from in the file the agent read, when the agent wrote fewer rows than it
    /// read (a removing agent); null when every row was written in order.
    /// </summary>
    public int[]? SourceRows { get; set; }

    public ColumnStats[] Stats { get; }

    public long Rows { get; private set; }

    /// <summary>Rows that repeat an earlier row exactly.</summary>
    public long ExactDuplicateRows
    {
        get
        {
            if (_keys is not null)
            {
                var keys = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_keys);
                keys.Sort();
                for (int i = 1; i < keys.Length; i++)
                {
                    _duplicates += keys[i] == keys[i - 1] ? 1 : 0;
                }

                _keys = null;
            }

            return _duplicates;
        }
    }

    /// <summary>Counts one written row (a null field is written, and read back, as empty).</summary>
    public void Add(IReadOnlyList<string?> fields)
    {
        Rows++;
        for (int i = 0; i < _row.Length; i++)
        {
            _row[i] = fields[i] ?? "";
            Stats[i].Add(_row[i]);
        }

        _keys?.Add(_rowKey.Of(_row, _all, normalized: false));
    }
}
