namespace Agensium.Analysis.Input;

/// <summary>
/// The totals-row verdict of each CSV opened lately, so that the rows above a last line that looks like a totals row
/// are summed once per file, not at every open: clean-my-data's agents open the original and each intermediate again
/// and again, and a last line that did not add up (Total,,61) cost a full second pass each time (+32% on 100k rows).
/// A file is the same while its full path, length, last write time and last line (where it starts, what it says) are;
/// the delimiter is part of the key too. Bounded (the library runs in reused worker processes): the
/// oldest verdict goes first.
/// </summary>
internal static class TotalsRowVerdicts
{
    private const int Capacity = 64;

    private static readonly object Gate = new();
    private static readonly Dictionary<Key, CsvTotalsRow.Candidate?> Verdicts = [];
    private static readonly Queue<Key> Order = new();
    private static long s_passes;

    private readonly record struct Key(string Path, long Length, long LastWriteTicks, char Delimiter, long LineStart, string Line);

    /// <summary>Passes over the rows above a candidate made so far (each a full read of the table): the tests count them.</summary>
    public static long Passes => Interlocked.Read(ref s_passes);

    /// <summary>
    /// The verdict for <paramref name="path"/> as last decided, or <paramref name="decide"/>'s (one pass over the rows,
    /// counted in <see cref="Passes"/>) kept for the next open. A file that cannot be looked at is decided each time.
    /// </summary>
    public static CsvTotalsRow.Candidate? Get(string path, char delimiter, CsvTotalsRow.Candidate candidate, Func<CsvTotalsRow.Candidate?> decide)
    {
        Key? key = KeyOf(path, delimiter, candidate);
        if (key is { } known)
        {
            lock (Gate)
            {
                if (Verdicts.TryGetValue(known, out var verdict))
                {
                    return verdict;
                }
            }
        }

        Interlocked.Increment(ref s_passes);
        var decided = decide();
        if (key is { } k && KeyOf(path, delimiter, candidate) == k)
        {
            // Kept only when the file did not change while it was read: the verdict is of the file as it is now.
            lock (Gate)
            {
                if (Verdicts.TryAdd(k, decided))
                {
                    Order.Enqueue(k);
                    while (Order.Count > Capacity)
                    {
                        Verdicts.Remove(Order.Dequeue());
                    }
                }
            }
        }

        return decided;
    }

    private static Key? KeyOf(string path, char delimiter, CsvTotalsRow.Candidate candidate)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? new Key(info.FullName, info.Length, info.LastWriteTimeUtc.Ticks, delimiter, candidate.LineStart, candidate.Text) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
