using System.Globalization;

namespace Agensium.Analysis.Input;

/// <summary>
/// What <see cref="SheetFooter"/> keeps of a column's numbers above a possible totals row: their sum, count and largest
/// value, and whether they are the row numbers 1, 2, 3, …. A column whose sum is past what a decimal holds (values of
/// 5E+28, or past 7.9E+28 alone) has no sum: overflow failed the whole analysis.
/// </summary>
internal sealed class ColumnSums(Func<string, decimal?>? number = null)
{
    private readonly Func<string, decimal?> _number = number ?? Number;

    private decimal _sum;
    private decimal _max;
    private int _count;
    private bool _rowNumbers = true;
    private bool _noSum;
    private decimal _last;
    private decimal _step;
    private bool _evenSteps = true;

    /// <summary>Takes a cell of the column as written (read by the parser given, else <see cref="Number"/>); text and empty cells are no numbers.</summary>
    public void Add(string cell)
    {
        if (_noSum || string.IsNullOrWhiteSpace(cell))
        {
            return;
        }

        if (_number(cell) is not { } value)
        {
            _noSum |= IsTooLarge(cell);
            return;
        }

        _count++;
        _rowNumbers &= value == _count;
        if (_count == 2)
        {
            _step = value - _last;
        }
        else if (_count > 2)
        {
            _evenSteps &= value - _last == _step;
        }

        _last = value;
        _max = _count == 1 ? value : Math.Max(_max, value);
        if (Add(_sum, value) is { } sum)
        {
            _sum = sum;
        }
        else
        {
            _noSum = true;
        }
    }

    /// <summary>Whether <paramref name="value"/> is the sum of the column's two numbers or more, to within <paramref name="tolerance"/>.</summary>
    public bool IsSum(decimal value, decimal tolerance) =>
        !_noSum && _count >= 2 && Add(_sum, -value) is { } difference && Math.Abs(difference) <= tolerance;

    /// <summary>Whether a sum <paramref name="value"/> is a true total: larger than every number above, which are no row numbers.</summary>
    public bool IsTotal(decimal value) => !_noSum && !_rowNumbers && value > _max;

    /// <summary>
    /// Whether <paramref name="value"/> is the next number of the column when its numbers step evenly (ids 1, 2 then
    /// 3; 10, 20 then 30): such a value can be the next record as well as a sum, so it proves no totals row.
    /// </summary>
    public bool IsNextInSequence(decimal value) =>
        !_noSum && _count >= 2 && _evenSteps && _step != 0 && Add(_last, _step) is { } next && next == value;

    /// <summary>A cell as XlsxToCsv writes a number ("1234.5", "-3", "1E-05"); null for anything else.</summary>
    public static decimal? Number(string cell) =>
        decimal.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value) ? value : null;

    /// <summary>Whether a cell is a number too large for a decimal (or not finite), which no sum can be checked against.</summary>
    public static bool IsTooLarge(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && Number(cell) is null;

    private static decimal? Add(decimal a, decimal b)
    {
        try
        {
            return a + b;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
