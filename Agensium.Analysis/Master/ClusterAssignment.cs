namespace Agensium.Analysis.Master;

/// <summary>Cluster number of every row (clusters numbered by first appearance) and the number of clusters.</summary>
/// <param name="ClusterOf">Cluster number per row.</param>
/// <param name="Count">Number of clusters.</param>
public sealed record ClusterAssignment(int[] ClusterOf, int Count)
{
    /// <summary>Row indexes of each cluster, in row order.</summary>
    public List<int>[] Members()
    {
        var members = new List<int>[Count];
        for (int c = 0; c < Count; c++)
        {
            members[c] = [];
        }

        for (int row = 0; row < ClusterOf.Length; row++)
        {
            members[ClusterOf[row]].Add(row);
        }

        return members;
    }

    /// <summary>Exact clusters: rows with identical trimmed text in all key columns; rows whose keys are all blank stay singletons.</summary>
    public static ClusterAssignment Exact(MasterTable table, IReadOnlyList<int> keyColumns)
    {
        var sets = new UnionFind(table.Rows.Count);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int row = 0; row < table.Rows.Count; row++)
        {
            var cells = keyColumns.Select(c => table.Rows[row][c].Trim()).ToArray();
            if (keyColumns.Count == 0 || cells.All(c => c.Length == 0))
            {
                continue;
            }

            string key = string.Join('\u001f', cells);
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
