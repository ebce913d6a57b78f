using Agensium.Analysis.Master;

namespace Agensium.Benchmarks.Analysis;

/// <summary>
/// Where the true pairs that end in different clusters are lost: never blocked together (no shared blocking key),
/// only in oversized blocks (compared through the sliding window, maybe not at all), or compared and scored below the
/// threshold; with a per-field summary (blank / equal / similarity) of the pairs scored below it.
/// </summary>
public static class MissedPairs
{
    public static void Write(TextWriter w, MasterTable table, IReadOnlyList<MatchField> fields, RecordMatcher matcher, ClusterAssignment clusters, string[] entityOf, double threshold)
    {
        var prepared = matcher.Prepare(table, CancellationToken.None);
        var keys = new Dictionary<int, HashSet<string>>();
        HashSet<string> KeysOf(int r) => keys.TryGetValue(r, out var k) ? k : keys[r] = [.. BlockingKeys.Of(fields, prepared, r)];
        var blockSize = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < table.RowCount; r++)
        {
            foreach (string k in BlockingKeys.Of(fields, prepared, r))
            {
                blockSize[k] = blockSize.GetValueOrDefault(k) + 1;
            }
        }

        long truePairs = 0, missed = 0, noKey = 0, onlyBig = 0, below = 0, reached = 0;
        var patterns = new Dictionary<string, int>(StringComparer.Ordinal);
        var noKeyPatterns = new Dictionary<string, int>(StringComparer.Ordinal);
        var samples = new List<string>();
        foreach (var group in Enumerable.Range(0, entityOf.Length).GroupBy(r => entityOf[r]).Where(g => g.Count() > 1))
        {
            var rows = group.ToArray();
            for (int i = 0; i < rows.Length; i++)
            {
                for (int j = i + 1; j < rows.Length; j++)
                {
                    int a = rows[i], b = rows[j];
                    truePairs++;
                    if (clusters.ClusterOf[a] == clusters.ClusterOf[b])
                    {
                        continue;
                    }

                    missed++;
                    var shared = KeysOf(a).Intersect(KeysOf(b)).ToList();
                    double score = matcher.Score(prepared, a, b);
                    string pattern = string.Join(" ", Enumerable.Range(0, fields.Count).Select(f => Status(fields[f].Kind, prepared, a, b, f)));
                    if (shared.Count == 0)
                    {
                        noKey++;
                        noKeyPatterns[pattern] = noKeyPatterns.GetValueOrDefault(pattern) + 1;
                    }
                    else if (shared.All(k => blockSize[k] > EntityResolver.MaxBlockSize))
                    {
                        onlyBig++;
                    }
                    else if (score < threshold)
                    {
                        below++;
                        patterns[pattern] = patterns.GetValueOrDefault(pattern) + 1;
                        if (samples.Count < 60)
                        {
                            samples.Add($"{score:F1}\t{pattern}\n  {string.Join(" | ", fields.Select(f => table[a, f.Column]))}\n  {string.Join(" | ", fields.Select(f => table[b, f.Column]))}");
                        }
                    }
                    else
                    {
                        reached++;
                    }
                }
            }
        }

        w.WriteLine($"fields: {string.Join(" ", fields.Select(f => f.Name))}");
        w.WriteLine($"true pairs {truePairs}, in different clusters {missed}: no shared key {noKey}, only oversized blocks {onlyBig}, compared below threshold {below}, reached threshold (split by constraint or transitive) {reached}");
        w.WriteLine("# below threshold, per-field pattern (B blank, = equal, else similarity/10)");
        foreach (var (p, c) in patterns.OrderByDescending(kv => kv.Value).Take(40))
        {
            w.WriteLine($"{c}\t{p}");
        }

        w.WriteLine("# no shared key, per-field pattern");
        foreach (var (p, c) in noKeyPatterns.OrderByDescending(kv => kv.Value).Take(20))
        {
            w.WriteLine($"{c}\t{p}");
        }

        w.WriteLine("# samples below threshold");
        foreach (string s in samples)
        {
            w.WriteLine(s);
        }
    }

    private static string Status(MatchFieldKind kind, PreparedFields p, int a, int b, int f)
    {
        int x = p.Id(a, f), y = p.Id(b, f);
        if (x == 0 || y == 0)
        {
            return "B";
        }

        if (x == y)
        {
            return "=";
        }

        return ((int)(RecordMatcher.FieldSimilarity(kind, p.Value(a, f), p.Value(b, f), p.Code(a, f), p.Code(b, f)) / 10)).ToString();
    }
}
