using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Agensium.Analysis.Common;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>
/// survivorship-resolver rules for one conflicting column of one cluster (AGENSIUM 5.3): freshness 0.85 (no timestamp
/// column, or none in the cluster's rows: last 0.6); quality_score best quality; completeness min(0.9, 0.5 + len/100); source_priority 0.9 (unknown 0.6);
/// frequency min(0.95, 0.5 + 0.5·share); richness 0.8; validation first valid e-mail/E.164/ISO date 0.9 (none valid:
/// first, 0.4); min/max 0.9; first/last 0.6.
/// </summary>
internal sealed partial class ResolverRules(MasterTable table, SurvivorshipSettings settings)
{
    private readonly TimestampOrder? _timestamps = settings.TimestampColumn >= 0 ? new TimestampOrder(table.Column(settings.TimestampColumn)) : null;


    public (int Row, double Confidence) Apply(string rule, int column, List<int> rows)
    {
        string Cell(int r) => table[r, column].Trim();
        switch (rule)
        {
            case "freshness" or "most_recent":
                // A cluster none of whose rows has a timestamp has no freshest row: last, as without a timestamp column.
                return _timestamps is { } order && ClusterCells.AnyNonBlank(table, rows, settings.TimestampColumn)
                    ? (Best(rows, (a, b) => order.Compare(table[a, settings.TimestampColumn], table[b, settings.TimestampColumn])), 0.85)
                    : (rows[^1], 0.6);
            case "quality_score":
                int q = Best(rows, (a, b) => Quality(column, Cell(a)).CompareTo(Quality(column, Cell(b))));
                return (q, Quality(column, Cell(q)));
            case "completeness" or "most_complete":
                int l = Best(rows, (a, b) => Cell(a).Length.CompareTo(Cell(b).Length));
                return (l, Math.Min(0.9, 0.5 + Cell(l).Length / 100.0));
            case "source_priority":
                return BySource(rows);
            case "frequency" or "most_frequent":
                var top = rows.GroupBy(r => Common.ComposedText.Of(Cell(r)), StringComparer.Ordinal).OrderByDescending(g => g.Count()).First(); // NFC and NFD: one value
                return (top.First(), Math.Min(0.95, 0.5 + 0.5 * top.Count() / rows.Count));
            case "richness":
                return (Best(rows, (a, b) => (Tokens(Cell(a)), Cell(a).Length).CompareTo((Tokens(Cell(b)), Cell(b).Length))), 0.8);
            case "validation":
                int valid = rows.FindIndex(r => IsValid(Cell(r)));
                return valid >= 0 ? (rows[valid], 0.9) : (rows[0], 0.4);
            case "min":
                return (Best(rows, (a, b) => -ValueOrder.Of(table.Column(column)).Compare(Cell(a), Cell(b))), 0.9);
            case "max":
                return (Best(rows, (a, b) => ValueOrder.Of(table.Column(column)).Compare(Cell(a), Cell(b))), 0.9);
            case "last":
                return (rows[^1], 0.6);
            default:
                return (rows[0], 0.6);
        }
    }

    public bool HasSourcePriority => settings.SourceColumn >= 0 && settings.SourcePriority.Count > 0;

    public (int Row, double Confidence) BySource(List<int> rows)
    {
        if (settings.SourceColumn < 0)
        {
            return (rows[0], 0.6);
        }

        double Priority(int r) => settings.SourcePriority.TryGetValue(table[r, settings.SourceColumn].Trim(), out double p) ? p : 999;
        int best = Best(rows, (a, b) => -Priority(a).CompareTo(Priority(b)));
        return (best, Priority(best) >= 999 ? 0.6 : 0.9);
    }

    /// <summary>Value quality 0–1: 0.5 + min(0.2, len/100) ± pattern of e-mail/phone/date columns (+0.3/−0.2) ± custom pattern (±0.2), +0.1 min_length, +0.2 allowed value.</summary>
    public double Quality(int column, string value)
    {
        string name = table.Columns[column];
        string n = ColumnNames.Normalize(name);
        double q = 0.5 + Math.Min(0.2, value.Length / 100.0);
        bool? fits = n.Contains("email") || n.Contains("mail") ? PatternValidators.IsEmail(value)
            : n.Contains("phone") || n.Contains("mobile") ? PatternValidators.IsPhone(value)
            : n.Contains("date") || n.Contains("updated") ? TimestampOrder.TryParse(value, out _) : null;
        q += fits switch { true => 0.3, false => -0.2, null => 0 };
        if (settings.Patterns.TryGetValue(column, out string? pattern))
        {
            q += UserRegex.IsMatch(value, pattern) ? 0.2 : -0.2;
        }

        if (settings.MinLength.TryGetValue(column, out double min) && CodePoints.Count(value) >= min)
        {
            q += 0.1;
        }

        if (settings.AllowedValues.TryGetValue(column, out var allowed) && allowed.Contains(value))
        {
            q += 0.2;
        }

        return Math.Clamp(q, 0, 1);
    }

    private static int Tokens(string value) => value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static bool IsValid(string value) =>
        PatternValidators.IsEmail(value) || E164Regex().IsMatch(value.Replace(" ", "").Replace("-", "")) || IsoDateRegex().IsMatch(value);

    private static int Best(List<int> rows, Comparison<int> compare)
    {
        int best = rows[0];
        foreach (int r in rows.Skip(1))
        {
            if (compare(r, best) > 0)
            {
                best = r;
            }
        }

        return best;
    }

    [GeneratedRegex(@"^\+[1-9]\d{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164Regex();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateRegex();
}
