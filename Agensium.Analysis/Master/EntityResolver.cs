namespace Agensium.Analysis.Master;

/// <summary>
/// Scalable fuzzy entity resolution: rows are blocked on several keys (normalised e-mail; phone digits; Soundex of the
/// last name + first initial; zip + first 3 letters of the last name; a fallback prefix key), scored pairwise only inside
/// blocks (blocks above <see cref="MaxBlockSize"/> compare each row with its next <see cref="Window"/> neighbours
/// in sorted order; blocks are scored in parallel), linked at ≥ threshold and closed transitively with union-find.
/// Cluster numbers follow the first row of each cluster, so the result does not depend on thread timing.
/// </summary>
public sealed class EntityResolver(RecordMatcher matcher, double threshold)
{
    /// <summary>Blocks up to this size are compared exhaustively.</summary>
    public const int MaxBlockSize = 100;

    /// <summary>Neighbours compared per row inside an oversized block.</summary>
    public const int Window = 20;

    /// <summary>Number of pairs scored by the last <see cref="Resolve"/>.</summary>
    public long PairsCompared { get; private set; }

    /// <summary>Number of blocks built by the last <see cref="Resolve"/>.</summary>
    public int BlockCount { get; private set; }

    /// <summary>Clusters the rows of <paramref name="table"/>.</summary>
    public ClusterAssignment Resolve(MasterTable table, CancellationToken cancellationToken)
    {
        int n = table.Rows.Count;
        var prepared = new PreparedRecord[n];
        var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int row = 0; row < n; row++)
        {
            if (row % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            prepared[row] = matcher.Prepare(table.Rows[row]);
            foreach (string key in BlockingKeys.Of(matcher.Fields, prepared[row]))
            {
                if (!blocks.TryGetValue(key, out var list))
                {
                    blocks[key] = list = [];
                }

                list.Add(row);
            }
        }

        BlockCount = blocks.Count;
        var multi = blocks.Values.Where(m => m.Count > 1).ToList();
        var links = new List<(int, int)>();
        long compared = 0;
        var options = new ParallelOptions { CancellationToken = cancellationToken };

        // Blocks are scored in parallel (each thread collects its links), then linked sequentially: the transitive
        // closure does not depend on the order of links, so the clusters are deterministic.
        Parallel.ForEach(multi, options, () => (Links: new List<(int, int)>(), Count: 0L), (members, _, local) =>
        {
            local.Count += ScoreBlock(members, prepared, local.Links);
            return local;
        }, local =>
        {
            lock (links)
            {
                links.AddRange(local.Links);
                compared += local.Count;
            }
        });

        PairsCompared = compared;
        var sets = new UnionFind(n);
        foreach (var (a, b) in links)
        {
            sets.Union(a, b);
        }

        return sets.ToClusters();
    }

    // Scores the pairs of one block (all pairs, or a sliding window over sorted rows when oversized); returns pairs scored.
    private long ScoreBlock(List<int> members, PreparedRecord[] prepared, List<(int, int)> links)
    {
        var order = members.Count <= MaxBlockSize ? members
            : [.. members.OrderBy(r => string.Join('|', prepared[r].Values), StringComparer.Ordinal)];
        int reach = members.Count <= MaxBlockSize ? members.Count : Window + 1;
        long compared = 0;
        for (int i = 0; i < order.Count; i++)
        {
            for (int j = i + 1; j < Math.Min(order.Count, i + reach); j++)
            {
                compared++;
                if (matcher.Reaches(prepared[order[i]], prepared[order[j]], threshold))
                {
                    links.Add((order[i], order[j]));
                }
            }
        }

        return compared;
    }
}
