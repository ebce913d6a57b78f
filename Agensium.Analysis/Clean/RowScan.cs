using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>
/// One streaming pass over a CSV through the shared <see cref="CsvTableReader"/>: each data row as an array of field
/// strings (missing fields are empty). The array is reused between rows; copy it to keep it. Checks cancellation every
/// <see cref="CancellationCheckRows"/> rows.
/// </summary>
internal sealed class RowScan : IDisposable
{
    /// <summary>Rows between two cancellation checks.</summary>
    public const int CancellationCheckRows = 10_000;

    private readonly CsvTableReader _reader;
    private readonly string[] _fields;

    private RowScan(CsvTableReader reader)
    {
        _reader = reader;
        _fields = new string[reader.Columns.Count];
    }

    public IReadOnlyList<string> Columns => _reader.Columns;

    /// <summary>The shared reader (delimiter, ragged rows, header renames).</summary>
    public CsvTableReader Reader => _reader;

    public static RowScan Open(InputFile file) => new(CsvTableReader.Open(file.Path, file.Name));

    /// <summary>Opens <paramref name="file"/> and returns its header only.</summary>
    public static IReadOnlyList<string> HeaderOf(InputFile file)
    {
        using var scan = Open(file);
        return [.. scan.Columns];
    }

    /// <summary>Yields (0-based row index, fields) for every data row.</summary>
    public IEnumerable<(int Row, string[] Fields)> Rows(CancellationToken ct)
    {
        while (_reader.Read())
        {
            int row = _reader.RowIndex;
            if (row % CancellationCheckRows == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            for (int i = 0; i < _fields.Length; i++)
            {
                _fields[i] = _reader.GetField(i).ToString();
            }

            yield return (row, _fields);
        }

        ct.ThrowIfCancellationRequested();
    }

    public void Dispose() => _reader.Dispose();
}
