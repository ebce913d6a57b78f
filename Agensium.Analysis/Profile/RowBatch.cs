using Agensium.Analysis.Input;

namespace Agensium.Analysis.Profile;

/// <summary>
/// A block of consecutive rows copied out of a <see cref="CsvTableReader"/> (fields as slices of one character
/// buffer), so that several threads can work on different columns of the same rows while the reader moves on.
/// </summary>
internal sealed class RowBatch
{
    private readonly int _width;
    private readonly int[] _start;
    private readonly int[] _length;
    private readonly int[] _present;
    private readonly int[] _rowIndex;
    private readonly bool[] _mayCompose;
    private char[] _chars = new char[1 << 16];
    private int _used;
    private bool _anyMayCompose;

    public RowBatch(int width, int capacity)
    {
        _width = width;
        Capacity = capacity;
        _start = new int[width * capacity];
        _length = new int[width * capacity];
        _present = new int[capacity];
        _rowIndex = new int[capacity];
        _mayCompose = new bool[width];
    }

    /// <summary>Rows the batch can hold.</summary>
    public int Capacity { get; }

    /// <summary>Rows held now.</summary>
    public int Count { get; private set; }

    /// <summary>Empties the batch.</summary>
    public void Clear()
    {
        Count = 0;
        _used = 0;
        if (_anyMayCompose)
        {
            Array.Clear(_mayCompose);
            _anyMayCompose = false;
        }
    }

    /// <summary>Copies the reader's current row (its present fields) into the batch, which must not be full.</summary>
    public void Add(CsvTableReader reader)
    {
        int row = Count++;
        int present = Math.Min(reader.PresentFieldCount, _width);
        _present[row] = present;
        _rowIndex[row] = reader.RowIndex;
        int rowStart = _used;
        for (int c = 0; c < present; c++)
        {
            var field = reader.GetField(c);
            if (_used + field.Length > _chars.Length)
            {
                Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _used + field.Length));
            }

            field.CopyTo(_chars.AsSpan(_used));
            _start[row * _width + c] = _used;
            _length[row * _width + c] = field.Length;
            _used += field.Length;
        }

        // One vectorised look over the row's characters while they are in the cache; the fields only when it finds one.
        if (Common.ComposedText.MayNeedComposing(_chars.AsSpan(rowStart, _used - rowStart)))
        {
            for (int c = 0; c < present; c++)
            {
                if (!_mayCompose[c] && Common.ComposedText.MayNeedComposing(Field(row, c)))
                {
                    _mayCompose[c] = true;
                    _anyMayCompose = true;
                }
            }
        }
    }

    /// <summary>
    /// Whether a field of <paramref name="column"/> in this batch may not be in Unicode form C
    /// (<see cref="Common.ComposedText.MayNeedComposing"/>: a character at or above U+0300); a column without one needs no check.
    /// </summary>
    public bool MayNeedComposing(int column) => _mayCompose[column];

    /// <summary>0-based data row index of batch row <paramref name="row"/>.</summary>
    public int RowIndex(int row) => _rowIndex[row];

    /// <summary>Number of fields batch row <paramref name="row"/> really had (later columns are missing).</summary>
    public int Present(int row) => _present[row];

    /// <summary>The text of a present field.</summary>
    public ReadOnlySpan<char> Field(int row, int column) =>
        _chars.AsSpan(_start[row * _width + column], _length[row * _width + column]);
}
