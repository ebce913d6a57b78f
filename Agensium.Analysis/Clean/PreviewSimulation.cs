using System.Globalization;
using System.Text.Json.Nodes;

namespace Agensium.Analysis.Clean;

/// <summary>The simulated effect of one preview rule on the current file (nothing is written); remove_outliers is counted after the pass.</summary>
/// <param name="rule">The rule.</param>
/// <param name="columns">The indexes of its columns.</param>
/// <param name="numbers">The file's number reader (<see cref="TypeFixedNumbers.Reader"/>); in a decimal-comma file convert_types reads numbers with it.</param>
/// <param name="duplicates">drop_duplicates: the key duplicate-resolver removes rows by, its key columns the rule's.</param>
internal sealed class PreviewSimulation(PreviewRule rule, int[] columns, QuarantineNumbers? numbers, DuplicateKey? duplicates = null)
{
    private readonly HashSet<UInt128> _seen = [];
    private readonly RowKey _rowKey = new();

    public PreviewRule Rule { get; } = rule;

    public int[] Columns { get; } = columns;

    public long RowsRemoved { get; private set; }

    public long CellsChanged { get; private set; }

    // A null as null-handler sees it: blank, or a token such as NaN, N/A, "-" (the preview simulates what the chain does).
    private static bool IsNull(string value) => CellValues.IsMissing(value);

    public void See(string[] fields)
    {
        switch (Rule.Rule)
        {
            case "drop_nulls":
                RowsRemoved += Array.Exists(Columns, i => IsNull(fields[i])) ? 1 : 0;
                break;
            case "impute_nulls":
                foreach (int i in Columns)
                {
                    CellsChanged += IsNull(fields[i]) ? 1 : 0;
                }

                break;
            case "drop_duplicates":
                // The rows duplicate-resolver removes with its defaults: not only exact copies, also a row in another
                // casing or spacing, or with a number written otherwise ("1.50" for "1.5" in a number column).
                var key = duplicates ?? throw new InvalidOperationException("drop_duplicates is simulated with duplicate-resolver's key.");
                RowsRemoved += _seen.Add(key.Of(fields, key.Full(fields, _rowKey), _rowKey)) ? 0 : 1;
                break;
            case "convert_types":
                foreach (int i in Columns)
                {
                    CellsChanged += !IsNull(fields[i]) && !Converts(fields[i], Rule.TargetType!) ? 1 : 0;
                }

                break;
        }
    }

    /// <summary>remove_outliers: the rows with a value outside <paramref name="fences"/>.</summary>
    public void CountOutliers(NumericRows numeric, OutlierBounds[] fences) => RowsRemoved = numeric.CountOutlierRows(fences);

    /// <summary>{rule, rows/columns before and after, cells changed, impact}: high when |Δrows| ≥ 10% or columns change, medium ≥ 5%, else low.</summary>
    public JsonObject Result(long rows, int columnCount, out string impact)
    {
        int columnsAfter = Rule.Rule == "drop_columns" ? columnCount - Columns.Length : columnCount;
        double deltaPct = Rounding.Share(RowsRemoved, rows);
        impact = deltaPct >= 10 || columnsAfter != columnCount ? "high" : deltaPct >= 5 ? "medium" : "low";
        var result = Rule.ToJson();
        result["rows_before"] = rows;
        result["rows_after"] = rows - RowsRemoved;
        result["rows_delta_pct"] = Rounding.Pct(-deltaPct);
        result["columns_before"] = columnCount;
        result["columns_after"] = columnsAfter;
        result["cells_changed"] = CellsChanged;
        result["impact"] = impact;
        return result;
    }

    // A cell the conversion keeps: a number as type-fixer reads one (plain, thousands groups, a currency sign, an
    // accounting negative; in a decimal-comma file "12,50" and "1.500", which is 1500 there), or a number or date in a
    // notation type-fixer keeps as written (ForeignNotation); an integer must be whole.
    private bool Converts(string value, string type) => type switch
    {
        "integer" => ReadsAsNumber(value, out double v) ? Math.Floor(v) == v : ForeignNotation.WorthKeeping(value, "float"),
        "float" => ReadsAsNumber(value, out _) || ForeignNotation.WorthKeeping(value, "float"),
        "date" => DateValues.IsDate(value) || ForeignNotation.WorthKeeping(value, "datetime"),
        _ => BooleanWords.Is(value),
    };

    private bool ReadsAsNumber(string value, out double number) =>
        numbers is { DecimalCommaFile: true } ? numbers.TryRead(value, out number)
        : CellValues.TryNumber(value, out number) || CellValues.TryGroupedNumber(value, out number)
            || CellValues.TryCurrencyNumber(value, out number) || CellValues.TryAccountingNegative(value, out number);

    public static string Describe(PreviewRule rule) => string.Create(CultureInfo.InvariantCulture, $"{rule.Rule}({string.Join(", ", rule.Columns)})");
}
