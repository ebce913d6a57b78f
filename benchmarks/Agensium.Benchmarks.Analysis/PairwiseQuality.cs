namespace Agensium.Benchmarks.Analysis;

/// <summary>
/// Pairwise precision, recall and F1 of a clustering against ground truth: a pair of rows is predicted when both rows
/// share a cluster and true when both share an entity; TP counts pairs that are both.
/// </summary>
public sealed record PairwiseQuality(long TruePositives, long PredictedPairs, long TruePairs)
{
    public double Precision => PredictedPairs == 0 ? 1 : (double)TruePositives / PredictedPairs;

    public double Recall => TruePairs == 0 ? 1 : (double)TruePositives / TruePairs;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Compares cluster numbers with entity ids, both indexed by row.</summary>
    public static PairwiseQuality Of(IReadOnlyList<int> clusterOf, IReadOnlyList<string> entityOf)
    {
        if (clusterOf.Count != entityOf.Count)
        {
            throw new ArgumentException($"{clusterOf.Count} clustered rows but {entityOf.Count} truth rows.");
        }

        var both = new Dictionary<(int, string), long>();
        var clusters = new Dictionary<int, long>();
        var entities = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int row = 0; row < clusterOf.Count; row++)
        {
            Increment(both, (clusterOf[row], entityOf[row]));
            Increment(clusters, clusterOf[row]);
            Increment(entities, entityOf[row]);
        }

        return new PairwiseQuality(PairSum(both.Values), PairSum(clusters.Values), PairSum(entities.Values));
    }

    private static void Increment<TKey>(Dictionary<TKey, long> counts, TKey key) where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static long PairSum(IEnumerable<long> sizes) => sizes.Sum(n => n * (n - 1) / 2);
}
