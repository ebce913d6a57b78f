namespace Agensium.Analysis.Master;

/// <summary>
/// Scalable fuzzy entity resolution: rows are blocked on several keys (normalised e-mail; phone digits; Soundex of the
/// last name + first initial; zip + first 3 letters of the last name; birth date + both initials; a fallback prefix
/// key, see <see cref="BlockingKeys"/>), scored pairwise only inside
/// blocks (blocks above <see cref="MaxBlockSize"/> compare each row with its next <see cref="Window"/> neighbours
/// in sorted order; blocks are scored in parallel), linked at ≥ threshold and closed transitively with union-find.
/// A pair that shares several keys is scored once (in the block of its smallest shared key hash, when that block is
/// compared exhaustively). Links are applied strongest first and never join two clusters holding different birth
/// dates (a cannot-link constraint: transitive chains through rows with a blank birth date would otherwise merge
/// namesakes), different values of a global identifier column (<see cref="EntityIdentifiers"/>), names with different
/// generational suffixes (Sr / Jr, II / III: <see cref="PreparedFields.Generation"/>), or a row and a row
/// that are clearly two entities (<see cref="RecordMatcher.ClearlyApart"/>, checked for up to
/// <see cref="ConstrainedClusters.MaxMembersChecked"/> rows of each side: namesakes chained through a row with blanks
/// or an e-mail like both of theirs). Cluster numbers follow the first row of each cluster, so the result does not
/// depend on thread timing.
/// </summary>
public sealed class EntityResolver(RecordMatcher matcher, double threshold)
{
    /// <summary>Blocks up to this size are compared exhaustively.</summary>
    public const int MaxBlockSize = 100;

    /// <summary>Neighbours compared per row inside an oversized block.</summary>
    public const int Window = 5;

    /// <summary>Number of pairs scored by the last <see cref="Resolve"/>.</summary>
    public long PairsCompared { get; private set; }

    /// <summary>Seconds spent per step of the last <see cref="Resolve"/>: prepare_s, block_s, score_s, cluster_s.</summary>
    public Dictionary<string, double> Timings { get; } = new(StringComparer.Ordinal);

    /// <summary>Number of pairs that reached the threshold in the last <see cref="Resolve"/>.</summary>
    public int LinksFound { get; private set; }

    /// <summary>Number of links of the last <see cref="Resolve"/> not applied because a row of one cluster and a row of the other were clearly apart.</summary>
    public int JoinsRefused { get; private set; }

    /// <summary>Match fields blank in every row of the last <see cref="Resolve"/>'s table, left out of the score (<see cref="RecordMatcher.WithoutEmptyFields"/>).</summary>
    public IReadOnlyList<string> EmptyFields { get; private set; } = [];

    /// <summary>Number of distinct blocking keys of the last <see cref="Resolve"/>.</summary>
    public int BlockCount { get; private set; }

    /// <summary>Clusters the rows of <paramref name="table"/>.</summary>
    public ClusterAssignment Resolve(MasterTable table, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int n = table.RowCount;
        var prepared = matcher.Prepare(table, cancellationToken);
        var scorer = matcher.WithoutEmptyFields(prepared); // an empty match column weighs nothing
        EmptyFields = scorer.EmptyFields;
        var options = new ParallelOptions { CancellationToken = cancellationToken };

        Timings["prepare_s"] = Lap(clock);
        using var keyText = new ThreadLocal<KeyText>(() => new KeyText()); // rows' keys are written on several threads
        var index = BlockIndex.Build(n, BlockingKeys.MaxPerRow(matcher.Fields),
            (row, hashes, at) => BlockingKeys.WriteHashes(matcher.Fields, prepared, row, keyText.Value!, hashes, at), cancellationToken);
        BlockCount = index.KeyCount;
        Timings["block_s"] = Lap(clock);
        var links = new List<(int, int)>();
        long compared = 0;

        // Blocks are scored in parallel (each thread collects its links), then linked sequentially.
        var blocks = index.Blocks;
        // No block holds two rows (nothing alike to look at, or a single row): nothing to score, and the
        // partitioner refuses an empty range.
        if (blocks.Count > 0)
        {
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, blocks.Count, 4096), options, () => (Links: new List<(int, int)>(), Count: 0L), (range, _, local) =>
            {
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    local.Count += ScoreBlock(scorer, index, blocks[i].Start, blocks[i].Length, prepared, local.Links);
                }

                return local;
            }, local =>
            {
                lock (links)
                {
                    links.AddRange(local.Links);
                    compared += local.Count;
                }
            });
        }

        PairsCompared = compared;
        LinksFound = links.Count;
        Timings["score_s"] = Lap(clock);
        var identities = Identities(table, prepared);
        var sets = new ConstrainedClusters(n, identities, (a, b) => scorer.ClearlyApart(prepared, a, b, threshold));
        foreach (var (a, b) in OrderLinks(scorer, links, prepared, sets.IsConstrained))
        {
            sets.TryUnion(a, b);
        }

        JoinsRefused = sets.RefusedByPairs;

        var clusters = sets.ToClusters();
        Timings["cluster_s"] = Lap(clock);
        return clusters;
    }

    // Scores the pairs of one block (all pairs, or a sliding window over sorted rows when oversized); returns pairs scored.
    private long ScoreBlock(RecordMatcher scorer, BlockIndex index, int start, int length, PreparedFields prepared, List<(int, int)> links)
    {
        var members = new ArraySegment<int>(index.Rows, start, length);
        bool exhaustive = length <= MaxBlockSize;
        // An exhaustive block is read where it lies (its rows in ascending order), an oversized one sorted.
        ReadOnlySpan<int> order = exhaustive ? members : SortedByValues(members, prepared, scorer.Fields.Count);
        int reach = exhaustive ? length : Window + 1;
        ulong hash = index.HashAt(start);
        long compared = 0;
        for (int i = 0; i < order.Length; i++)
        {
            for (int j = i + 1; j < Math.Min(order.Length, i + reach); j++)
            {
                int a = order[i];
                int b = order[j];
                if (a == b || index.MetEarlier(a, b, hash, MaxBlockSize))
                {
                    continue;
                }

                compared++;
                if (scorer.Reaches(prepared, a, b, threshold))
                {
                    links.Add((a, b));
                }
            }
        }

        return compared;
    }

    private static double Lap(System.Diagnostics.Stopwatch clock)
    {
        double seconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
        clock.Restart();
        return seconds;
    }

    // Strongest links first (ties by rows), so the cannot-link constraints keep the best-supported merges.
    private static List<(int, int)> OrderLinks(RecordMatcher scorer, List<(int, int)> links, PreparedFields prepared, bool constrained)
    {
        if (!constrained)
        {
            return links;
        }

        var scores = links.Select(l => scorer.Score(prepared, l.Item1, l.Item2)).ToArray();
        var order = Enumerable.Range(0, links.Count).ToArray();
        Array.Sort(order, (x, y) => scores[y].CompareTo(scores[x]) is var c && c != 0 ? c : links[x].CompareTo(links[y]));
        return [.. order.Select(i => links[i])];
    }

    /// <summary>The global identifier columns (VAT, DUNS, GTIN, SSN, …) the last <see cref="Resolve"/> kept apart on (see <see cref="EntityIdentifiers"/>).</summary>
    public IReadOnlyList<string> IdentifierColumns { get; private set; } = [];

    // Per identity kind, each row's id (−1 when blank): its birth date when it is a match field (a person has one),
    // every global identifier column of the table (an entity has one), and a generational suffix of its name.
    private List<int[]> Identities(MasterTable table, PreparedFields prepared)
    {
        var (columns, identities) = EntityIdentifiers.Of(table);
        IdentifierColumns = columns;
        int field = matcher.Fields.ToList().FindIndex(f => f.Kind == MatchFieldKind.BirthDate);
        if (field >= 0)
        {
            identities.Insert(0, [.. Enumerable.Range(0, prepared.RowCount).Select(row => prepared.Id(row, field) - 1)]);
        }

        if (prepared.HasGenerations)
        {
            // A name's generational suffix (Sr / Jr, II / III): father and son share name, address and phone.
            identities.Add([.. Enumerable.Range(0, prepared.RowCount).Select(row => prepared.Generation(row) - 1)]);
        }

        return identities;
    }

    // Rows ordered by their prepared values, field by field (ordinal), ties by row: the first fields by their ranks
    // read once per row (PreparedFields.RankKey), the others compared when those are equal.
    internal static int[] SortedByValues(ArraySegment<int> members, PreparedFields prepared, int fields)
    {
        var items = new (long Key, int Row)[members.Count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = (prepared.RankKey(members[i], fields), members[i]);
        }

        int from = Math.Min(prepared.LeadingRankedFields, fields);
        Array.Sort(items, (x, y) =>
        {
            int c = x.Key.CompareTo(y.Key);
            for (int f = from; c == 0 && f < fields; f++)
            {
                c = prepared.CompareValues(x.Row, y.Row, f); // string.CompareOrdinal's sign, from ranks where the field has them
            }

            return c != 0 ? c : x.Row.CompareTo(y.Row);
        });
        var order = new int[items.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = items[i].Row;
        }

        return order;
    }
}
