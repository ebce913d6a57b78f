using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Agensium.Analysis.Profile;

/// <summary>
/// The frequent values among those a column meets after its exact count table is full (past
/// <see cref="ColumnAccumulator.DistinctCap"/> distinct values), by lossy counting (Manku and Motwani): a value seen
/// more than <see cref="Epsilon"/> of the time is kept, its count short by at most that share of the values seen, in
/// memory that does not grow with the file. Without it a value that first appears after the cap (a placeholder such as
/// PENDING filling the last 40,000 of 150,000 rows) was in no top value at all. Keyed by the value's hash, its text
/// kept from its second sighting, so the unique values that make up most of such a column cost no string. A value
/// met once in a bucket is only noted (<see cref="BucketSightings"/>) and enters the table at its second sighting
/// there, counted 2: what lossy counting keeps is unchanged (an entry counted once in its bucket is pruned at the
/// bucket's end), and the unique values cost a probe of a small table instead of an entry added and pruned again.
/// </summary>
internal sealed class LateHeavyHitters
{
    /// <summary>Width of a bucket: the error bound ε is its inverse.</summary>
    public const int BucketWidth = 10_000;

    /// <summary>The most a kept count falls short, as a share of the values seen past the cap.</summary>
    public const double Epsilon = 1.0 / BucketWidth;

    private readonly Dictionary<int, Entry> _entries = [];
    private readonly BucketSightings _sightings = new();
    private long _seen;

    /// <summary>Counts one value past the cap (<paramref name="hash"/> as <see cref="Common.ValueCounter{T}.HashOf"/> gives it).</summary>
    public void Add(ReadOnlySpan<char> value, int hash)
    {
        _seen++;
        long bucket = (_seen + BucketWidth - 1) / BucketWidth;
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_entries, hash);
        if (!Unsafe.IsNullRef(ref entry))
        {
            entry.Count++;
            entry.Value ??= value.ToString();
        }
        else if (_sightings.SeenBefore(hash))
        {
            _entries[hash] = new Entry { Count = 2, Delta = bucket - 1, Value = value.ToString() };
        }

        if (_seen % BucketWidth == 0)
        {
            _sightings.NextBucket();
            foreach (var (key, e) in _entries)
            {
                if (e.Count + e.Delta <= bucket)
                {
                    _entries.Remove(key);
                }
            }
        }
    }

    /// <summary>
    /// The values kept that were seen at least three times, with their counts (each short by at most ε of the values
    /// seen). Two values of one 32-bit hash would make one entry of count 2 (a few in a million unique values); three
    /// distinct values of one hash, almost never.
    /// </summary>
    public IEnumerable<KeyValuePair<string, long>> Frequent() =>
        _entries.Values.Where(e => e.Value is not null && e.Count >= 3).Select(e => KeyValuePair.Create(e.Value!, e.Count));

    private struct Entry
    {
        public long Count;
        public long Delta;
        public string? Value;
    }
}
