namespace Agensium.Analysis.Clean;

/// <summary>
/// What the next agent of the chain needs to know about a cleaned file, gathered while the file is written so that no
/// agent reads it again just to count: per-column <see cref="ColumnStats"/> (numeric values kept), the row count and
/// the exact duplicate rows (raw text of every column; counted from the row keys when first asked for).
/// Either counted cell by cell (<see cref="Add"/>), or carried over from the profile of the file the agent read and
/// corrected by the cells it changed and the rows it dropped (<see cref="Following"/>): most agents change few cells,
/// and counting a cell (number, date and notation readers) is the costly part.
/// </summary>
internal sealed class FileProfile
{
    private readonly RowKey _rowKey = new();
    private readonly int[] _all;
    private readonly string[] _row;

    // For each column of this file, its column in the file read; null when every cell is counted.
    private readonly int[]? _from;
    private List<UInt128>? _keys = [];
    private long _duplicates;

    // For each column of this file, whether the file read counted its null tokens as nulls; only where this file reads
    // them otherwise (null-handler's keep_null_tokens_in), null when it reads every column as the file read does.
    private readonly bool[]? _readTokensAreNull;

    /// <summary>
    /// An empty profile of a file of <paramref name="columns"/>; without <paramref name="rowKeys"/> it does not count exact
    /// duplicate rows. <paramref name="tokensAreValues"/> marks columns whose null tokens are data (keep_null_tokens_in).
    /// </summary>
    public FileProfile(IReadOnlyList<string> columns, bool rowKeys = true, IReadOnlyList<bool>? tokensAreValues = null)
    {
        _keys = rowKeys ? [] : null;
        _duplicates = rowKeys ? 0 : -1;
        Columns = [.. columns];
        Stats = [.. columns.Select((c, i) => new ColumnStats(c, i, keepValues: true, keepPastText: true, tokensAreNull: !(tokensAreValues?[i] ?? false)))];
        _all = [.. Enumerable.Range(0, columns.Count)];
        _row = new string[columns.Count];
    }

    private FileProfile(FileProfile read, int[] from, bool rowKeys, IReadOnlyList<bool>? tokensAreValues)
    {
        // A key per row written, at most one per row read: sized once, not grown by doubling (16 bytes a row).
        _keys = rowKeys ? new List<UInt128>((int)Math.Min(read.Rows, 1 << 26)) : null;
        _duplicates = rowKeys ? 0 : -1;
        Columns = [.. from.Select(c => read.Columns[c])];
        Stats = [.. from.Select((c, i) => read.Stats[c].CopyAt(i, tokensAreValues?[c] == true ? false : null))];
        bool[] readRule = [.. from.Select(c => read.Stats[c].TokensAreNull)];
        _readTokensAreNull = Stats.Where((s, i) => s.TokensAreNull != readRule[i]).Any() ? readRule : null;
        _from = from;
        _all = [.. Enumerable.Range(0, from.Length)];
        _row = new string[from.Length];
    }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>
    /// For each row written, the row it came from in the file the agent read, when the agent wrote fewer rows than it
    /// read (a removing agent); null when every row was written in order.
    /// </summary>
    public int[]? SourceRows { get; set; }

    public ColumnStats[] Stats { get; }

    public long Rows { get; private set; }

    /// <summary>True when this profile follows the changes an agent makes to a file already profiled (<see cref="Replace"/>, <see cref="Drop"/>).</summary>
    public bool FollowsChanges => _from is not null;

    /// <summary>Rows that repeat an earlier row exactly; null for a profile made without row keys.</summary>
    public long? ExactDuplicateRows
    {
        get
        {
            if (_duplicates < 0)
            {
                return null;
            }

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

    /// <summary>
    /// An empty profile for the file an agent writes from <paramref name="read"/>'s file (columns <paramref name="readColumns"/>,
    /// of which it writes <paramref name="keep"/>, all when null), starting from <paramref name="read"/>'s figures; null
    /// when there is no such profile, it is not of those columns, or its stats cannot take values back. Without
    /// <paramref name="rowKeys"/> it does not count exact duplicate rows.
    /// </summary>
    /// <remarks><paramref name="tokensAreValues"/> (by column read) marks columns whose null tokens the written file reads as data.</remarks>
    public static FileProfile? Following(FileProfile? read, IReadOnlyList<string> readColumns, IReadOnlyList<int>? keep, bool rowKeys = true, IReadOnlyList<bool>? tokensAreValues = null)
    {
        if (read is null || !read.Columns.SequenceEqual(readColumns, StringComparer.Ordinal)
            || !read.Stats.All(s => s.CanTakeBack))
        {
            return null;
        }

        int[] from = keep is null ? [.. Enumerable.Range(0, readColumns.Count)] : [.. keep];
        return from.All(c => c >= 0 && c < readColumns.Count) ? new FileProfile(read, from, rowKeys, tokensAreValues) : null;
    }

    /// <summary>Counts one written row (a null field is written, and read back, as empty).</summary>
    public void Add(IReadOnlyList<string?> fields)
    {
        if (_from is not null)
        {
            throw new InvalidOperationException("A profile that follows changes is given each row as read and as written (Replace).");
        }

        Rows++;
        for (int i = 0; i < _row.Length; i++)
        {
            _row[i] = fields[i] ?? "";
            Stats[i].Add(_row[i]);
        }

        _keys?.Add(_rowKey.Of(_row, _all, normalized: false));
    }

    /// <summary>Counts a row of the file read (<paramref name="read"/>, its columns) written as <paramref name="written"/> (this file's columns): only the cells that changed are counted again.</summary>
    public void Replace(string[] read, IReadOnlyList<string?> written)
    {
        var from = _from ?? throw new InvalidOperationException("Only a profile that follows changes is given rows as read and written.");
        Rows++;
        for (int i = 0; i < _row.Length; i++)
        {
            string before = read[from[i]];
            string after = written[i] ?? "";
            _row[i] = after;
            if (_readTokensAreNull is { } rule && rule[i] != Stats[i].TokensAreNull && CellValues.IsNullToken(before))
            {
                // Counted by the file read under the other rule: taken back so, counted again under this file's.
                Stats[i].Remove(before, rule[i]);
                Stats[i].Add(after);
            }
            else if (!ReferenceEquals(before, after) && !string.Equals(before, after, StringComparison.Ordinal))
            {
                Stats[i].Remove(before);
                Stats[i].Add(after);
            }
        }

        _keys?.Add(_rowKey.Of(_row, _all, normalized: false));
    }

    /// <summary>Takes back a row of the file read (<paramref name="read"/>, its columns) that was not written.</summary>
    public void Drop(string[] read)
    {
        var from = _from ?? throw new InvalidOperationException("Only a profile that follows changes drops rows.");
        for (int i = 0; i < from.Length; i++)
        {
            if (_readTokensAreNull is { } rule)
            {
                Stats[i].Remove(read[from[i]], rule[i]);
            }
            else
            {
                Stats[i].Remove(read[from[i]]);
            }
        }
    }

    /// <summary>The first figure in which this profile differs from <paramref name="other"/>, or null (row keys are not compared).</summary>
    public string? Difference(FileProfile other)
    {
        if (Rows != other.Rows || Stats.Length != other.Stats.Length)
        {
            return $"{Rows} row(s) of {Stats.Length} column(s) against {other.Rows} of {other.Stats.Length}";
        }

        return Stats.Zip(other.Stats, (a, b) => a.Difference(b)).FirstOrDefault(d => d is not null);
    }
}
