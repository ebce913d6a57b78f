namespace Agensium.Analysis.Master;

/// <summary>Cluster number of every row (clusters numbered by first appearance) and the number of clusters.</summary>
/// <param name="ClusterOf">Cluster number per row.</param>
/// <param name="Count">Number of clusters.</param>
public sealed record ClusterAssignment(int[] ClusterOf, int Count)
{
    /// <summary>Row indexes of each cluster, in row order.</summary>
    public ClusterMembers Members() => new(ClusterOf, Count);

    /// <summary>
    /// Exact clusters: rows with identical trimmed text in all key columns; rows whose keys are all blank stay singletons.
    /// Rows of one key that differ in a global identifier (<see cref="EntityIdentifiers"/>: VAT, DUNS, GTIN, …) are
    /// two entities: each joins the first group of its key it does not contradict.
    /// </summary>
    public static ClusterAssignment Exact(MasterTable table, IReadOnlyList<int> keyColumns) =>
        Exact(table, keyColumns, EntityIdentifiers.Of(table).Identities);

    /// <summary>As <see cref="Exact(MasterTable, IReadOnlyList{int})"/> with the identities given (per kind, per row, −1 unknown).</summary>
    public static ClusterAssignment Exact(MasterTable table, IReadOnlyList<int> keyColumns, IReadOnlyList<int[]> identities)
    {
        var sets = new ConstrainedClusters(table.RowCount, identities);
        if (keyColumns.Count == 0)
        {
            return sets.ToClusters();
        }

        var (keyOf, keys) = TrimmedCodes.RowIds(table, keyColumns);
        var first = new int[keys];
        Array.Fill(first, -1);
        Dictionary<int, List<int>>? more = null; // further anchors of a key, once two of its rows contradict
        for (int row = 0; row < table.RowCount; row++)
        {
            int key = keyOf[row];
            if (key == 0)
            {
                continue; // all key cells blank
            }

            if (first[key] < 0)
            {
                first[key] = row;
            }
            else if (!sets.TryUnion(first[key], row))
            {
                var anchors = (more ??= []).TryGetValue(key, out var list) ? list : more[key] = [];
                if (!anchors.Any(anchor => sets.TryUnion(anchor, row)))
                {
                    anchors.Add(row);
                }
            }
        }

        return sets.ToClusters();
    }
}
