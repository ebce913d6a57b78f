using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Agensium.Analysis.Common;

/// <summary>
/// Counts occurrences of text values without a string per value: distinct values are copied into one growing character
/// arena and found through an open-addressing hash table, so counting a column allocates (almost) nothing per row.
/// Each distinct value has a <typeparamref name="TPayload"/> of the caller's beside its count (the profiler keeps what the
/// value's text is there), so a repeat finds both in one place.
/// </summary>
/// <typeparam name="TPayload">What the caller keeps per distinct value.</typeparam>
public sealed class ValueCounter<TPayload>
    where TPayload : struct
{
    // XXH3 with a seed drawn per process (like string hashing's), so a file cannot be crafted to collide every value.
    private static readonly long Seed = Random.Shared.NextInt64();

    // Small to start with (they double as they fill): a profiler of a 10,000-column file holds 10,000 counters.
    private char[] _arena = new char[1 << 8];
    private int _arenaUsed;
    // A slot holds the value's hash (high 32 bits) and its entry index + 1 (low 32 bits; 0 = empty), so a probe that
    // meets another value's slot is settled without reading that entry.
    private ulong[] _buckets = new ulong[1 << 4];
    private Entry[] _entries = new Entry[1 << 3];

    /// <summary>Number of distinct values counted.</summary>
    public int Count { get; private set; }

    /// <summary>Counts <paramref name="value"/> once; a value not seen before is added only when <paramref name="add"/>. True when it was added.</summary>
    public bool Increment(ReadOnlySpan<char> value, bool add = true)
    {
        int before = Count;
        IncrementAt(value, add);
        return Count > before;
    }

    /// <summary>
    /// Counts <paramref name="value"/> once and returns its entry index (0-based, in insertion order, stable), or −1 when
    /// it is not tracked and <paramref name="add"/> is false. A new entry's index is <see cref="Count"/> − 1.
    /// </summary>
    public int IncrementAt(ReadOnlySpan<char> value, bool add = true) => IncrementAt(value, HashOf(value), add);

    /// <summary>The hash <see cref="IncrementAt(ReadOnlySpan{char}, int, bool)"/> takes for <paramref name="value"/>.</summary>
    public static int HashOf(ReadOnlySpan<char> value) => (int)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(value), Seed);

    /// <summary>
    /// Asks the processor to start loading the table slot of <paramref name="hash"/> (from <see cref="HashOf"/>), so a
    /// caller that hashes a block of values ahead of counting them does not wait for memory at each one: past a few
    /// thousand distinct values the table no longer fits in the caches, and a lookup is a cache miss. A hint only.
    /// </summary>
    public unsafe void Prefetch(int hash)
    {
        if (Sse.IsSupported)
        {
            var buckets = _buckets;
            Sse.Prefetch0(Unsafe.AsPointer(ref buckets[hash & (buckets.Length - 1)]));
        }
    }

    /// <summary>
    /// After <see cref="Prefetch"/>: when the slot of <paramref name="hash"/> names a value with that hash, asks the
    /// processor to load its entry (count, payload and where its text is). A hint only.
    /// </summary>
    public unsafe void PrefetchEntry(int hash)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        ulong bucket = _buckets[hash & (_buckets.Length - 1)];
        if (bucket != 0 && (int)(bucket >> 32) == hash)
        {
            int index = (int)(uint)bucket - 1;
            Sse.Prefetch0(Unsafe.AsPointer(ref _entries[index]));
        }
    }

    /// <summary>The entry index of <paramref name="value"/> (hash from <see cref="HashOf"/>), or −1 when it is not tracked; counts nothing.</summary>
    public int Find(ReadOnlySpan<char> value, int hash) => Probe(value, hash, out _);

    // The entry index of the value, or −1 with the empty slot where the probe for it ended (where it would be added).
    private int Probe(ReadOnlySpan<char> value, int hash, out int slot)
    {
        var buckets = _buckets;
        int mask = buckets.Length - 1;
        slot = hash & mask;
        ulong bucket;
        while ((bucket = buckets[slot]) != 0)
        {
            if ((int)(bucket >> 32) == hash)
            {
                int index = (int)(uint)bucket - 1;
                ref var entry = ref _entries[index];
                if (_arena.AsSpan(entry.Offset, entry.Length).SequenceEqual(value))
                {
                    return index;
                }
            }

            slot = (slot + 1) & mask;
        }

        return -1;
    }

    /// <summary>Counts entry <paramref name="index"/> (from <see cref="Find"/>) once more.</summary>
    public void IncrementEntry(int index) => _entries[index].Count++;

    /// <summary>As <see cref="IncrementAt(ReadOnlySpan{char}, bool)"/>, with the value's <see cref="HashOf"/> worked out before.</summary>
    public int IncrementAt(ReadOnlySpan<char> value, int hash, bool add = true)
    {
        int found = Probe(value, hash, out int slot);
        if (found >= 0)
        {
            _entries[found].Count++;
            return found;
        }

        if (!add)
        {
            return -1;
        }

        if (_arenaUsed + value.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + value.Length));
        }

        value.CopyTo(_arena.AsSpan(_arenaUsed));
        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        _entries[Count] = new Entry { Offset = _arenaUsed, Length = value.Length, Hash = hash, Count = 1 };
        _arenaUsed += value.Length;
        _buckets[slot] = Slot(hash, Count);
        Count++;
        if (Count * 2 > _buckets.Length)
        {
            Rehash();
        }

        return Count - 1;
    }

    /// <summary>The payload of entry <paramref name="index"/> (0-based, below <see cref="Count"/>), to read or set.</summary>
    public ref TPayload Payload(int index) => ref _entries[index].Payload;

    /// <summary>The count of entry <paramref name="index"/> (0-based, below <see cref="Count"/>).</summary>
    public long CountAt(int index) => _entries[index].Count;

    /// <summary>The count of every distinct value, in insertion order.</summary>
    public IEnumerable<long> Counts()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return _entries[i].Count;
        }
    }

    /// <summary>Every distinct value, in insertion order.</summary>
    public IEnumerable<string> Values()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return new string(_arena, _entries[i].Offset, _entries[i].Length);
        }
    }

    /// <summary>Every distinct value with its count, in insertion order.</summary>
    public IEnumerable<KeyValuePair<string, long>> Entries()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return KeyValuePair.Create(new string(_arena, _entries[i].Offset, _entries[i].Length), _entries[i].Count);
        }
    }

    /// <summary>The <paramref name="n"/> most frequent values, by count descending then value (ordinal).</summary>
    public List<KeyValuePair<string, long>> Top(int n)
    {
        n = Math.Clamp(n, 0, Count);
        List<int> best;
        if (n > Count / 4)
        {
            best = [.. Enumerable.Range(0, Count)];
            best.Sort(Compare);
        }
        else
        {
            // Selection: keep the n best seen so far in order; most entries lose to the current n-th at once.
            best = new List<int>(n + 1);
            var order = Comparer<int>.Create(Compare);
            for (int i = 0; i < Count && n > 0; i++)
            {
                if (best.Count == n && Compare(i, best[^1]) >= 0)
                {
                    continue;
                }

                int at = best.BinarySearch(i, order);
                best.Insert(at < 0 ? ~at : at, i);
                if (best.Count > n)
                {
                    best.RemoveAt(n);
                }
            }
        }

        return [.. best.Take(n).Select(i => KeyValuePair.Create(Text(i).ToString(), _entries[i].Count))];
    }

    // Count descending, then text ordinal ascending (distinct entries never tie).
    private int Compare(int x, int y)
    {
        int c = _entries[y].Count.CompareTo(_entries[x].Count);
        return c != 0 ? c : Text(x).SequenceCompareTo(Text(y));
    }

    private ReadOnlySpan<char> Text(int entry) => _arena.AsSpan(_entries[entry].Offset, _entries[entry].Length);

    private static ulong Slot(int hash, int index) => ((ulong)(uint)hash << 32) | (uint)(index + 1);

    private void Rehash()
    {
        _buckets = new ulong[_buckets.Length * 2];
        int mask = _buckets.Length - 1;
        for (int i = 0; i < Count; i++)
        {
            int slot = _entries[i].Hash & mask;
            while (_buckets[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _buckets[slot] = Slot(_entries[i].Hash, i);
        }
    }

    private struct Entry
    {
        public long Count;
        public TPayload Payload;
        public int Offset;
        public int Length;
        public int Hash;
    }
}
