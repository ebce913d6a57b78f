using Agensium.Analysis.Common;

namespace Agensium.Analysis.Clean;

/// <summary>
/// The <see cref="NotationCounts"/> of a column told from its values one by one, counted as clean-my-data's column
/// stats count them (plain numbers, '.' groups or decimals, decimal-comma numbers, US thousands groups), for readers
/// that have the values but no <see cref="ColumnStats"/>: master-my-data's tables and drift-detector's samples. One
/// difference, as these readers judge a column by itself: a value that is a decimal-comma number and US thousands
/// alike ("1,500", one group of three digits) is counted as a decimal-comma number (it makes the column no less read
/// so), not as US groups; only a value that can only be US groups ("1,234.50", "1,234,567") contradicts decimal
/// commas. So the column decides such a value: 1.5 beside "12,50" and "0,5", 1500 beside "2,000.00" or on its own
/// (type-fixer, judging a whole file, takes "1,200" in any column as a sign of US groups).
/// </summary>
internal struct NotationTally
{
    private long _nonNull, _numbers, _dotGrouped, _pointDecimals, _commaNumbers, _commaDecimals, _commaGrouped;

    /// <summary>Values that are US thousands groups or decimal-comma numbers alike ("1,500").</summary>
    public long AmbiguousGroups { get; private set; }

    /// <summary>Numbers written with a leading zero ("02134"), which no measure is (see <see cref="IdentifierColumns"/>).</summary>
    public long LeadingZeroNumbers { get; private set; }

    /// <summary>The counts so far.</summary>
    public readonly NotationCounts Counts => new(_nonNull, _numbers, _dotGrouped, _pointDecimals, _commaNumbers, _commaDecimals, _commaGrouped);

    /// <summary>Counts <paramref name="value"/> <paramref name="count"/> times; a blank cell or a null token is not counted.</summary>
    public void Add(ReadOnlySpan<char> value, long count = 1)
    {
        var text = value.Trim();
        if (count <= 0 || CellValues.IsMissing(text))
        {
            return;
        }

        _nonNull += count;
        if (NumberText.TryParse(text, out _))
        {
            _numbers += count;
            LeadingZeroNumbers += LeadingZeros.IsWritten(text) ? count : 0;
            if (text.Contains('.'))
            {
                bool grouped = CommaNotation.IsDotGrouped(text);
                _dotGrouped += grouped ? count : 0;
                _pointDecimals += grouped ? 0 : count;
            }
        }
        else if (CommaNotation.MayBeOne(text))
        {
            bool grouped = (text.Contains(',') && CommaNotation.IsCommaGrouped(text)) || CommaNotation.IsGroupedPointDecimal(text);
            if (CommaNotation.TryParse(text, out _))
            {
                _commaNumbers += count;
                _commaDecimals += CommaNotation.IsUnambiguousDecimal(text) ? count : 0;
                AmbiguousGroups += grouped ? count : 0;
            }
            else if (grouped)
            {
                _commaGrouped += count;
            }
        }
    }
}
