using System.Globalization;

namespace Agensium.Analysis.Clean;

/// <summary>Counts of how one column's cells parse, gathered in one pass; numeric values are kept while every non-blank cell is a number.</summary>
internal sealed class ColumnStats(string name, int index, bool keepValues = true)
{
    private List<double>? _values = keepValues ? [] : null;

    public string Name { get; } = name;

    public int Index { get; } = index;

    public long Rows { get; private set; }

    public long Blanks { get; private set; }

    public long NonNull => Rows - Blanks;

    public long Numbers { get; private set; }

    public long Wholes { get; private set; }

    /// <summary>Formatted numbers (thousands groups, a currency sign) with a fractional part; counted apart from <see cref="Numbers"/>.</summary>
    public long FormattedFractions { get; private set; }

    public long Dates { get; private set; }

    /// <summary>Cells written as plain integers (no decimal point or exponent).</summary>
    public long IntegerTexts { get; private set; }

    public long Booleans { get; private set; }

    /// <summary>Dates that can only be read day-first (13/04/2021).</summary>
    public long DayFirstDates { get; private set; }

    /// <summary>Dates that can only be read month-first (04/13/2021).</summary>
    public long MonthFirstDates { get; private set; }

    /// <summary>Numbers written d{1,3}(.ddd)+ ("1.234", "12.000"): decimals, or thousands in a decimal-comma file.</summary>
    public long DotGroupedNumbers { get; private set; }

    /// <summary>Numbers with a '.' that can only be a decimal point ("1.5", "3.14159").</summary>
    public long PointDecimals { get; private set; }

    /// <summary>Non-numbers that are numbers in decimal-comma notation ("0,5", "1.234,56", "1.000.000"; <see cref="CommaNotation"/>).</summary>
    public long CommaNumbers { get; private set; }

    /// <summary>Those whose comma can only be a decimal comma ("0,5", not "1,234").</summary>
    public long CommaDecimals { get; private set; }

    /// <summary>Those that are not whole ("12,50").</summary>
    public long CommaFractions { get; private set; }

    /// <summary>Values in US thousands groups ("1,200", "12,500.50").</summary>
    public long CommaGrouped { get; private set; }

    /// <summary>What the column's values say about number notation.</summary>
    public NotationCounts Notation => new(NonNull, Numbers, DotGroupedNumbers, PointDecimals, CommaNumbers, CommaDecimals, CommaGrouped);

    /// <summary>Dates that give another date read the other way round (01/02/2021).</summary>
    public long AmbiguousOrderDates { get; private set; }

    /// <summary>Numeric dates written d.M.yyyy ("01.04.2024"), which are always read day-first.</summary>
    public long DottedDates { get; private set; }

    /// <summary>
    /// The order the column's numeric dates were read in, for reports: day_first when its x/y/yyyy dates are, or when
    /// all its numeric dates are dotted d.M.yyyy ones (always read day-first); month_first otherwise.
    /// </summary>
    public string DateOrderRead =>
        DayFirst || (DottedDates > 0 && DayFirstDates + MonthFirstDates + AmbiguousOrderDates == 0) ? "day_first" : "month_first";

    /// <summary>True when the column's dates are day-first: some can only be read so and none only month-first.</summary>
    public bool DayFirst => DayFirstDates > 0 && MonthFirstDates == 0;

    /// <summary>True when some dates can only be read day-first and others only month-first: the ambiguous ones are read month-first.</summary>
    public bool MixedDateOrder => DayFirstDates > 0 && MonthFirstDates > 0;

    /// <summary>Numbers written with a leading zero ("02134", "007"): an identifier's digits, not a measure.</summary>
    public long LeadingZeroNumbers { get; private set; }

    /// <summary>Every numeric value in row order, or null once a non-numeric value was seen (always null without keepValues).</summary>
    public IReadOnlyList<double>? Values => _values;

    /// <summary>True when the column has values and all of them are numbers.</summary>
    public bool IsNumeric => NonNull > 0 && Numbers == NonNull;

    public string InferredType => TypeInference.InferType(NonNull, Wholes, Numbers, Booleans, Dates);

    public double NumericPct => NonNull == 0 ? 0 : 100.0 * Numbers / NonNull;

    public double DatePct => NonNull == 0 ? 0 : 100.0 * Dates / NonNull;

    public double NullPct => Rows == 0 ? 0 : 100.0 * Blanks / Rows;

    public void Add(string value)
    {
        Rows++;
        if (CellValues.IsBlank(value))
        {
            Blanks++;
            return;
        }

        if (CellValues.TryNumber(value, out double number))
        {
            Numbers++;
            Wholes += Math.Floor(number) == number ? 1 : 0;
            IntegerTexts += long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? 1 : 0;
            var digits = value.AsSpan().Trim();
            LeadingZeroNumbers += digits.Length > 1 && digits[0] == '0' && char.IsAsciiDigit(digits[1]) ? 1 : 0;
            if (digits.Contains('.'))
            {
                bool grouped = CommaNotation.IsDotGrouped(digits);
                DotGroupedNumbers += grouped ? 1 : 0;
                PointDecimals += grouped ? 0 : 1;
            }
            _values?.Add(number);
        }
        else
        {
            _values = null;
            // A number only a reader sees ("1,234.50", "$9.99"): type-fixer converts it, so the column is a float if it has
            // cents. Only a cell with a comma or a currency sign can be one (one vectorised search for the rest).
            if (CellValues.MayBeFormattedNumber(value)
                && (CellValues.TryGroupedNumber(value, out double formatted) || CellValues.TryCurrencyNumber(value, out formatted))
                && Math.Floor(formatted) != formatted)
            {
                FormattedFractions++;
            }

            if (CommaNotation.MayBeOne(value))
            {
                CountCommaNotation(value);
            }

            Booleans += PatternValidators.IsBoolean(value) ? 1 : 0;
            if (DateValues.IsDate(value))
            {
                Dates++;
                var order = DateValues.OrderOf(value);
                DayFirstDates += order == DateOrder.DayFirst ? 1 : 0;
                MonthFirstDates += order == DateOrder.MonthFirst ? 1 : 0;
                AmbiguousOrderDates += order == DateOrder.Ambiguous ? 1 : 0;
                DottedDates += DateValues.IsDotted(value) ? 1 : 0;
            }
        }
    }

    // "1,200" (US groups) or a number with a decimal comma ("0,5", "1.234,56").
    private void CountCommaNotation(string value)
    {
        if (value.Contains(',') && CommaNotation.IsCommaGrouped(value))
        {
            CommaGrouped++;
        }
        else if (CommaNotation.TryParse(value, out double comma))
        {
            CommaNumbers++;
            CommaDecimals += CommaNotation.IsUnambiguousDecimal(value) ? 1 : 0;
            CommaFractions += Math.Floor(comma) != comma ? 1 : 0;
        }
    }

    /// <summary>The stats of the context's current file: those handed over by the agent that wrote it, else gathered in one pass.</summary>
    public static (IReadOnlyList<string> Columns, ColumnStats[] Stats, long Rows) Of(CleanAgentContext context, CancellationToken ct, bool keepValues = true) =>
        context.CurrentProfile is { } profile ? (profile.Columns, profile.Stats, profile.Rows) : Gather(context.Current, ct, keepValues);

    /// <summary>Gathers the stats of every column of <paramref name="file"/> in one pass; <paramref name="keepValues"/> false keeps only counts.</summary>
    public static (IReadOnlyList<string> Columns, ColumnStats[] Stats, long Rows) Gather(InputFile file, CancellationToken ct, bool keepValues = true)
    {
        using var scan = RowScan.Open(file);
        var stats = scan.Columns.Select((c, i) => new ColumnStats(c, i, keepValues)).ToArray();
        long rows = 0;
        foreach (var (_, fields) in scan.Rows(ct))
        {
            rows++;
            for (int i = 0; i < stats.Length; i++)
            {
                stats[i].Add(fields[i]);
            }
        }

        return ([.. scan.Columns], stats, rows);
    }
}
