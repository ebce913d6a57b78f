using System.Globalization;

namespace Agensium.Analysis.Input;

/// <summary>
/// Rows at the foot of a worksheet's table that are no records, found as <see cref="XlsxToCsv"/> writes the rows below
/// the header: notes (a row of one filled cell that is words, as <see cref="TrailingNotes"/> takes a CSV's: "Generated
/// by WMS 5.2", "Total: 4 customers"; a sheet writes every row with its delimiters, so the CSV rule cannot see them) and,
/// above them, a totals row: each of its numbers is the sum of the numbers above it in its column (two rows or more),
/// with a label that says so ("Total", "Grand total", "Summe", …) or with two such sums or more. Read as records, a
/// totals row doubled every sum and was each amount column's largest outlier. At most <see cref="TrailingNotes.MaxLines"/>
/// notes, and never every row below the header.
/// </summary>
internal sealed class SheetFooter
{
    // Words a totals row's label holds (lower case), in the languages of the workbooks seen; a word starting with
    // "total" ("totals", "totaal", "totale") counts too.
    private static readonly HashSet<string> TotalWords = new(StringComparer.Ordinal)
    {
        "sum", "subtotal", "summe", "gesamt", "gesamtsumme", "insgesamt", "suma", "somme", "σ", "итого", "всего", "合计", "合計", "总计", "總計",
    };

    private readonly Queue<Row> _last = new();
    private readonly List<decimal> _sums = [];
    private readonly List<int> _numbers = [];
    private int _rows;

    private readonly record struct Row(long Start, IReadOnlyList<string> Cells);

    /// <summary>Takes a row below the header as written, starting at byte <paramref name="start"/> of the CSV.</summary>
    public void Add(long start, IReadOnlyList<string> cells)
    {
        _rows++;
        for (int c = 0; c < cells.Count; c++)
        {
            if (Number(cells[c]) is { } number)
            {
                while (_sums.Count <= c)
                {
                    _sums.Add(0);
                    _numbers.Add(0);
                }

                _sums[c] += number;
                _numbers[c]++;
            }
        }

        _last.Enqueue(new Row(start, [.. cells]));
        if (_last.Count > TrailingNotes.MaxLines + 1)
        {
            _last.Dequeue();
        }
    }

    /// <summary>The rows left out (notes as their text, a totals row as its cells joined by ", "), and the byte the table ends at (null when none).</summary>
    public (IReadOnlyList<string> Rows, long? TableEnd) Find()
    {
        var rows = _last.ToList();
        int notes = 0;
        while (notes < TrailingNotes.MaxLines && notes < rows.Count && _rows - notes > 1 && NoteOf(rows[^(notes + 1)]) is not null)
        {
            notes++;
        }

        int end = rows.Count - notes; // rows[..end] stay
        bool totals = end > 0 && _rows - notes >= 3 && IsTotals(rows[end - 1]);
        int first = totals ? end - 1 : end;
        if (first == rows.Count)
        {
            return ([], null);
        }

        var left = rows.Skip(first).Select(r => NoteOf(r) ?? string.Join(", ", r.Cells.Where(v => !string.IsNullOrWhiteSpace(v)))).ToList();
        return (left, rows[first].Start);
    }

    // The text of a row that is a note: one filled cell, words (TrailingNotes.IsNote); else null.
    private static string? NoteOf(Row row)
    {
        var filled = row.Cells.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        return filled.Count == 1 && TrailingNotes.IsNote(filled[0]) ? filled[0].Trim() : null;
    }

    // Every number of the row is its column's sum over the rows above (two or more numbers there), and a label says
    // "total" or two columns or more sum up: the last row of 1, 1, 2 alone is a record.
    private bool IsTotals(Row row)
    {
        int sums = 0;
        bool label = false;
        for (int c = 0; c < row.Cells.Count; c++)
        {
            string cell = row.Cells[c];
            if (string.IsNullOrWhiteSpace(cell))
            {
                continue;
            }

            if (Number(cell) is not { } number)
            {
                label |= SaysTotal(cell);
                continue;
            }

            decimal above = _sums[c] - number;
            if (_numbers[c] - 1 < 2 || Math.Abs(above - number) > HalfUnit(cell))
            {
                return false;
            }

            sums++;
        }

        return sums >= 2 || (sums == 1 && label);
    }

    // Half a unit of the last digit the value shows (a sum written rounded to its cents, 0.005): sums of values with
    // more decimals than the total shows still match it.
    private static decimal HalfUnit(string cell)
    {
        var text = cell.AsSpan().Trim();
        int point = text.LastIndexOf('.');
        int exponent = text.IndexOfAny('e', 'E');
        int decimals = point < 0 || exponent >= 0 ? 0 : text.Length - point - 1;
        return 0.5m * (decimal)Math.Pow(10, -Math.Min(decimals, 20));
    }

    private static bool SaysTotal(string cell)
    {
        foreach (var word in cell.ToLowerInvariant().Split([' ', ':', '-', '_', '.', '(', ')', '/'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.StartsWith("total", StringComparison.Ordinal) || TotalWords.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    // A cell as XlsxToCsv writes a number ("1234.5", "-3", "1E-05"); null for anything else.
    private static decimal? Number(string cell) =>
        decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value) ? value : null;
}
