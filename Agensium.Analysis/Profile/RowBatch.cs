using Agensium.Analysis.Input;

namespace Agensium.Analysis.Profile;

/// <summary>
/// A block of consecutive rows copied out of a <see cref="CsvTableReader"/>, so that several threads can work on
/// different columns of the same rows while the reader moves on. Laid out by column: each column's fields are
/// slices of a character buffer of its own, and its fields' offsets and lengths are side by side, so the thread that
/// counts a column reads one contiguous stretch instead of a cache line of every row (a row's line held the others'
/// fields and offsets too, written by the reader on another core).
/// </summary>
internal sealed class RowBatch
{
    private readonly int _width;
    private readonly int[] _start;
    private readonly int[] _length;
    private readonly int[] _present;
    private readonly int[] _rowIndex;
    private readonly char[][] _chars;
    private readonly int[] _used;
    // Per column: 0 not looked at yet in this batch, 1 may need composing, -1 does not.
    private readonly sbyte[] _mayCompose;

    public RowBatch(int width, int capacity)
    {
        _width = width;
        Capacity = capacity;
        _start = new int[width * capacity];
        _length = new int[width * capacity];
        _present = new int[capacity];
        _rowIndex = new int[capacity];
        _chars = new char[width][];
        for (int c = 0; c < width; c++)
        {
            _chars[c] = new char[1 << 10];
        }

        _used = new int[width];
        _mayCompose = new sbyte[width];
    }

    /// <summary>Rows the batch can hold.</summary>
    public int Capacity { get; }

    /// <summary>Rows held now.</summary>
    public int Count { get; private set; }

    /// <summary>Empties the batch.</summary>
    public void Clear()
    {
        Count = 0;
        Array.Clear(_used);
        Array.Clear(_mayCompose);
    }

    /// <summary>Copies the reader's current row (its present fields) into the batch, which must not be full.</summary>
    public void Add(CsvTableReader reader)
    {
        int row = Count++;
        int present = Math.Min(reader.PresentFieldCount, _width);
        _present[row] = present;
        _rowIndex[row] = reader.RowIndex;
        for (int c = 0; c < present; c++)
        {
            var field = reader.GetField(c);
            int used = _used[c];
            var chars = _chars[c];
            if (used + field.Length > chars.Length)
            {
                Array.Resize(ref _chars[c], Math.Max(chars.Length * 2, used + field.Length));
                chars = _chars[c];
            }

            field.CopyTo(chars.AsSpan(used));
            _start[(c * Capacity) + row] = used;
            _length[(c * Capacity) + row] = field.Length;
            _used[c] = used + field.Length;
        }
    }

    /// <summary>
    /// Whether a field of <paramref name="column"/> in this batch may not be in Unicode form C
    /// (<see cref="Common.ComposedText.MayNeedComposing"/>: a character at or above U+0300); a column without one needs no
    /// check. Looked up once per batch and column, over the column's characters, by the thread that asks (one per column).
    /// </summary>
    public bool MayNeedComposing(int column)
    {
        if (_mayCompose[column] == 0)
        {
            _mayCompose[column] = Common.ComposedText.MayNeedComposing(_chars[column].AsSpan(0, _used[column])) ? (sbyte)1 : (sbyte)-1;
        }

        return _mayCompose[column] > 0;
    }

    /// <summary>0-based data row index of batch row <paramref name="row"/>.</summary>
    public int RowIndex(int row) => _rowIndex[row];

    /// <summary>Number of fields batch row <paramref name="row"/> really had (later columns are missing).</summary>
    public int Present(int row) => _present[row];

    /// <summary>The text of a present field.</summary>
    public ReadOnlySpan<char> Field(int row, int column) =>
        _chars[column].AsSpan(_start[(column * Capacity) + row], _length[(column * Capacity) + row]);
}
