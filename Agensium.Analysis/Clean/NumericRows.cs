namespace Agensium.Analysis.Clean;

/// <summary>
/// The numbers of some columns row by row (NaN for a blank cell or a null token), kept while every non-blank cell of the
/// column is a number (blanks and null tokens aside), so cleanse-previewer can compute remove_outliers' fences and count
/// its rows. Each cell is read as type-fixer writes it (<see cref="TypeFixedNumbers"/>): the numbers outlier-remover
/// then reads, in the file's notation ("1.500" is 1500 in a decimal-comma file, "1,99" is 1.99).
/// </summary>
internal sealed class NumericRows(IReadOnlyList<int> columns, TypeFixedNumbers reading)
{
    private readonly int[] _columns = [.. columns];
    private readonly List<double>?[] _values = [.. columns.Select(_ => new List<double>())];

    public void See(string[] fields)
    {
        for (int k = 0; k < _columns.Length; k++)
        {
            var values = _values[k];
            if (values is null)
            {
                continue;
            }

            string cell = reading.Written(_columns[k], fields[_columns[k]]);
            if (CellValues.IsBlank(cell) || CellValues.IsNullToken(cell.AsSpan()))
            {
                // A null token is a null, as ColumnStats counts it.
                values.Add(double.NaN);
            }
            else if (CellValues.TryNumber(cell, out double number))
            {
                values.Add(number);
            }
            else
            {
                _values[k] = null;
            }
        }
    }

    /// <summary>The numbers of <paramref name="column"/> (nulls left out), or null when one of its cells is no number or it has none: no numeric column.</summary>
    public IReadOnlyList<double>? NumbersOf(int column) =>
        _values[Array.IndexOf(_columns, column)] is { } values && values.Where(v => !double.IsNaN(v)).ToList() is { Count: > 0 } numbers ? numbers : null;

    /// <summary>Rows with a value outside the fences of one of their columns (each fence's column must be all numbers).</summary>
    public long CountOutlierRows(IReadOnlyList<OutlierBounds> fences)
    {
        var columns = fences.Select(f => (Fence: f, Values: _values[Array.IndexOf(_columns, f.Index)]!)).ToArray();
        long rows = columns.Length == 0 ? 0 : columns[0].Values.Count;
        long outliers = 0;
        for (int r = 0; r < rows; r++)
        {
            foreach (var (fence, values) in columns)
            {
                double v = values[r];
                if (!double.IsNaN(v) && fence.IsOutlier(v))
                {
                    outliers++;
                    break;
                }
            }
        }

        return outliers;
    }
}
