using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>
/// An in-memory table of text cells (missing and empty cells are ""), as the master agents read and write it: one
/// immutable <see cref="MasterColumn"/> per column, so tables derived from one another share the columns they did not
/// change, and equal cells of a column share one string.
/// </summary>
public sealed class MasterTable
{
    private readonly MasterColumn[] _cells;

    /// <summary>Creates a table of <paramref name="rowCount"/> rows; every column must have that many cells.</summary>
    public MasterTable(IReadOnlyList<string> columns, IReadOnlyList<MasterColumn> cells, int rowCount)
    {
        if (columns.Count != cells.Count || cells.Any(c => c.Count != rowCount))
        {
            throw new ArgumentException("Every column needs a name and one cell per row.", nameof(cells));
        }

        Columns = columns;
        _cells = [.. cells];
        RowCount = rowCount;
    }

    /// <summary>Column names in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Number of data rows.</summary>
    public int RowCount { get; }

    /// <summary>
    /// Rows that had more fields in the file than the header (the extra fields were dropped), as the file's 0-based data
    /// rows (<see cref="FileRows"/>); only a table read by <see cref="Load"/> knows them.
    /// </summary>
    public IReadOnlyList<int> RowsWithExtraFields { get; init; } = [];

    /// <summary>Rows of the file left out by <see cref="Load"/> because every field was blank (a row of delimiters only).</summary>
    public long BlankRowsLeftOut { get; init; }

    /// <summary>
    /// The uploaded file's 0-based data row of each row, when <see cref="Load"/> left rows of blanks out (so row i is not
    /// the file's row i); kept by tables with the same rows (<see cref="With"/>, <see cref="Without"/>, agents that change
    /// cells only). Null when each row is the file's row of the same number, or the rows are no longer the file's
    /// (merged into clusters). Reports translate their row numbers through it (<see cref="FileRowNumbers"/>).
    /// </summary>
    public IReadOnlyList<int>? FileRows { get; init; }

    /// <summary>
    /// Columns a data contract declared (set on contract-enforcer's output): their names and values are the user's, so
    /// semantic-mapper leaves them as they are. Ignores case.
    /// </summary>
    public IReadOnlySet<string> ContractColumns { get; init; } = new HashSet<string>();

    /// <summary>
    /// Of <see cref="ContractColumns"/>, those whose values the contract constrains (value_constraints): semantic-mapper
    /// does not rewrite their values either. Ignores case.
    /// </summary>
    public IReadOnlySet<string> ContractValueColumns { get; init; } = new HashSet<string>();

    /// <summary>The cell of <paramref name="row"/> in <paramref name="column"/>.</summary>
    public string this[int row, int column] => _cells[column][row];

    /// <summary>The cells of column <paramref name="index"/>.</summary>
    public MasterColumn Column(int index) => _cells[index];

    /// <summary>A copy of the cells of one row.</summary>
    public string[] Row(int row)
    {
        var cells = new string[_cells.Length];
        for (int c = 0; c < cells.Length; c++)
        {
            cells[c] = _cells[c][row];
        }

        return cells;
    }

    /// <summary>A table of the given rows (each with one cell per column).</summary>
    public static MasterTable FromRows(IReadOnlyList<string> columns, IReadOnlyList<string[]> rows)
    {
        var builders = columns.Select(_ => new MasterColumnBuilder(rows.Count)).ToArray();
        foreach (var row in rows)
        {
            for (int c = 0; c < builders.Length; c++)
            {
                builders[c].Add(row[c]);
            }
        }

        return new MasterTable(columns, [.. builders.Select(b => b.Build())], rows.Count);
    }

    /// <summary>Cells parsed before their columns are encoded (in parallel, one column per task): 16,384 rows of 16 columns.</summary>
    private const int LoadBatchCells = 1 << 18;

    /// <summary>
    /// Reads a whole CSV file through <see cref="CsvTableReader"/> (short rows padded with ""): blocks of rows are parsed
    /// on the calling thread, then each column of the block is added to its builder in parallel (the dictionary look-ups,
    /// not the parsing, are most of the time).
    /// </summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE for an unreadable file.</exception>
    public static MasterTable Load(InputFile file, CancellationToken cancellationToken)
    {
        using var reader = CsvTableReader.Open(file);
        int width = reader.Columns.Count;
        var builders = new MasterColumnBuilder[width];
        for (int i = 0; i < width; i++)
        {
            builders[i] = new MasterColumnBuilder(4096);
        }

        var batch = new RowBatch(width, BatchSize.Rows(width, LoadBatchCells, LoadBatchCells));
        int rows = 0;
        var longRows = new List<int>();
        long blankRows = 0;
        var fileRows = new List<int>(4096);
        while (reader.Read())
        {
            if (reader.RowIndex % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (IsBlank(reader))
            {
                blankRows++; // a row of delimiters only ("Ann,,", never ",,"): no entity, and it was an empty golden record
                continue;
            }

            if (reader.RowFieldCount > width)
            {
                longRows.Add(reader.RowIndex);
            }

            fileRows.Add(reader.RowIndex);
            batch.Add(reader);
            rows++;
            if (batch.IsFull)
            {
                AddColumns(builders, batch, cancellationToken);
            }
        }

        AddColumns(builders, batch, cancellationToken);
        // A ';'-delimited file's columns lean to decimal commas when their notation is judged (MasterColumn.SemicolonFile).
        bool semicolon = reader.Delimiter == ';';
        return new MasterTable([.. reader.Columns], [.. builders.Select(b => b.Build(semicolon))], rows) {
            RowsWithExtraFields = longRows,
            BlankRowsLeftOut = blankRows,
            FileRows = blankRows > 0 ? fileRows : null, // without rows left out, row i is the file's row i
        };
    }

    // Every field of the current row blank (spaces count as blank), the fields past the header's too.
    private static bool IsBlank(CsvTableReader reader)
    {
        for (int c = 0; c < reader.RowFieldCount; c++)
        {
            if (!reader.GetField(c).IsWhiteSpace())
            {
                return false;
            }
        }

        return true;
    }

    // Adds every column of the block to its builder (columns in parallel, rows in order), then empties the block.
    private static void AddColumns(MasterColumnBuilder[] builders, RowBatch batch, CancellationToken ct)
    {
        Parallel.For(0, builders.Length, new ParallelOptions { CancellationToken = ct }, c =>
        {
            var builder = builders[c];
            for (int r = 0; r < batch.Count; r++)
            {
                builder.Add(batch.Field(r, c));
            }
        });
        batch.Clear();
    }

    /// <summary>
    /// Finds a column by exact name, then ignoring case, then ignoring case and non-alphanumerics, then by the standard
    /// name semantic-mapper would have given it (EmailAddress → Email), so parameters keep working after the rename; −1 if absent.
    /// </summary>
    public int Find(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        for (int i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        string key = ColumnNames.Normalize(name);
        for (int i = 0; i < Columns.Count; i++)
        {
            if (ColumnNames.Normalize(Columns[i]) == key)
            {
                return i;
            }
        }

        if (SemanticVocabulary.Map(name) is { Confidence: >= 0.95 } standard && ColumnNames.Normalize(standard.Standard) != key)
        {
            return Find(standard.Standard);
        }

        return -1;
    }

    /// <summary>The table without the named columns (names absent from the table are ignored); the other columns are shared.</summary>
    public MasterTable Without(IReadOnlyCollection<string> names)
    {
        var keep = Enumerable.Range(0, Columns.Count).Where(i => !names.Contains(Columns[i])).ToArray();
        return keep.Length == Columns.Count ? this : new MasterTable([.. keep.Select(i => Columns[i])], [.. keep.Select(i => _cells[i])], RowCount) { FileRows = FileRows };
    }

    /// <summary>The table with <paramref name="columns"/> appended (shared with this table otherwise).</summary>
    public MasterTable With(IReadOnlyList<string> names, IReadOnlyList<MasterColumn> columns) =>
        new([.. Columns, .. names], [.. _cells, .. columns], RowCount) { FileRows = FileRows };
}
