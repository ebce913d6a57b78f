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
    // drop_duplicates: every row's key, sorted once the pass is over: a row is removed when an earlier row has its key,
    // so the rows removed are the rows less the distinct keys. A list of 16 bytes a row instead of a hash set probed
    // (and grown) row by row, whose misses cost more than the hashing.
    private List<UInt128>? _keys;

    public PreviewRule Rule { get; } = rule;

    public int[] Columns { get; } = columns;

    public long RowsRemoved { get; private set; }

    public long CellsChanged { get; private set; }

    /// <summary>drop_duplicates: the key duplicate-resolver removes rows by (its key columns the rule's); null for the other rules.</summary>
    public DuplicateKey? Duplicates { get; } = duplicates;

    /// <summary>True for the rules that read which cells are nulls (<see cref="See"/>'s <c>missing</c>).</summary>
    public bool ReadsNulls => Rule.Rule is "drop_nulls" or "impute_nulls" or "convert_types";

    /// <summary>Counts a row of the file for drop_nulls, impute_nulls, drop_duplicates and convert_types.</summary>
    /// <param name="fields">The row.</param>
    /// <param name="missing">For each column a rule that <see cref="ReadsNulls"/> reads, whether its cell is a null as null-handler sees one (blank, or a token such as NaN, N/A, "-": the preview simulates what the chain does).</param>
    /// <param name="key">drop_duplicates: the row's <see cref="Duplicates"/> key.</param>
    public void See(string[] fields, bool[] missing, UInt128 key)
    {
        switch (Rule.Rule)
        {
            case "drop_nulls":
                foreach (int i in Columns)
                {
                    if (missing[i])
                    {
                        RowsRemoved++;
                        break;
                    }
                }

                break;
            case "impute_nulls":
                foreach (int i in Columns)
                {
                    CellsChanged += missing[i] ? 1 : 0;
                }

                break;
            case "drop_duplicates":
                // The rows duplicate-resolver removes with its defaults: not only exact copies, also a row in another
                // casing or spacing, or with a number written otherwise ("1.50" for "1.5" in a number column).
                (_keys ??= []).Add(key);
                break;
            case "convert_types":
                foreach (int i in Columns)
                {
                    CellsChanged += !missing[i] && !Converts(fields[i], Rule.TargetType!) ? 1 : 0;
                }

                break;
        }
    }

    /// <summary>Makes room for <paramref name="rows"/> keys at once (drop_duplicates), when the rows are known before the pass.</summary>
    public void Expect(long rows)
    {
        if (Rule.Rule == "drop_duplicates")
        {
            _keys ??= new List<UInt128>((int)Math.Min(rows, Array.MaxLength));
        }
    }

    /// <summary>drop_duplicates: the rows removed, once every row was seen (the rows whose key an earlier row has).</summary>
    public void CountDuplicates()
    {
        if (_keys is null)
        {
            return;
        }

        var keys = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_keys);
        keys.Sort();
        long repeated = 0;
        for (int i = 1; i < keys.Length; i++)
        {
            repeated += keys[i] == keys[i - 1] ? 1 : 0;
        }

        RowsRemoved = repeated;
        _keys = null;
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
