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

    /// <summary>
    /// Compares cluster numbers with entity numbers, both indexed by row and both non-negative: the rows of a
    /// (cluster, entity) cell are counted by sorting one 64-bit key per row, the clusters and entities by arrays.
    /// </summary>
    public static PairwiseQuality Of(int[] clusterOf, int[] entityOf)
    {
        if (clusterOf.Length != entityOf.Length)
        {
            throw new ArgumentException($"{clusterOf.Length} clustered rows but {entityOf.Length} truth rows.");
        }

        var cells = new long[clusterOf.Length];
        for (int row = 0; row < cells.Length; row++)
        {
            cells[row] = ((long)clusterOf[row] << 32) | (uint)entityOf[row];
        }

        Array.Sort(cells);
        return new PairwiseQuality(PairsInRuns(cells), PairSum(Sizes(clusterOf)), PairSum(Sizes(entityOf)));
    }

    /// <summary>Rows per value of <paramref name="numbers"/> (non-negative), indexed by value.</summary>
    public static long[] Sizes(int[] numbers)
    {
        var sizes = new long[numbers.Length == 0 ? 0 : numbers.Max() + 1];
        foreach (int n in numbers)
        {
            sizes[n]++;
        }

        return sizes;
    }

    private static long PairsInRuns(long[] sorted)
    {
        long pairs = 0;
        for (int start = 0, end; start < sorted.Length; start = end)
        {
            for (end = start + 1; end < sorted.Length && sorted[end] == sorted[start]; end++)
            {
            }

            long n = end - start;
            pairs += n * (n - 1) / 2;
        }

        return pairs;
    }

    private static long PairSum(long[] sizes)
    {
        long pairs = 0;
        foreach (long n in sizes)
        {
            pairs += n * (n - 1) / 2;
        }

        return pairs;
    }
}
