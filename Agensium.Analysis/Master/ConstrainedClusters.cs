namespace Agensium.Analysis.Master;

/// <summary>
/// Union-find whose sets carry identity values, one per identity kind (a birth date id, a VAT number id, …; −1 =
/// unknown): two sets with different known values of any kind are never joined. Optionally, two sets are not joined
/// either when a row of one and a row of the other are clearly two entities (a pair check, such as
/// <see cref="RecordMatcher.ClearlyApart"/>): a link between two rows does not pull in rows that contradict the other
/// side (transitive chains of namesakes through rows with blanks). Without identities and a pair check it is plain
/// union-find.
/// </summary>
internal sealed class ConstrainedClusters
{
    /// <summary>
    /// Rows of each side compared by the pair check per join: at most this many of each (so at most its square of
    /// pairs), which keeps a join's cost bounded however large the clusters grow.
    /// </summary>
    public const int MaxMembersChecked = 8;

    private readonly UnionFind _sets;
    private readonly int[][] _identity;
    private readonly Func<int, int, bool>? _apart;
    private readonly bool _linksChecked;
    private readonly int[] _next; // each set's rows as a cycle (only with a pair check)

    /// <param name="n">Number of rows.</param>
    /// <param name="identities">Per identity kind, the identity of each row (−1 unknown); null or empty for no constraint.</param>
    /// <param name="apart">True when two rows are clearly two entities; null for no pair check.</param>
    /// <param name="linksChecked">True when a link's own two rows passed the check already (a fuzzy link scored them);
    /// false to check them too (an exact key's rows).</param>
    public ConstrainedClusters(int n, IReadOnlyList<int[]>? identities, Func<int, int, bool>? apart = null, bool linksChecked = true)
    {
        _linksChecked = linksChecked;
        _sets = new UnionFind(n);
        _identity = identities is null ? [] : [.. identities.Select(i => (int[])i.Clone())];
        _apart = apart;
        _next = apart is null ? [] : [.. Enumerable.Range(0, n)];
    }

    /// <summary>True when some identity or a pair check constrains the joins (the order of the links then matters).</summary>
    public bool IsConstrained => _identity.Length > 0 || _apart is not null;

    /// <summary>Number of joins refused by the pair check.</summary>
    public int RefusedByPairs { get; private set; }

    /// <summary>Joins the sets of a and b unless a known identity differs or the pair check finds two rows apart; true when joined now.</summary>
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

        if (_apart is not null)
        {
            if (AnyPairApart(a, b))
            {
                RefusedByPairs++;
                return false;
            }

            (_next[a], _next[b]) = (_next[b], _next[a]); // one cycle of the two
        }

        _sets.Union(ra, rb);
        int root = _sets.Find(ra);
        foreach (var identity in _identity)
        {
            identity[root] = identity[ra] >= 0 ? identity[ra] : identity[rb];
        }

        return true;
    }

    // True when a row of a's set and a row of b's set (up to MaxMembersChecked of each, from a and b on) are apart; the
    // pair (a, b) itself is the link being applied, checked only when its rows were not.
    private bool AnyPairApart(int a, int b)
    {
        int x = a;
        for (int i = 0; i < MaxMembersChecked; i++)
        {
            int y = b;
            for (int j = 0; j < MaxMembersChecked; j++)
            {
                if ((x != a || y != b || !_linksChecked) && _apart!(x, y))
                {
                    return true;
                }

                y = _next[y];
                if (y == b)
                {
                    break;
                }
            }

            x = _next[x];
            if (x == a)
            {
                break;
            }
        }

        return false;
    }

    /// <summary>Cluster number per row, numbered in order of each cluster's first row.</summary>
    public ClusterAssignment ToClusters() => _sets.ToClusters();
}
