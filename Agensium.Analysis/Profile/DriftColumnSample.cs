using System.Runtime.InteropServices;

namespace Agensium.Analysis.Profile;

/// <summary>
/// The non-null values of one column of one file: its numbers (with, for the current file, each value's number or NaN
/// in row order) and counts by text. A column is compared as numbers when at least <see cref="NumericShare"/> of its
/// values on each side are numbers: one stray "abc" among 300 amounts, or a placeholder such as "unknown" in 7 of 200
/// prices, must not turn them into hundreds of "new categories" (at 98 % the placeholder did, with a PSI of 6). Numbers
/// are read plain ("1234.5") as the values come, and read again in another notation when the shared column's values
/// show one (<see cref="ReadIn"/>, by <see cref="DriftColumnNotation"/>): "616,91" in a column that writes decimal
/// commas, "1,234.50" in one with US thousands groups. A percentage is read as its number ("12.5%" is 12.5), and an
/// amount without its currency sign ("$1,234.50"), so columns of shares and prices are compared as numbers too.
/// </summary>
internal sealed class DriftColumnSample(string name)
{
    /// <summary>Share of non-null values that must be numbers for the column to be compared as numbers.</summary>
    public const double NumericShare = 0.9;

    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly List<int> _rows = [];

    public string Name { get; } = name;
    public long NonNull { get; private set; }

    /// <summary>Non-null values that are not numbers.</summary>
    public long NonNumeric { get; private set; }

    /// <summary>True when at least <see cref="NumericShare"/> of the non-null values are numbers.</summary>
    public bool MostlyNumeric => NonNull > 0 && Numbers.Count >= NumericShare * NonNull;

    /// <summary>Values written with a leading zero ("02134": <see cref="LeadingZeros"/>), an identifier's digits.</summary>
    public long LeadingZeroValues { get; private set; }

    /// <summary>True when the column's numbers are identifiers' digits (<see cref="LeadingZeros.MakeColumnText"/>), as the profiler and type-fixer read them.</summary>
    public bool HoldsIdentifierDigits => LeadingZeros.MakeColumnText(LeadingZeroValues);

    /// <summary>True when the numbers were read with a decimal comma ("1.234,56" = 1234.56).</summary>
    public bool DecimalComma { get; private set; }

    /// <summary>The values that are numbers, in row order (grouped by value after <see cref="ReadIn"/> on a sample without its texts).</summary>
    public List<double> Numbers { get; } = [];
    public IReadOnlyList<int> Rows => _rows;

    /// <summary>Category counts by exact text (surrounding spaces included).</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Rows of the non-null values, in order, with their text (kept for row issues).</summary>
    public List<string> Texts { get; } = [];

    /// <summary>Each kept text's number, NaN when it is not one (aligned with <see cref="Texts"/>).</summary>
    public List<double> NumberAt { get; } = [];

    public void Add(ReadOnlySpan<char> value, int row, bool keepTexts)
    {
        if (TableScan.IsNull(value))
        {
            return;
        }

        // Categories are exact text, as the profiler counts distinct values: a feed that began writing " A" for "A"
        // has drifted. A number is read with its surrounding spaces ignored.
        NonNull++;
        _rows.Add(row);
        var lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
        CollectionsMarshal.GetValueRefOrAddDefault(lookup, value, out _)++;
        bool isNumber = NumberText.TryParse(NumberPart(value), out double number);
        if (isNumber)
        {
            Numbers.Add(number);
            LeadingZeroValues += LeadingZeros.IsWritten(value) ? 1 : 0;
        }
        else
        {
            NonNumeric++;
        }

        if (keepTexts)
        {
            Texts.Add(value.ToString());
            NumberAt.Add(isNumber ? number : double.NaN);
        }
    }

    /// <summary>
    /// Reads the values again as numbers in <paramref name="notation"/>: from the kept texts (<see cref="NumberAt"/>
    /// follows), or else from the counts by text.
    /// </summary>
    public void ReadIn(Clean.ColumnNotation notation)
    {
        Numbers.Clear();
        NonNumeric = 0;
        DecimalComma = notation.DecimalComma;
        if (Texts.Count == NonNull && NonNull > 0)
        {
            for (int i = 0; i < Texts.Count; i++)
            {
                bool isNumber = notation.TryRead(NumberPart(Texts[i]), out double number);
                NumberAt[i] = isNumber ? number : double.NaN;
                Count(isNumber, number, 1);
            }

            return;
        }

        foreach (var (text, count) in _counts)
        {
            bool isNumber = notation.TryRead(NumberPart(text), out double number);
            Count(isNumber, number, count);
        }
    }

    private static readonly HashSet<string> TruthWords = new(StringComparer.OrdinalIgnoreCase) { "true", "false" };

    /// <summary>
    /// True when every category of both samples is "true" or "false" in some case: a workbook writes TRUE/FALSE where
    /// pandas writes True/False, and the same booleans were 100 % new categories (PSI 17). Such a pair is compared by
    /// <see cref="FoldBooleans"/>.
    /// </summary>
    public static bool BothBooleanWords(DriftColumnSample a, DriftColumnSample b) =>
        a.NonNull > 0 && b.NonNull > 0 && a._counts.Keys.All(TruthWords.Contains) && b._counts.Keys.All(TruthWords.Contains)
        && a._counts.Keys.Concat(b._counts.Keys).Distinct(StringComparer.Ordinal).Count() > a._counts.Keys.Concat(b._counts.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Count();

    /// <summary>Counts the categories (and kept texts) in lower case: "TRUE" and "True" are one value.</summary>
    public void FoldBooleans()
    {
        var folded = _counts.GroupBy(kv => SimpleCase.Lower(kv.Key)).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
        _counts.Clear();
        foreach (var (text, count) in folded)
        {
            _counts[text] = count;
        }

        for (int i = 0; i < Texts.Count; i++)
        {
            Texts[i] = SimpleCase.Lower(Texts[i]);
        }
    }

    /// <summary>The part of a value read as a number, as master-my-data reads amounts (<see cref="Master.Amounts.NumberPart"/>): without its percent or currency sign.</summary>
    public static ReadOnlySpan<char> NumberPart(ReadOnlySpan<char> value) => Master.Amounts.NumberPart(value);

    private void Count(bool isNumber, double number, long count)
    {
        if (!isNumber)
        {
            NonNumeric += count;
            return;
        }

        for (long i = 0; i < count; i++)
        {
            Numbers.Add(number);
        }
    }
}
