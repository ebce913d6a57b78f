using Agensium.Analysis.Profile;

namespace Agensium.Analysis.Clean;

/// <summary>Fills the null cells of one column with its strategy; knn is simplified to the mean of the k nearest non-null values by row position.</summary>
internal sealed class NullFiller
{
    private readonly string _strategy;
    private readonly string? _fixed;
    private readonly List<(int Row, string Value)>? _present;
    private readonly int _k;
    private int _next;
    private string? _last;

    private NullFiller(string strategy, string? fixedValue, List<(int Row, string Value)>? present, int k)
    {
        _strategy = strategy;
        _fixed = fixedValue;
        _present = present;
        _k = k;
    }

    /// <summary>The filler of a column, or null (with a reason) when the strategy does not apply.</summary>
    public static NullFiller? Create(NullStrategy strategy, int column, NullScan scan, int k, out string? notApplicable)
    {
        notApplicable = null;
        var stats = scan.Stats[column];
        if (strategy.NeedsNumbers && (!stats.IsNumeric || (strategy.Name != "knn" && stats.Values is null)))
        {
            notApplicable = stats.NonNull == 0 ? "the column has no values" : "the column is not numeric";
            return null;
        }

        switch (strategy.Name)
        {
            case "mean":
                return new NullFiller("fixed", CellValues.FormatNumber(stats.Values!.Average()), null, k);
            case "median":
                double[] sorted = [.. stats.Values!];
                Array.Sort(sorted);
                return new NullFiller("fixed", CellValues.FormatNumber(NumericSummary.Quantile(sorted, 0.5)), null, k);
            case "mode":
                var freq = scan.Frequencies[column];
                if (freq.Count == 0)
                {
                    notApplicable = "the column has no values";
                    return null;
                }

                long top = freq.Values.Max();
                return new NullFiller("fixed", freq.Where(f => f.Value == top).Select(f => f.Key).Min(StringComparer.Ordinal), null, k);
            case "constant":
                return new NullFiller("fixed", strategy.Value, null, k);
            default:
                return new NullFiller(strategy.Name, null, scan.Present.GetValueOrDefault(column), k);
        }
    }

    /// <summary>Sees the column's cell at <paramref name="row"/> (rows in order) and returns the fill for a null cell, or null when none.</summary>
    public string? Next(int row, string value)
    {
        if (value.Length > 0)
        {
            _last = value;
            return null;
        }

        return _strategy switch
        {
            "fixed" => _fixed,
            "ffill" => _last,
            "bfill" => NextPresent(row),
            "knn" => Knn(row),
            _ => null,
        };
    }

    private string? NextPresent(int row)
    {
        while (_next < _present!.Count && _present[_next].Row < row)
        {
            _next++;
        }

        return _next < _present.Count ? _present[_next].Value : null;
    }

    private string? Knn(int row)
    {
        var present = _present!;
        if (present.Count == 0)
        {
            return null;
        }

        NextPresent(row);
        int left = _next - 1;
        int right = _next;
        double sum = 0;
        int taken = 0;
        while (taken < _k && (left >= 0 || right < present.Count))
        {
            bool takeLeft = right >= present.Count || (left >= 0 && row - present[left].Row <= present[right].Row - row);
            int index = takeLeft ? left-- : right++;
            CellValues.TryNumber(present[index].Value, out double v);
            sum += v;
            taken++;
        }

        return CellValues.FormatNumber(sum / taken);
    }
}
