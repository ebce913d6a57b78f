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

    public long Dates { get; private set; }

    /// <summary>Cells written as plain integers (no decimal point or exponent).</summary>
    public long IntegerTexts { get; private set; }

    public long Booleans { get; private set; }

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
            _values?.Add(number);
        }
        else
        {
            _values = null;
            Booleans += PatternValidators.IsBoolean(value) ? 1 : 0;
            Dates += DateValues.IsDate(value) ? 1 : 0;
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
