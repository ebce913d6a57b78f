using System.Collections;

namespace Agensium.Analysis.Master;

/// <summary>The rows of every cluster in row order, in two flat arrays (no list per cluster).</summary>
public sealed class ClusterMembers : IReadOnlyList<ArraySegment<int>>
{
    private readonly int[] _start;
    private readonly int[] _rows;

    /// <summary>Groups rows by <paramref name="clusterOf"/> (cluster numbers 0..<paramref name="count"/>−1).</summary>
    public ClusterMembers(int[] clusterOf, int count)
    {
        _start = new int[count + 1];
        foreach (int c in clusterOf)
        {
            _start[c + 1]++;
        }

        for (int c = 0; c < count; c++)
        {
            _start[c + 1] += _start[c];
        }

        var next = _start[..count];
        _rows = new int[clusterOf.Length];
        for (int row = 0; row < clusterOf.Length; row++)
        {
            _rows[next[clusterOf[row]]++] = row;
        }
    }

    /// <summary>Number of clusters.</summary>
    public int Count => _start.Length - 1;

    /// <summary>The rows of <paramref name="cluster"/>, ascending.</summary>
    public ArraySegment<int> this[int cluster] => new(_rows, _start[cluster], _start[cluster + 1] - _start[cluster]);

    /// <inheritdoc/>
    public IEnumerator<ArraySegment<int>> GetEnumerator()
    {
        for (int c = 0; c < Count; c++)
        {
            yield return this[c];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
