using System.Globalization;
using System.Text.RegularExpressions;
using Agensium.Analysis.Common;

namespace Agensium.Analysis.Profile;

/// <summary>One configured test of the test-coverage-agent and its streaming counters.</summary>
internal sealed class CoverageCheck
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<decimal> _numbers = [];
    private readonly List<(int Row, string Value)> _numericRepeats = [];
    private long _numericRepeatCount;
    private long _textValues;

    /// <summary>Repeats by number kept for row issues (the others are counted).</summary>
    private const int NumericRepeatRowsKept = 1000;
    private readonly Regex? _regex;

    public CoverageCheck(string kind, string column, int position, double? min = null, double? max = null, string? pattern = null)
    {
        Kind = kind;
        Column = column;
        Position = position;
        Min = min;
        Max = max;
        Pattern = pattern;
        if (pattern is not null)
        {
            try
            {
                _regex = UserRegex.Create($"^(?:{pattern})$");
            }
            catch (ArgumentException)
            {
                BadRegex = true;
            }
        }
    }

    public string Kind { get; }
    public string Column { get; }
    public int Position { get; }
    public double? Min { get; }
    public double? Max { get; }
    public string? Pattern { get; }
    public bool Missing => Position < 0;
    public bool BadRegex { get; }
    public long Rows { get; private set; }
    public long NonNull { get; private set; }
    public long NonNumeric { get; private set; }
    public long Violations { get; private set; }
    public string IssueType => Kind switch { "unique" => "duplicate_value", "range" => "range_violation", _ => "format_violation" };

    /// <summary>uniqueness: duplicates / rows; range and format: violations / non-null values (percent).</summary>
    public double ViolationPct => Kind == "unique" ? Rounding.Share(Violations, Rows) : Rounding.Share(Violations, NonNull);

    /// <summary>Counts one field of row <paramref name="row"/>; returns a message when the value breaks the test.</summary>
    public string? Add(ReadOnlySpan<char> value, int row = -1)
    {
        Rows++;
        if (TableScan.IsNull(value))
        {
            return null;
        }

        NonNull++;
        // Uniqueness and format look at the text as written, as the profiler and drift-detector do ("A " and "A" are
        // two values; " B" does not fit [A-Z]); a range reads the number, surrounding spaces aside.
        string? broken = Kind switch
        {
            "unique" => Unique(value, row),
            "range" => CheckRange(value.Trim()),
            _ => _regex is null || Matches(value) ? null : $"does not match /{Pattern}/",
        };
        Violations += broken is null ? 0 : 1;
        return broken;
    }

    // A repeat by text is a violation at once. A column of numbers only is read as numbers by the original (pandas):
    // "1.0" then repeats "1"; whether the column is all numbers is known at the end (Finish).
    private string? Unique(ReadOnlySpan<char> value, int row)
    {
        bool newText = _seen.Add(value.ToString());
        if (_textValues > 0)
        {
            // A text column: compared as text only.
        }
        else if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number))
        {
            if (!_numbers.Add(number) && newText)
            {
                _numericRepeatCount++;
                if (_numericRepeats.Count < NumericRepeatRowsKept)
                {
                    _numericRepeats.Add((row, value.ToString()));
                }
            }
        }
        else
        {
            // The first text value: the column is not read as numbers, so the numbers kept so far are let go.
            _textValues++;
            _numbers.Clear();
            _numbers.TrimExcess();
            _numericRepeats.Clear();
            _numericRepeatCount = 0;
        }

        return newText ? null : "repeats an earlier value";
    }

    /// <summary>
    /// After the last row: in a uniqueness test of a column holding only numbers, values equal as numbers but written
    /// differently ("1" and "1.0") count as repeats too; returns them (row, value) for row issues.
    /// </summary>
    public IReadOnlyList<(int Row, string Value)> Finish()
    {
        if (Kind != "unique" || _textValues > 0 || _numericRepeatCount == 0)
        {
            return [];
        }

        Violations += _numericRepeatCount;
        return _numericRepeats;
    }

    private string? CheckRange(ReadOnlySpan<char> value)
    {
        if (!NumberText.TryParse(value, out double number))
        {
            NonNumeric++;
            return null;
        }

        return number < (Min ?? double.NegativeInfinity) || number > (Max ?? double.PositiveInfinity)
            ? $"is outside [{Min?.ToString(CultureInfo.InvariantCulture) ?? "-inf"}, {Max?.ToString(CultureInfo.InvariantCulture) ?? "inf"}]"
            : null;
    }

    private bool Matches(ReadOnlySpan<char> value)
    {
        try
        {
            return _regex!.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
