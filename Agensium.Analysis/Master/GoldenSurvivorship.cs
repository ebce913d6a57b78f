using System.Globalization;

namespace Agensium.Analysis.Master;

/// <summary>
/// golden-record-builder survivorship (AGENSIUM 5.3) for one column of one cluster: agreeing values (≤ 1 distinct
/// non-blank) give confidence 1.0; otherwise most_complete longest (in text elements) 0.8; most_recent max-timestamp row 0.85 (no timestamp
/// column, or no candidate row of the cluster has one: last 0.7); source_priority best priority 0.9, only unknown sources 0.7, no source column 0.6; most_frequent
/// min(0.95, 0.5 + 0.5·share); min/max 0.9; first/last 0.75. Blank values never win over non-blank ones.
/// </summary>
public sealed class GoldenSurvivorship(int sourceColumn, int timestampColumn, IReadOnlyDictionary<string, double> sourcePriority)
{
    private TimestampOrder? _timestamps;

    /// <summary>The row whose cell survives, its confidence, and whether the cluster's cells conflicted.</summary>
    public (int Row, double Confidence, bool Conflict) Pick(MasterTable table, IReadOnlyList<int> members, int column, string rule)
    {
        if (members.Count == 1)
        {
            return (members[0], 1.0, false);
        }

        var candidates = new List<int>(members.Count);
        ClusterCells.NonBlankRows(table, members, column, candidates);
        if (candidates.Count == 0)
        {
            return (members[0], 1.0, false);
        }

        string Cell(int r) => table[r, column];
        if (ClusterCells.AllAgree(table, candidates, column))
        {
            return (candidates[0], 1.0, false);
        }

        var (row, confidence) = rule switch
        {
            "most_recent" when timestampColumn >= 0 && ClusterCells.AnyNonBlank(table, candidates, timestampColumn) => (Best(candidates, (a, b) => Timestamps(table).Compare(table[a, timestampColumn], table[b, timestampColumn])), 0.85),
            "most_recent" => (candidates[^1], 0.7),
            "source_priority" => BySource(table, candidates),
            "most_frequent" => MostFrequent(candidates, Cell),
            "min" => (Best(candidates, (a, b) => -ValueOrder.Of(table.Column(column)).Compare(Cell(a), Cell(b))), 0.9),
            "max" => (Best(candidates, (a, b) => ValueOrder.Of(table.Column(column)).Compare(Cell(a), Cell(b))), 0.9),
            "first" => (candidates[0], 0.75),
            "last" => (candidates[^1], 0.75),
            _ => (Best(candidates, (a, b) => Characters(Cell(a)).CompareTo(Characters(Cell(b)))), 0.8),
        };
        return (row, confidence, true);
    }

    private (int Row, double Confidence) BySource(MasterTable table, List<int> candidates)
    {
        if (sourceColumn < 0)
        {
            return (candidates[0], 0.6);
        }

        var known = candidates.Where(r => sourcePriority.ContainsKey(table[r, sourceColumn].Trim())).ToList();
        return known.Count == 0
            ? (candidates[0], 0.7)
            : (Best(known, (a, b) => -sourcePriority[table[a, sourceColumn].Trim()].CompareTo(sourcePriority[table[b, sourceColumn].Trim()])), 0.9);
    }

    private static (int Row, double Confidence) MostFrequent(List<int> candidates, Func<int, string> cell)
    {
        var groups = candidates.GroupBy(r => Common.ComposedText.Of(cell(r).Trim()), StringComparer.Ordinal).ToList(); // José in NFC and NFD: one value
        var top = groups.OrderByDescending(g => g.Count()).First();
        double share = (double)top.Count() / candidates.Count;
        return (top.First(), Math.Min(0.95, 0.5 + 0.5 * share));
    }

    // most_complete's length: characters as a reader counts them (text elements), so "Ö" written as O plus a combining
    // diaeresis (NFD) is not longer than the same name written with Ö.
    private static int Characters(string value) => new StringInfo(value.Trim()).LengthInTextElements;

    // The first row that no later row beats (ties keep the earlier row).
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

    // The order of the timestamp column, worked out once (it reads the column's dates to tell their order).
    private TimestampOrder Timestamps(MasterTable table) => _timestamps ??= new TimestampOrder(table.Column(timestampColumn));
}
