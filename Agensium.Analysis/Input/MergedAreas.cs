namespace Agensium.Analysis.Input;

/// <summary>
/// A sheet's merged areas ("A2:B3"): Excel shows their first cell's value across the area, and any value its other cells
/// still hold in the file is hidden, so those cells are read as empty. Rows are visited in ascending order.
/// </summary>
internal sealed class MergedAreas
{
    private readonly Queue<Area> _waiting;
    private readonly List<Area> _active = [];

    public MergedAreas(IEnumerable<string> references)
    {
        _waiting = new Queue<Area>(references.Select(Parse).OfType<Area>().OrderBy(a => a.Top));
    }

    /// <summary>True when the sheet has no merged area.</summary>
    public bool IsEmpty => _waiting.Count == 0 && _active.Count == 0;

    /// <summary>Moves to <paramref name="row"/> (one-based, not below the previous one).</summary>
    public void Enter(int row)
    {
        _active.RemoveAll(a => a.Bottom < row);
        while (_waiting.Count > 0 && _waiting.Peek().Top <= row)
        {
            var area = _waiting.Dequeue();
            if (area.Bottom >= row)
            {
                _active.Add(area);
            }
        }
    }

    /// <summary>True when the cell (one-based row of <see cref="Enter"/>, zero-based column) lies in a merged area but is not its first cell.</summary>
    public bool Hides(int row, int column) =>
        _active.Any(a => column >= a.Left && column <= a.Right && !(row == a.Top && column == a.Left));

    private static Area? Parse(string reference)
    {
        var ends = reference.Split(':');
        if (ends.Length != 2 || CellReference.Parse(ends[0]) is not { } from || CellReference.Parse(ends[1]) is not { } to)
        {
            return null;
        }

        return new Area(Math.Min(from.Row, to.Row), Math.Min(from.Column, to.Column), Math.Max(from.Row, to.Row), Math.Max(from.Column, to.Column));
    }

    private sealed record Area(int Top, int Left, int Bottom, int Right);
}

/// <summary>An A1 cell reference: one-based row, zero-based column.</summary>
internal readonly record struct CellReference(int Row, int Column)
{
    /// <summary>"C12" → (12, 2); null when the text is no such reference.</summary>
    public static CellReference? Parse(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        int column = 0;
        int at = 0;
        while (at < reference.Length && reference[at] is >= 'A' and <= 'Z' && at < 3)
        {
            column = (column * 26) + (reference[at] - 'A' + 1);
            at++;
        }

        return at > 0 && int.TryParse(reference.AsSpan(at), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int row) && row > 0
            ? new CellReference(row, column - 1)
            : null;
    }

    /// <summary>The zero-based column of "C12" or "C" alone; null when the text starts with no column letters.</summary>
    public static int? ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        int column = 0;
        int letters = 0;
        foreach (char c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }

            column = (column * 26) + (c - 'A' + 1);
            letters++;
        }

        return letters == 0 ? null : column - 1;
    }

    /// <summary>The letters of a zero-based column: 0 → "A", 27 → "AB".</summary>
    public static string ColumnName(int column)
    {
        var name = "";
        for (int n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
