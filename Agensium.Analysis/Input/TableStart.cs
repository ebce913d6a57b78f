namespace Agensium.Analysis.Input;

/// <summary>
/// The first column a worksheet's table uses, from its rows as they are read. The table starts at the first row of
/// several filled cells (a labelled note such as "Generated:" | "2024-01-01" above it does not count); from there on
/// every row with a value counts. Lines above it (a title in A1) do not, so a table placed from column B under a title
/// starts in B. 0 (column A) when any table row has a value there, or when no row has two filled cells. The header
/// (that first row) also gives the width short rows below it are padded to.
/// </summary>
internal sealed class TableStart
{
    private bool _started;
    private int _first = int.MaxValue;

    /// <summary>The zero-based first column of the table.</summary>
    public int FirstColumn => _first == int.MaxValue ? 0 : _first;

    /// <summary>Columns up to the header's last filled cell (the header: the row the table starts at); 0 before it.</summary>
    public int HeaderWidth { get; private set; }

    // Of the rows below the header: how many there are, and how many fill each column right of the header's last name.
    private int _rowsBelow;
    private readonly List<int> _filledBeyond = [];

    /// <summary>
    /// The table's width: the header's, widened by the columns right of it that hold values in at least half the rows
    /// below (a column whose header cell is empty or merged away), each next to the previous. A note or a total beside
    /// the table in a row or two does not widen it.
    /// </summary>
    public int Width
    {
        get
        {
            int width = HeaderWidth;
            while (width - HeaderWidth < _filledBeyond.Count && _rowsBelow > 0 && 2 * _filledBeyond[width - HeaderWidth] >= _rowsBelow)
            {
                width++;
            }

            return width;
        }
    }

    /// <summary>Takes the next row's cell texts.</summary>
    public void Add(IReadOnlyList<string> values)
    {
        int firstFilled = -1;
        int filled = 0;
        for (int i = 0; i < values.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(values[i]))
            {
                firstFilled = firstFilled < 0 ? i : firstFilled;
                filled++;
            }
        }

        bool header = !_started && (filled > 2 || (filled == 2 && !values[firstFilled].TrimEnd().EndsWith(':')));
        bool below = _started && filled > 0;
        _started |= header;
        if (header)
        {
            int last = values.Count - 1;
            while (string.IsNullOrWhiteSpace(values[last]))
            {
                last--;
            }

            HeaderWidth = last + 1;
        }

        if (_started && filled > 0)
        {
            _first = Math.Min(_first, firstFilled);
        }

        if (below)
        {
            _rowsBelow++;
            for (int i = HeaderWidth; i < values.Count; i++)
            {
                if (_filledBeyond.Count <= i - HeaderWidth)
                {
                    _filledBeyond.Add(0);
                }

                _filledBeyond[i - HeaderWidth] += string.IsNullOrWhiteSpace(values[i]) ? 0 : 1;
            }
        }
    }
}
