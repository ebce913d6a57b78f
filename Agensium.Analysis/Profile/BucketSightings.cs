namespace Agensium.Analysis.Profile;

/// <summary>
/// The hashes met once so far in the current bucket of <see cref="LateHeavyHitters"/>: an open-addressing set of at
/// most <see cref="LateHeavyHitters.BucketWidth"/> 32-bit hashes in a table that stays in the cache, emptied at each
/// bucket's end by moving to a new generation instead of clearing it.
/// </summary>
internal sealed class BucketSightings
{
    // A power of two above BucketWidth / 0.7, so that a probe stays short however full the bucket gets.
    private const int Slots = 1 << 14;

    private readonly int[] _hashes = new int[Slots];
    private readonly ushort[] _generations = new ushort[Slots];
    private ushort _generation = 1;

    /// <summary>
    /// Records <paramref name="hash"/>; true when it was already met in this bucket. Its caller counts such a hash in a
    /// table of its own from then on and asks here no more until the next bucket.
    /// </summary>
    public bool SeenBefore(int hash)
    {
        int slot = hash & (Slots - 1);
        while (_generations[slot] == _generation)
        {
            if (_hashes[slot] == hash)
            {
                return true;
            }

            slot = (slot + 1) & (Slots - 1);
        }

        _generations[slot] = _generation;
        _hashes[slot] = hash;
        return false;
    }

    /// <summary>Forgets every hash: the next bucket begins.</summary>
    public void NextBucket()
    {
        if (++_generation == 0)
        {
            Array.Clear(_generations);
            _generation = 1;
        }
    }
}
