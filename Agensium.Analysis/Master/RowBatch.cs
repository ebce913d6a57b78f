using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>
/// A block of parsed rows kept as text (one char buffer, an end offset per field), so that <see cref="MasterTable.Load"/>
/// can parse on one thread and then hand every column of the block to its own <see cref="MasterColumnBuilder"/> in
/// parallel. Missing fields of short rows are empty.
/// </summary>
internal sealed class RowBatch(int width, int capacity)
{
    private readonly int[] _ends = new int[width * capacity];
    private char[] _chars = new char[Math.Max(1, width * capacity * 8)];
    private int _length;

    /// <summary>Number of rows held.</summary>
    public int Count { get; private set; }

    /// <summary>True when no more rows fit.</summary>
    public bool IsFull => Count == capacity;

    /// <summary>Copies the current row of <paramref name="reader"/>.</summary>
    public void Add(CsvTableReader reader)
    {
        int present = reader.PresentFieldCount;
        int at = Count * width;
        for (int i = 0; i < width; i++)
        {
            var field = i < present ? reader.GetField(i) : [];
            if (_length + field.Length > _chars.Length)
            {
                Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + field.Length));
            }

            field.CopyTo(_chars.AsSpan(_length));
            _length += field.Length;
            _ends[at + i] = _length;
        }

        Count++;
    }

    /// <summary>The text of <paramref name="column"/> in row <paramref name="row"/> of the block.</summary>
    public ReadOnlySpan<char> Field(int row, int column)
    {
        int k = (row * width) + column;
        int start = k == 0 ? 0 : _ends[k - 1];
        return _chars.AsSpan(start, _ends[k] - start);
    }

    /// <summary>Empties the block for reuse.</summary>
    public void Clear()
    {
        Count = 0;
        _length = 0;
    }
}
