namespace Agensium.Analysis.Common;

/// <summary>
/// Counts occurrences of text values without a string per value: distinct values are copied into one growing character
/// arena and found through an open-addressing hash table, so counting a column allocates (almost) nothing per row.
/// </summary>
public sealed class ValueCounter
{
    // Small to start with (they double as they fill): a profiler of a 10,000-column file holds 10,000 counters.
    private char[] _arena = new char[1 << 8];
    private int _arenaUsed;
    private int[] _buckets = new int[1 << 4]; // entry index + 1; 0 = empty
    private Entry[] _entries = new Entry[1 << 3];

    /// <summary>Number of distinct values counted.</summary>
    public int Count { get; private set; }

    /// <summary>Counts <paramref name="value"/> once; a value not seen before is added only when <paramref name="add"/>. True when it was added.</summary>
    public bool Increment(ReadOnlySpan<char> value, bool add = true)
    {
        int hash = string.GetHashCode(value);
        int mask = _buckets.Length - 1;
        int slot = hash & mask;
        while (_buckets[slot] != 0)
        {
            ref var entry = ref _entries[_buckets[slot] - 1];
            if (entry.Hash == hash && _arena.AsSpan(entry.Offset, entry.Length).SequenceEqual(value))
            {
                entry.Count++;
                return false;
            }

            slot = (slot + 1) & mask;
        }

        if (!add)
        {
            return false;
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
        _buckets[slot] = ++Count;
        if (Count * 2 > _buckets.Length)
        {
            Rehash();
        }

        return true;
    }

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

    /// <summary>The <paramref name="n"/> most frequent values, by count descending then value (ordinal).</summary>
    public List<KeyValuePair<string, long>> Top(int n)
    {
        var order = Enumerable.Range(0, Count).ToArray();
        Array.Sort(order, (x, y) =>
        {
            int c = _entries[y].Count.CompareTo(_entries[x].Count);
            return c != 0 ? c : Text(x).SequenceCompareTo(Text(y));
        });
        return [.. order.Take(Math.Max(0, n)).Select(i => KeyValuePair.Create(Text(i).ToString(), _entries[i].Count))];
    }

    private ReadOnlySpan<char> Text(int entry) => _arena.AsSpan(_entries[entry].Offset, _entries[entry].Length);

    private void Rehash()
    {
        _buckets = new int[_buckets.Length * 2];
        int mask = _buckets.Length - 1;
        for (int i = 0; i < Count; i++)
        {
            int slot = _entries[i].Hash & mask;
            while (_buckets[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _buckets[slot] = i + 1;
        }
    }

    private struct Entry
    {
        public int Offset;
        public int Length;
        public int Hash;
        public long Count;
    }
}
