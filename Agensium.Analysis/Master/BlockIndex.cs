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
    /// <paramref name="maxKeysPerRow"/> hashes into the array from at on and returns how many.
    /// </summary>
    public static BlockIndex Build(int rowCount, int maxKeysPerRow, Func<int, ulong[], int, int> writeKeys, CancellationToken ct)
    {
        var rowKeys = new ulong[(long)rowCount * maxKeysPerRow]; // each row's keys in row order (the tail stays unused)
        var rowKeyStart = new int[rowCount + 1];
        int count = 0;
        for (int row = 0; row < rowCount; row++)
        {
            if (row % 4096 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            rowKeyStart[row] = count;
            count += writeKeys(row, rowKeys, count);
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

        Array.Sort(sorted, rows);
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
