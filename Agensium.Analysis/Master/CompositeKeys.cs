namespace Agensium.Analysis.Master;

/// <summary>Finds column combinations (2..max columns) whose values are complete and unique over all rows.</summary>
internal static class CompositeKeys
{
    private const int MaxCandidateColumns = 12;
    private const int MaxResults = 5;

    public static List<List<string>> Find(MasterTable table, List<KeyColumnStats> stats, int maxColumns, CancellationToken ct)
    {
        var candidates = stats.Where(s => s.NullPct == 0 && s.Distinct > 1)
            .OrderByDescending(s => s.UniquenessPct).Take(MaxCandidateColumns).Select(s => s.Index).ToList();
        var ids = candidates.ToDictionary(c => c, c => TrimmedCodes.Of(table.Column(c)));
        var found = new List<List<int>>();
        for (int size = 2; size <= maxColumns && found.Count == 0; size++)
        {
            foreach (var combo in Combinations(candidates, size))
            {
                ct.ThrowIfCancellationRequested();
                if (IsUnique(table, combo, [.. combo.Select(c => ids[c])], ct))
                {
                    found.Add(combo);
                    if (found.Count == MaxResults)
                    {
                        break;
                    }
                }
            }
        }

        return [.. found.Select(c => c.Select(i => table.Columns[i]).ToList())];
    }

    private static bool IsUnique(MasterTable table, List<int> columns, int[][] ids, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var keyOf = TrimmedCodes.RowKeys(table, columns, ids);
        for (int row = 0; row < table.RowCount; row++)
        {
            if (row % 65536 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            if (!seen.Add(keyOf(row) ?? ""))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<List<int>> Combinations(List<int> items, int size, int start = 0)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }

        for (int i = start; i <= items.Count - size; i++)
        {
            foreach (var rest in Combinations(items, size - 1, i + 1))
            {
                yield return [items[i], .. rest];
            }
        }
    }
}
