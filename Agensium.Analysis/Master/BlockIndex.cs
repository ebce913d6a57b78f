namespace Agensium.Analysis.Master;

/// <summary>
/// Blocking keys of every row as 64-bit FNV-1a hashes, sorted so that each block (rows sharing a key) is one run of
/// <see cref="Rows"/>: two flat arrays instead of a dictionary of strings and lists. A hash collision can only merge
/// two blocks (more pairs scored, never fewer). Each row's own keys are kept too, with the size of each key's block, to
/// tell whether two rows already met in another block without looking the key up.
/// </summary>
internal sealed class BlockIndex
{
    private readonly ulong[] _hashes;
    private readonly ulong[] _rowKeys;
    private readonly int[] _rowKeyStart;
    private readonly ushort[] _rowKeySizes; // per entry of _rowKeys, the size of its key's block (at most ushort.MaxValue)

    private BlockIndex(ulong[] hashes, int[] rows, ulong[] rowKeys, int[] rowKeyStart, ushort[] rowKeySizes, List<(int Start, int Length)> blocks)
    {
        _hashes = hashes;
        Rows = rows;
        _rowKeys = rowKeys;
        _rowKeyStart = rowKeyStart;
        _rowKeySizes = rowKeySizes;
        Blocks = blocks;
    }

    /// <summary>Rows grouped by key; within a block in ascending row order.</summary>
    public int[] Rows { get; }

    /// <summary>The blocks of two or more rows, as (start, length) in <see cref="Rows"/>.</summary>
    public List<(int Start, int Length)> Blocks { get; }

    /// <summary>Number of distinct keys (blocks of any size).</summary>
    public int KeyCount { get; private set; }

    /// <summary>The key hash of the block starting at <paramref name="start"/>.</summary>
    public ulong HashAt(int start) => _hashes[start];

    /// <summary>
    /// Builds the index from each row's key hashes: <paramref name="writeKeys"/>(row, array, at) writes at most
    /// <paramref name="maxKeysPerRow"/> hashes into the array from at on and returns how many. It is called for several
    /// rows at once, from several threads.
    /// </summary>
    public static BlockIndex Build(int rowCount, int maxKeysPerRow, Func<int, ulong[], int, int> writeKeys, CancellationToken ct)
    {
        var rowKeys = new ulong[(long)rowCount * maxKeysPerRow]; // each row's keys in row order (the tail stays unused)
        var rowKeyStart = new int[rowCount + 1];
        // Each row writes its keys at row · maxKeysPerRow (rows in parallel), then they are moved up to follow each other.
        var counts = new int[rowCount];
        if (rowCount > 0) // the partitioner refuses an empty range
        {
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, rowCount, 16384), new ParallelOptions { CancellationToken = ct }, range =>
            {
                for (int row = range.Item1; row < range.Item2; row++)
                {
                    counts[row] = writeKeys(row, rowKeys, row * maxKeysPerRow);
                }
            });
        }

        int count = 0;
        for (int row = 0; row < rowCount; row++)
        {
            rowKeyStart[row] = count;
            Array.Copy(rowKeys, (long)row * maxKeysPerRow, rowKeys, count, counts[row]); // never past its own keys: count ≤ row · max
            count += counts[row];
        }

        rowKeyStart[rowCount] = count;
        var sorted = rowKeys[..count];
        var rowOf = new int[sorted.Length]; // per entry of rowKeys, its row
        var rows = new int[sorted.Length]; // the entries of rowKeys, then (sorted with the keys) their rows
        for (int row = 0; row < rowCount; row++)
        {
            for (int k = rowKeyStart[row]; k < rowKeyStart[row + 1]; k++)
            {
                rowOf[k] = row;
                rows[k] = k;
            }
        }

        SortInTwo(sorted, rows);
        var sizes = new ushort[sorted.Length];
        var blocks = new List<(int, int)>();
        int keys = 0;
        for (int start = 0; start < sorted.Length;)
        {
            int end = start + 1;
            while (end < sorted.Length && sorted[end] == sorted[start])
            {
                end++;
            }

            keys++;
            ushort size = (ushort)Math.Min(end - start, ushort.MaxValue);
            for (int k = start; k < end; k++)
            {
                sizes[rows[k]] = size;
                rows[k] = rowOf[rows[k]];
            }

            if (end - start > 1)
            {
                Array.Sort(rows, start, end - start);
                blocks.Add((start, end - start));
            }

            start = end;
        }

        return new BlockIndex(sorted, rows, rowKeys, rowKeyStart, sizes, blocks) { KeyCount = keys };
    }

    // Array.Sort(keys, items) on two threads: the keys below 2^63 moved before the others (in place), each part sorted on
    // its own. The keys come out in the same order; items of equal keys may come in another order (the caller sorts
    // each block's rows).
    private static void SortInTwo(ulong[] keys, int[] items)
    {
        const ulong high = 1UL << 63;
        int i = 0, j = keys.Length - 1;
        while (true)
        {
            while (i <= j && keys[i] < high)
            {
                i++;
            }

            while (j >= i && keys[j] >= high)
            {
                j--;
            }

            if (i >= j)
            {
                break;
            }

            (keys[i], keys[j]) = (keys[j], keys[i]);
            (items[i], items[j]) = (items[j], items[i]);
        }

        int low = i; // keys[..low] < 2^63 ≤ keys[low..]
        Parallel.Invoke(() => Array.Sort(keys, items, 0, low), () => Array.Sort(keys, items, low, keys.Length - low));
    }

    /// <summary>Number of rows holding key <paramref name="hash"/> (0 if none).</summary>
    public int SizeOf(ulong hash)
    {
        int at = Array.BinarySearch(_hashes, hash);
        if (at < 0)
        {
            return 0;
        }

        int start = at;
        while (start > 0 && _hashes[start - 1] == hash)
        {
            start--;
        }

        int end = at + 1;
        while (end < _hashes.Length && _hashes[end] == hash)
        {
            end++;
        }

        return end - start;
    }

    /// <summary>
    /// True when rows <paramref name="a"/> and <paramref name="b"/> also share a key whose hash is smaller than
    /// <paramref name="hash"/> and whose block has at most <paramref name="exhaustiveSize"/> rows: that block compared
    /// them already.
    /// </summary>
    public bool MetEarlier(int a, int b, ulong hash, int exhaustiveSize)
    {
        for (int i = _rowKeyStart[a]; i < _rowKeyStart[a + 1]; i++)
        {
            ulong key = _rowKeys[i];
            if (key >= hash)
            {
                continue;
            }

            for (int j = _rowKeyStart[b]; j < _rowKeyStart[b + 1]; j++)
            {
                // The block's size as noted when the index was built (SizeOf past what a ushort holds).
                if (_rowKeys[j] == key && (_rowKeySizes[j] < ushort.MaxValue ? _rowKeySizes[j] : SizeOf(key)) <= exhaustiveSize)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>64-bit FNV-1a of the UTF-16 code units of <paramref name="key"/>.</summary>
    public static ulong Hash(ReadOnlySpan<char> key)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in key)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return h;
    }
}
