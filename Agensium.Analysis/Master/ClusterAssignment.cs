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
        if (keyColumns.Count == 0)
        {
            return sets.ToClusters();
        }

        var (keyOf, keys) = TrimmedCodes.RowIds(table, keyColumns);
        var first = new int[keys];
        Array.Fill(first, -1);
        for (int row = 0; row < table.RowCount; row++)
        {
            int key = keyOf[row];
            if (key == 0)
            {
                continue; // all key cells blank
            }

            if (first[key] >= 0)
            {
                sets.Union(first[key], row);
            }
            else
            {
                first[key] = row;
            }
        }

        return sets.ToClusters();
    }
}
