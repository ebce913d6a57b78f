namespace Agensium.Analysis.Master;

/// <summary>Cluster number of every row (clusters numbered by first appearance) and the number of clusters.</summary>
/// <param name="ClusterOf">Cluster number per row.</param>
/// <param name="Count">Number of clusters.</param>
public sealed record ClusterAssignment(int[] ClusterOf, int Count)
{
    /// <summary>Row indexes of each cluster, in row order.</summary>
    public ClusterMembers Members() => new(ClusterOf, Count);

    /// <summary>Exact clusters: rows with identical trimmed text in all key columns; rows whose keys are all blank stay singletons.</summary>
    public static ClusterAssignment Exact(MasterTable table, IReadOnlyList<int> keyColumns)
    {
        var sets = new UnionFind(table.RowCount);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var keyOf = TrimmedCodes.RowKeys(table, keyColumns);
        for (int row = 0; row < table.RowCount && keyColumns.Count > 0; row++)
        {
            if (keyOf(row) is not { } key)
            {
                continue;
            }

            if (first.TryGetValue(key, out int other))
            {
                sets.Union(other, row);
            }
            else
            {
                first[key] = row;
            }
        }

        return sets.ToClusters();
    }
}
