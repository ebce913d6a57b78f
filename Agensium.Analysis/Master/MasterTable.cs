using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>An in-memory table of text cells (missing and empty cells are ""), as the master agents read and write it.</summary>
public sealed class MasterTable
{
    /// <summary>Creates a table; every row must have one cell per column.</summary>
    public MasterTable(IReadOnlyList<string> columns, List<string[]> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    /// <summary>Column names in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Data rows; each array has <see cref="Columns"/>.Count cells.</summary>
    public List<string[]> Rows { get; }

    /// <summary>
    /// Reads a whole CSV file through <see cref="CsvTableReader"/> (short rows padded with ""). Repeated short values
    /// of a column share one string instance (see <see cref="CellPool"/>), which keeps large files in far less memory.
    /// </summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE for an unreadable file.</exception>
    public static MasterTable Load(InputFile file, CancellationToken cancellationToken)
    {
        using var reader = CsvTableReader.Open(file.Path, file.Name);
        int width = reader.Columns.Count;
        var rows = new List<string[]>();
        var pools = new CellPool[width];
        for (int i = 0; i < width; i++)
        {
            pools[i] = new CellPool();
        }

        while (reader.Read())
        {
            if (reader.RowIndex % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var row = new string[width];
            int present = reader.PresentFieldCount;
            for (int i = 0; i < width; i++)
            {
                row[i] = i < present ? pools[i].Get(reader.GetField(i)) : "";
            }

            rows.Add(row);
        }

        return new MasterTable([.. reader.Columns], rows);
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

    /// <summary>The table without the named columns (names absent from the table are ignored).</summary>
    public MasterTable Without(IReadOnlyCollection<string> names)
    {
        var keep = Enumerable.Range(0, Columns.Count).Where(i => !names.Contains(Columns[i])).ToArray();
        if (keep.Length == Columns.Count)
        {
            return this;
        }

        var rows = Rows.Select(r => keep.Select(i => r[i]).ToArray()).ToList();
        return new MasterTable([.. keep.Select(i => Columns[i])], rows);
    }

    /// <summary>Cell text trimmed; "" for blank.</summary>
    public static string Clean(string value) => value.Trim();
}
