namespace Agensium.Analysis.Master;

/// <summary>Disjoint sets over 0..n−1 with path halving and union by size.</summary>
public sealed class UnionFind
{
    private readonly int[] _parent;
    private readonly int[] _size;

    /// <summary>n singleton sets.</summary>
    public UnionFind(int n)
    {
        _parent = new int[n];
        _size = new int[n];
        for (int i = 0; i < n; i++)
        {
            _parent[i] = i;
            _size[i] = 1;
        }
    }

    /// <summary>The representative of <paramref name="x"/>'s set.</summary>
    public int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }

        return x;
    }

    /// <summary>Joins the sets of a and b; false if they were already one set.</summary>
    public bool Union(int a, int b)
    {
        int ra = Find(a);
        int rb = Find(b);
        if (ra == rb)
        {
            return false;
        }

        if (_size[ra] < _size[rb])
        {
            (ra, rb) = (rb, ra);
        }

        _parent[rb] = ra;
        _size[ra] += _size[rb];
        return true;
    }

    /// <summary>Cluster number per element, numbered 0.. in order of each cluster's first element.</summary>
    public ClusterAssignment ToClusters()
    {
        var clusterOf = new int[_parent.Length];
        var byRoot = new int[_parent.Length];
        Array.Fill(byRoot, -1);
        int count = 0;
        for (int i = 0; i < clusterOf.Length; i++)
        {
            int root = Find(i);
            if (byRoot[root] < 0)
            {
                byRoot[root] = count++;
            }

            clusterOf[i] = byRoot[root];
        }

        return new ClusterAssignment(clusterOf, count);
    }
}
