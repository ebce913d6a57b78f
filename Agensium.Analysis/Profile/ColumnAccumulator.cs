using System.Buffers;
using System.Runtime.InteropServices;

namespace Agensium.Analysis.Profile;

/// <summary>
/// Streaming counters of one column. Values are counted by text (exactly up to <see cref="DistinctCap"/> distinct
/// values, then by HyperLogLog). While every non-null value so far is a number, the numbers are kept for exact
/// quantiles, up to a limit; past it they move into a <see cref="QuantileSketch"/>, so memory stays bounded. Count,
/// mean, variance, min and max are always exact (Welford's streaming update).
/// </summary>
internal sealed class ColumnAccumulator
{
    public const int DistinctCap = 100_000;
    public const int KeptRowRefs = RowIssueLog.DefaultCap;
    public const int PiiSampleSize = 100;

    /// <summary>
    /// Values hashed and prefetched ahead of counting at a time: what a block's lookups bring into the cache (a slot, an
    /// entry and the text of each value, beside the batch's own characters) must still be there when they are counted.
    /// </summary>
    public const int PrefetchBlock = 256;

    private readonly ValueCounter<TrackedValue> _counts = new();
    private readonly RowBitmap _nullRowsShared;

    /// <summary>The rows where this column is null (the bitmap given to the constructor).</summary>
    public RowBitmap NullRowBitmap => _nullRowsShared;
    private HyperLogLog? _hll;
    private LateHeavyHitters? _late;

    private readonly int _exactLimit;
    // Welford's mean and sum of squared deviations, of the numbers divided by _scale (a power of two, so dividing is
    // exact): values near 1e155 would square past double's range (Infinity) without it.
    private double _mean;
    private double _m2;
    private double _scale = 1;
    private double _inverseScale = 1;
    private const double ScaledLimit = 1e140; // squares × a billion rows stay far below 1.8e308

    public ColumnAccumulator(string name, int position, RowBitmap nullRowsShared, bool keepPiiSample, int exactQuantileLimit = int.MaxValue)
    {
        Name = name;
        Position = position;
        _nullRowsShared = nullRowsShared;
        PiiSample = keepPiiSample ? [] : null;
        _exactLimit = exactQuantileLimit;
    }

    public string Name { get; }
    public int Position { get; }
    public long NullCount { get; private set; }
    public long EmptyCount { get; private set; }
    public long WhitespaceCount { get; private set; }

    /// <summary>Cells holding a null token (NULL, NaN, N/A, …), counted as nulls.</summary>
    public long NullTokenCount { get; private set; }
    public long MissingCount { get; private set; }
    public long NonNullCount { get; private set; }
    public long IntegerCount { get; private set; }
    public long NumberCount { get; private set; }
    public long BooleanCount { get; private set; }
    public long DateCount { get; private set; }
    public long EmailCount { get; private set; }
    public long PhoneCount { get; private set; }
    /// <summary>Numbers written d{1,3}(.ddd)+ ("1.234").</summary>
    public long DotGroupedCount { get; private set; }

    /// <summary>Numbers with a '.' that can only be a decimal point.</summary>
    public long PointDecimalCount { get; private set; }

    /// <summary>Text that is a number in decimal-comma notation ("0,5").</summary>
    public long CommaNumberCount { get; private set; }

    /// <summary>Of those, the ones whose comma can only be a decimal comma.</summary>
    public long CommaDecimalCount { get; private set; }

    /// <summary>Text in US thousands groups ("1,200"), or in space or apostrophe groups before a '.' ("1 234.56").</summary>
    public long CommaGroupedCount { get; private set; }

    /// <summary>Whole numbers in space or apostrophe groups ("12 000"), counted among <see cref="CommaNumberCount"/> too.</summary>
    public long GroupedWholeCount { get; private set; }

    /// <summary>Of those, the ones a decimal comma reads as well ("1,500", "48,331").</summary>
    public long AmbiguousGroupCount { get; private set; }

    /// <summary>What the column's values say about number notation.</summary>
    internal Clean.NotationCounts Notation =>
        new(NonNullCount, NumberCount, DotGroupedCount, PointDecimalCount, CommaNumberCount, CommaDecimalCount, CommaGroupedCount);

    /// <summary>
    /// Numbers written with a leading zero ("02134": <see cref="Common.LeadingZeros"/>), counted from the distinct values'
    /// classes once the file is read (and as they come past the distinct cap), so no work per cell.
    /// </summary>
    public long LeadingZeroCount
    {
        get
        {
            long count = _untrackedLeadingZeros;
            for (int i = 0; i < _counts.Count; i++)
            {
                count += _counts.Payload(i).Cell.Is(CellKinds.LeadingZero) ? _counts.CountAt(i) : 0;
            }

            return count;
        }
    }

    // Leading-zero numbers past the distinct cap that the table does not hold.
    private long _untrackedLeadingZeros;

    public int MinLength { get; private set; } = int.MaxValue;
    public int MaxLength { get; private set; }
    public long TotalLength { get; private set; }

    /// <summary>Numeric values in row order, with their rows; null once a non-numeric value was seen or once sketched.</summary>
    public List<double>? Values { get; private set; } = [];
    public List<int>? ValueRows { get; private set; } = [];

    /// <summary>True while every non-null value is a number.</summary>
    public bool AllNumeric { get; private set; } = true;

    /// <summary>The numbers' sketch once there were more than the exact limit; null while they are kept exactly.</summary>
    public QuantileSketch? Sketch { get; private set; }

    public double NumericMin { get; private set; } = double.PositiveInfinity;
    public double NumericMax { get; private set; } = double.NegativeInfinity;
    public double NumericMean => _mean * _scale;

    /// <summary>Sample standard deviation (n − 1) of the numbers; null for fewer than two.</summary>
    public double? NumericStd => NumberCount > 1 ? Math.Sqrt(_m2 / (NumberCount - 1)) * _scale : null;

    public List<int> NullRows { get; } = [];
    public List<(int Row, string Value)> NumericTextRows { get; } = [];
    public RowBitmap NumericRows { get; } = new();
    public List<string>? PiiSample { get; }

    /// <summary>Counts of the distinct values (every one until <see cref="DistinctCap"/>, then only those already tracked).</summary>
    public ValueCounter<TrackedValue> ValueCounts => _counts;

    /// <summary>
    /// The <paramref name="n"/> most frequent values, by count descending then value: exact while every distinct
    /// value is counted; past the cap, the values counted exactly and the frequent ones met after it
    /// (<see cref="LateHeavyHitters"/>) together.
    /// </summary>
    public List<KeyValuePair<string, long>> TopValues(int n) =>
        _late is null ? _counts.Top(n)
            : [.. _counts.Top(n).Concat(_late.Frequent()).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(n)];

    /// <summary>Every count known: one per value counted exactly, and past the cap the frequent values met after it.</summary>
    public IEnumerable<long> KnownCounts() => _late is null ? _counts.Counts() : _counts.Counts().Concat(_late.Frequent().Select(p => p.Value));

    /// <summary>
    /// Shannon entropy in bits of <see cref="KnownCounts"/> (as <see cref="Entropy(IReadOnlyList{long})"/>), read from the
    /// table in place: a capped column's 100,000 counts were summed and read again through two iterators.
    /// </summary>
    public double KnownEntropy()
    {
        List<long> late = _late is null ? [] : [.. _late.Frequent().Select(p => p.Value)];
        long total = 0;
        for (int i = 0; i < _counts.Count; i++)
        {
            total += _counts.CountAt(i);
        }

        foreach (long c in late)
        {
            total += c;
        }

        double h = 0;
        for (int i = 0; i < _counts.Count; i++)
        {
            h = EntropyTerm(h, _counts.CountAt(i), total);
        }

        foreach (long c in late)
        {
            h = EntropyTerm(h, c, total);
        }

        return h == 0 ? 0 : h;
    }

    /// <summary>Shannon entropy in bits of a distribution given by <paramref name="counts"/>, summed in their order.</summary>
    public static double Entropy(IReadOnlyList<long> counts)
    {
        long total = 0;
        for (int i = 0; i < counts.Count; i++)
        {
            total += counts[i];
        }

        double h = 0;
        for (int i = 0; i < counts.Count; i++)
        {
            h = EntropyTerm(h, counts[i], total);
        }

        return h == 0 ? 0 : h;
    }

    // One term of the sum, as the LINQ version subtracted it (same operations, same order: the same bits).
    private static double EntropyTerm(double h, long count, long total)
    {
        double p = (double)count / total;
        return h - (p * Math.Log2(p));
    }

    public bool DistinctIsEstimate => _hll is not null;
    public long DistinctCount => _hll?.Estimate() ?? _counts.Count;

    /// <summary>A field the row did not have (short ragged row): a null that is not an empty string.</summary>
    public void AddMissing(int row)
    {
        MissingCount++;
        AddNull(row);
    }

    /// <summary>
    /// Adds column <paramref name="column"/> of every row of <paramref name="batch"/>, in row order. The values are
    /// hashed first and their table slots and entries prefetched, so the lookups of a column with many distinct values
    /// (a table far larger than the caches) overlap their memory waits instead of paying each one in turn; a block of
    /// <see cref="PrefetchBlock"/> rows at a time, as what a whole batch prefetched (4,096 slots and entries, besides
    /// the batch's characters) no longer fit in a core's cache when it was read.
    /// </summary>
    public void AddColumn(RowBatch batch, int column)
    {
        int n = batch.Count;
        int[] hashes = ArrayPool<int>.Shared.Rent(Math.Max(n, 1));
        // Values counted in Unicode form C (ComposedText): "José" with a precomposed é and with e + combining acute is
        // one value written two ways, not two distinct values (or two top values of one name). Most batches hold none.
        string?[]? composed = null;
        bool mayNeedComposing = batch.MayNeedComposing(column);
        try
        {
            for (int start = 0; start < n; start += PrefetchBlock)
            {
                int end = Math.Min(n, start + PrefetchBlock);
                for (int r = start; r < end; r++)
                {
                    if (column < batch.Present(r))
                    {
                        var value = batch.Field(r, column);
                        if (mayNeedComposing && !Common.ComposedText.IsComposed(value))
                        {
                            composed ??= new string?[n];
                            composed[r] = Common.ComposedText.Of(value.ToString());
                            value = composed[r];
                        }

                        int hash = ValueCounter<TrackedValue>.HashOf(value);
                        hashes[r] = hash;
                        _counts.Prefetch(hash);
                    }
                }

                for (int r = start; r < end; r++)
                {
                    if (column < batch.Present(r))
                    {
                        _counts.PrefetchEntry(hashes[r]);
                    }
                }

                for (int r = start; r < end; r++)
                {
                    if (column < batch.Present(r))
                    {
                        Add(composed?[r] is string text ? text : batch.Field(r, column), batch.RowIndex(r), hashes[r]);
                    }
                    else
                    {
                        AddMissing(batch.RowIndex(r));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(hashes);
        }
    }

    private void Add(ReadOnlySpan<char> value, int row, int hash)
    {
        if (value.IsEmpty)
        {
            EmptyCount++;
            AddNull(row);
            return;
        }

        // A value already tracked is a non-null one whose class and length were worked out when it was first seen:
        // count it from its entry (most cells of most columns are repeats) and skip the null and length checks.
        int tracked = _counts.Find(value, hash);
        if (tracked >= 0)
        {
            // Not added to the HyperLogLog: the table's values were all added to it when it was made, and no value
            // enters the table after that.
            _counts.IncrementEntry(tracked);
            ref var known = ref _counts.Payload(tracked);
            AddNonNull(value, row, known.Cell, known.CodePoints);
            return;
        }

        if (value.IsWhiteSpace())
        {
            WhitespaceCount++;
            AddNull(row);
            return;
        }

        if (Clean.CellValues.IsNullToken(value))
        {
            NullTokenCount++;
            AddNull(row);
            return;
        }

        int length = Common.CodePoints.Count(value); // as pandas' str.len counts them: an emoji is one
        AddNonNull(value, row, AddUntracked(value, hash, length), length);
    }

    // Counts a non-null value whose class and length in code points are known.
    private void AddNonNull(ReadOnlySpan<char> value, int row, CellClass cell, int length)
    {
        NonNullCount++;
        MinLength = Math.Min(MinLength, length);
        MaxLength = Math.Max(MaxLength, length);
        TotalLength += length;
        if (PiiSample is { Count: < PiiSampleSize })
        {
            PiiSample.Add(value.ToString());
        }

        if (cell.Is(CellKinds.Number))
        {
            AddNumber(value, cell, row);
        }
        else
        {
            AllNumeric = false;
            Values = null;
            ValueRows = null;
            Sketch = null;
            BooleanCount += cell.Is(CellKinds.Boolean) ? 1 : 0;
            DateCount += cell.Is(CellKinds.Date) ? 1 : 0;
            EmailCount += cell.Is(CellKinds.Email) ? 1 : 0;
        }

        PhoneCount += cell.Is(CellKinds.Phone) ? 1 : 0;
        DotGroupedCount += cell.Is(CellKinds.DotGrouped) ? 1 : 0;
        PointDecimalCount += cell.Is(CellKinds.PointDecimal) ? 1 : 0;
        CommaNumberCount += cell.Is(CellKinds.CommaNumber) ? 1 : 0;
        CommaDecimalCount += cell.Is(CellKinds.CommaDecimal) ? 1 : 0;
        CommaGroupedCount += cell.Is(CellKinds.CommaGrouped) ? 1 : 0;
        AmbiguousGroupCount += cell.Is(CellKinds.AmbiguousGroup) ? 1 : 0;
        GroupedWholeCount += cell.Is(CellKinds.GroupedWhole) ? 1 : 0;
    }

    /// <summary>Makes <paramref name="number"/> fit the scaled accumulators: a larger power-of-two scale, the mean and squares converted.</summary>
    private void Rescale(double number)
    {
        double scale = Math.Pow(2, Math.Max(0, Math.ILogB(number) - 400));
        double factor = _scale / scale;
        _mean *= factor;
        _m2 *= factor * factor;
        _scale = scale;
        _inverseScale = 1 / scale;
    }

    private void AddNumber(ReadOnlySpan<char> value, CellClass cell, int row)
    {
        double number = cell.Number;
        NumberCount++;
        if (cell.Is(CellKinds.Integer))
        {
            IntegerCount++;
        }

        double x = number * _inverseScale;
        if (Math.Abs(x) > ScaledLimit)
        {
            Rescale(number);
            x = number * _inverseScale;
        }

        var delta = x - _mean;
        _mean += delta / NumberCount;
        _m2 += delta * (x - _mean);
        NumericMin = Math.Min(NumericMin, number);
        NumericMax = Math.Max(NumericMax, number);
        if (AllNumeric)
        {
            if (Sketch is not null)
            {
                Sketch.Add(number);
            }
            else
            {
                Values!.Add(number);
                ValueRows!.Add(row);
                if (Values.Count > _exactLimit)
                {
                    MoveToSketch();
                }
            }
        }
        NumericRows.Set(row);
        if (NumericTextRows.Count < KeptRowRefs)
        {
            NumericTextRows.Add((row, value.ToString()));
        }
    }

    private void MoveToSketch()
    {
        var sketch = new QuantileSketch();
        foreach (var v in Values!)
        {
            sketch.Add(v);
        }
        Sketch = sketch;
        Values = null;
        ValueRows = null;
    }

    private void AddNull(int row)
    {
        NullCount++;
        _nullRowsShared.Set(row);
        if (NullRows.Count < KeptRowRefs)
        {
            NullRows.Add(row);
        }
    }

    // Counts a non-null value the table does not hold and returns its class: a new distinct value is added with its
    // class and length (so its repeats take the tracked path), until DistinctCap; past it the value goes to the
    // HyperLogLog and is classified every time it is seen.
    private CellClass AddUntracked(ReadOnlySpan<char> value, int hash, int length)
    {
        var cell = CellClass.Of(value);
        if (_hll is not null)
        {
            _untrackedLeadingZeros += cell.Is(CellKinds.LeadingZero) ? 1 : 0;
            _hll.Add(value);
            (_late ??= new LateHeavyHitters()).Add(value, hash);
            return cell;
        }

        int entry = _counts.IncrementAt(value, hash);
        _counts.Payload(entry) = new TrackedValue(cell, length);
        if (_counts.Count > DistinctCap)
        {
            // Switch to an estimate: seed it with every value seen, read in place (a string per value made 100,000
            // strings at once); counts go on only for tracked values.
            _hll = new HyperLogLog();
            for (int i = 0; i < _counts.Count; i++)
            {
                _hll.Add(_counts.TextAt(i));
            }
        }

        return cell;
    }
}

/// <summary>
/// What the profiler keeps per distinct value of a column: its class and its length in code points. Its fields laid
/// out flat (16 bytes, where a <see cref="CellClass"/> beside an int took 24), so a table entry is 32 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct TrackedValue(CellClass cell, int codePoints)
{
    private readonly double _number = cell.Number;
    private readonly int _codePoints = codePoints;
    private readonly CellKinds _kinds = cell.Kinds;

    public CellClass Cell => new(_kinds, _number);

    public int CodePoints => _codePoints;
}
