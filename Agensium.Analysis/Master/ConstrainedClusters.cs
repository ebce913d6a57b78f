namespace Agensium.Analysis.Master;

/// <summary>
/// Union-find whose sets carry an identity value (e.g. a birth date id; −1 = unknown): two sets with different known
/// identities are never joined. Without identities it is plain union-find.
/// </summary>
internal sealed class ConstrainedClusters
{
    private readonly UnionFind _sets;
    private readonly int[]? _identity;

    /// <param name="n">Number of rows.</param>
    /// <param name="identities">Identity per row (−1 unknown), or null for no constraint.</param>
    public ConstrainedClusters(int n, int[]? identities)
    {
        _sets = new UnionFind(n);
        _identity = identities is null ? null : (int[])identities.Clone();
    }

    /// <summary>Joins the sets of a and b unless their known identities differ; true when joined now.</summary>
    public bool TryUnion(int a, int b)
    {
        int ra = _sets.Find(a);
        int rb = _sets.Find(b);
        if (ra == rb)
        {
            return false;
        }

        if (_identity is null)
        {
            return _sets.Union(ra, rb);
        }

        int ia = _identity[ra];
        int ib = _identity[rb];
        if (ia >= 0 && ib >= 0 && ia != ib)
        {
            return false;
        }

        _sets.Union(ra, rb);
        _identity[_sets.Find(ra)] = ia >= 0 ? ia : ib;
        return true;
    }

    /// <summary>Cluster number per row, numbered in order of each cluster's first row.</summary>
    public ClusterAssignment ToClusters() => _sets.ToClusters();
}
