using Agensium.Analysis.Input;

namespace Agensium.Analysis.Profile;

/// <summary>One streaming pass over a CSV file, calling back for each field; cancellation is checked every few thousand rows.</summary>
internal static class TableScan
{
    /// <summary>Rows between two cancellation checks.</summary>
    public const int CancellationCheckRows = 4096;

    /// <summary>Called once per field of each row with its value (empty for a missing field of a short row).</summary>
    public delegate void FieldVisitor(int column, ReadOnlySpan<char> value, int row);

    /// <summary>Opens <paramref name="file"/>, calls <paramref name="begin"/> with its columns, then <paramref name="visit"/> for every field.</summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE for an unreadable file.</exception>
    public static TableShape Run(InputFile file, CancellationToken ct, Action<IReadOnlyList<string>> begin, FieldVisitor visit)
    {
        using var reader = CsvTableReader.Open(file);
        begin(reader.Columns);
        int columns = reader.Columns.Count;
        while (reader.Read())
        {
            int row = reader.RowIndex;
            if (row % CancellationCheckRows == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            int present = reader.PresentFieldCount;
            for (int i = 0; i < present; i++)
            {
                visit(i, reader.GetField(i), row);
            }

            for (int i = present; i < columns; i++)
            {
                visit(i, [], row);
            }
        }

        ct.ThrowIfCancellationRequested();
        return new TableShape(file.Name, reader.Columns, reader.RowIndex + 1, reader.HeaderRenames) { Delimiter = reader.Delimiter };
    }

    /// <summary>
    /// Null as the profiler defines it: empty, whitespace only, or a null token (NULL, NaN, None, N/A, ?, -, missing,
    /// undefined in any casing: the same as clean-my-data's null-handler).
    /// </summary>
    public static bool IsNull(ReadOnlySpan<char> value) => Clean.CellValues.IsMissing(value);
}
