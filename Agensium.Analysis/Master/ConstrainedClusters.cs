namespace Agensium.Analysis.Master;

/// <summary>
/// Union-find whose sets carry identity values, one per identity kind (a birth date id, a VAT number id, …; −1 =
/// unknown): two sets with different known values of any kind are never joined. Without identities it is plain
/// union-find.
/// </summary>
internal sealed class ConstrainedClusters
{
    private readonly UnionFind _sets;
    private readonly int[][] _identity;

    /// <param name="n">Number of rows.</param>
    /// <param name="identities">Per identity kind, the identity of each row (−1 unknown); null or empty for no constraint.</param>
    public ConstrainedClusters(int n, IReadOnlyList<int[]>? identities)
    {
        _sets = new UnionFind(n);
        _identity = identities is null ? [] : [.. identities.Select(i => (int[])i.Clone())];
    }

    /// <summary>True when some identity constrains the joins.</summary>
    public bool IsConstrained => _identity.Length > 0;

    /// <summary>Joins the sets of a and b unless a known identity differs; true when joined now.</summary>
    public bool TryUnion(int a, int b)
    {
        int ra = _sets.Find(a);
        int rb = _sets.Find(b);
        if (ra == rb)
        {
            return false;
        }

        foreach (var identity in _identity)
        {
            if (identity[ra] >= 0 && identity[rb] >= 0 && identity[ra] != identity[rb])
            {
                return false;
            }
        }

        _sets.Union(ra, rb);
        int root = _sets.Find(ra);
        foreach (var identity in _identity)
        {
            identity[root] = identity[ra] >= 0 ? identity[ra] : identity[rb];
        }

        return true;
    }

    /// <summary>Cluster number per row, numbered in order of each cluster's first row.</summary>
    public ClusterAssignment ToClusters() => _sets.ToClusters();
}
