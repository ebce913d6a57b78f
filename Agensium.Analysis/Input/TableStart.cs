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

    /// <summary>Columns up to the last filled cell of any row from the header on (at least <see cref="HeaderWidth"/>).</summary>
    public int Width { get; private set; }

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
            int last = values.Count - 1;
            while (string.IsNullOrWhiteSpace(values[last]))
            {
                last--;
            }

            Width = Math.Max(Width, last + 1);
        }
    }
}
