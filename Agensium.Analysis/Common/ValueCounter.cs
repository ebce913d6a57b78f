using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Agensium.Analysis.Common;

/// <summary>
/// Counts occurrences of text values without a string per value: distinct values are copied into chunks of characters
/// and found through an open-addressing hash table, so counting a column allocates (almost) nothing per row.
/// Each distinct value has a <typeparamref name="TPayload"/> of the caller's beside its count (the profiler keeps what the
/// value's text is there), so a repeat finds both in one place.
/// </summary>
/// <typeparam name="TPayload">What the caller keeps per distinct value.</typeparam>
public sealed class ValueCounter<TPayload>
    where TPayload : struct
{
    // XXH3 with a seed drawn per process (like string hashing's), so a file cannot be crafted to collide every value.
    private static readonly long Seed = Random.Shared.NextInt64();

    // The entries and their text are kept in chunks (the first grows by doubling up to a chunk, as a profiler of a
    // 10,000-column file holds 10,000 counters), so a table that grows to 100,000 values copies nothing past its first
    // chunk: every page is written once, where one array doubling at each step wrote each value's entry and text about
    // twice into fresh memory (a page fault per 4 KiB) and left the old arrays behind.
    private const int EntryShift = 12;
    private const int EntryChunk = 1 << EntryShift;
    private const int TextShift = 16;
    private const int TextChunk = 1 << TextShift;
    // Text offsets hold the chunk above TextShift: this many chunks at most (2^31 characters, as an int offset did).
    private const int MaxTextChunks = 1 << (31 - TextShift);

    private Entry[][] _entries = [new Entry[1 << 3]];
    private char[][] _text = [new char[1 << 8]];
    private int _textChunk;
    private int _textUsed;
    // A slot holds the value's hash (high 32 bits) and its entry index + 1 (low 32 bits; 0 = empty), so a probe that
    // meets another value's slot is settled without reading that entry.
    private ulong[] _buckets = new ulong[1 << 4];

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
            Sse.Prefetch0(Unsafe.AsPointer(ref At(index)));
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
                ref var entry = ref At(index);
                if (TextOf(entry).SequenceEqual(value))
                {
                    return index;
                }
            }

            slot = (slot + 1) & mask;
        }

        return -1;
    }

    /// <summary>Counts entry <paramref name="index"/> (from <see cref="Find"/>) once more.</summary>
    public void IncrementEntry(int index) => At(index).Count++;

    /// <summary>As <see cref="IncrementAt(ReadOnlySpan{char}, bool)"/>, with the value's <see cref="HashOf"/> worked out before.</summary>
    public int IncrementAt(ReadOnlySpan<char> value, int hash, bool add = true)
    {
        int found = Probe(value, hash, out int slot);
        if (found >= 0)
        {
            At(found).Count++;
            return found;
        }

        if (!add)
        {
            return -1;
        }

        int offset = Store(value);
        int chunk = Count >> EntryShift;
        if (chunk == _entries.Length)
        {
            Array.Resize(ref _entries, chunk * 2);
        }

        ref var entries = ref _entries[chunk];
        if (entries is null)
        {
            entries = new Entry[EntryChunk];
        }
        else if ((Count & (EntryChunk - 1)) == entries.Length)
        {
            Array.Resize(ref entries, entries.Length * 2); // the first chunk, below its full size
        }

        entries[Count & (EntryChunk - 1)] = new Entry { Offset = offset, Length = value.Length, Count = 1 };
        _buckets[slot] = Slot(hash, Count);
        Count++;
        if (Count * 2 > _buckets.Length)
        {
            Rehash();
        }

        return Count - 1;
    }

    /// <summary>The payload of entry <paramref name="index"/> (0-based, below <see cref="Count"/>), to read or set.</summary>
    public ref TPayload Payload(int index) => ref At(index).Payload;

    /// <summary>The count of entry <paramref name="index"/> (0-based, below <see cref="Count"/>).</summary>
    public long CountAt(int index) => At(index).Count;

    /// <summary>The count of every distinct value, in insertion order.</summary>
    public IEnumerable<long> Counts()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return At(i).Count;
        }
    }

    /// <summary>Every distinct value, in insertion order.</summary>
    public IEnumerable<string> Values()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return new string(TextOf(At(i)));
        }
    }

    /// <summary>Every distinct value with its count, in insertion order.</summary>
    public IEnumerable<KeyValuePair<string, long>> Entries()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return KeyValuePair.Create(new string(TextOf(At(i))), At(i).Count);
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

        return [.. best.Take(n).Select(i => KeyValuePair.Create(Text(i).ToString(), At(i).Count))];
    }

    // Count descending, then text ordinal ascending (distinct entries never tie).
    private int Compare(int x, int y)
    {
        int c = At(y).Count.CompareTo(At(x).Count);
        return c != 0 ? c : Text(x).SequenceCompareTo(Text(y));
    }

    /// <summary>The text of entry <paramref name="index"/> (0-based, below <see cref="Count"/>), in place: valid until the next value is added.</summary>
    public ReadOnlySpan<char> TextAt(int index) => Text(index);

    private ReadOnlySpan<char> Text(int entry) => TextOf(At(entry));

    private ReadOnlySpan<char> TextOf(in Entry entry) => _text[entry.Offset >> TextShift].AsSpan(entry.Offset & (TextChunk - 1), entry.Length);

    private ref Entry At(int index) => ref _entries[index >> EntryShift][index & (EntryChunk - 1)];

    // Copies a new value's text into the current chunk (or a new one) and returns its offset: chunk << TextShift | start.
    // A value longer than a chunk gets a chunk of its own, at start 0.
    private int Store(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        var chunk = _text[_textChunk];
        if (_textUsed + value.Length > chunk.Length)
        {
            if (_textChunk == 0 && _textUsed + value.Length <= TextChunk)
            {
                Array.Resize(ref _text[0], Math.Min(TextChunk, Math.Max(chunk.Length * 2, _textUsed + value.Length)));
            }
            else
            {
                if (_textChunk + 1 == MaxTextChunks)
                {
                    throw new InvalidOperationException("A value counter holds at most 2^31 characters of distinct values.");
                }

                if (++_textChunk == _text.Length)
                {
                    Array.Resize(ref _text, _text.Length * 2);
                }

                _text[_textChunk] = new char[Math.Max(TextChunk, value.Length)];
                _textUsed = 0;
            }

            chunk = _text[_textChunk];
        }

        value.CopyTo(chunk.AsSpan(_textUsed));
        int offset = (_textChunk << TextShift) | _textUsed;
        _textUsed += value.Length;
        return offset;
    }

    private static ulong Slot(int hash, int index) => ((ulong)(uint)hash << 32) | (uint)(index + 1);

    // Twice the slots; each slot keeps its value's hash, so the entries are not read again.
    private void Rehash()
    {
        var old = _buckets;
        var buckets = new ulong[old.Length * 2];
        // Written once before the probes read it: a large array comes as fresh pages, and a page read before it is written
        // is mapped to the kernel's zero page, then copied at the first write, with a TLB flush on every core the process
        // runs on (an interrupt each). Zeroing it first takes one fault per page and no flush.
        Array.Clear(buckets);
        int mask = buckets.Length - 1;
        foreach (ulong bucket in old)
        {
            if (bucket != 0)
            {
                int slot = (int)(bucket >> 32) & mask;
                while (buckets[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                buckets[slot] = bucket;
            }
        }

        _buckets = buckets;
    }

    private struct Entry
    {
        public long Count;
        public TPayload Payload;
        public int Offset;
        public int Length;
    }
}
