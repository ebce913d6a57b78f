using System.Numerics;

namespace Agensium.Analysis.Common;

/// <summary>A growable set of row indexes, one bit per row.</summary>
public sealed class RowBitmap
{
    private ulong[] _words = new ulong[16];

    /// <summary>Adds a 0-based row index.</summary>
    public void Set(int row)
    {
        int word = row >> 6;
        if (word >= _words.Length)
        {
            Array.Resize(ref _words, Math.Max(word + 1, _words.Length * 2));
        }

        _words[word] |= 1UL << (row & 63);
    }

    /// <summary>Adds every row of <paramref name="other"/>.</summary>
    public void UnionWith(RowBitmap other)
    {
        if (other._words.Length > _words.Length)
        {
            Array.Resize(ref _words, other._words.Length);
        }

        for (int i = 0; i < other._words.Length; i++)
        {
            _words[i] |= other._words[i];
        }
    }

    /// <summary>The set with every row <c>r</c> replaced by <c>origin[r]</c>.</summary>
    public RowBitmap MapThrough(IReadOnlyList<int> origin)
    {
        var mapped = new RowBitmap();
        for (int w = 0; w < _words.Length; w++)
        {
            for (ulong bits = _words[w]; bits != 0; bits &= bits - 1)
            {
                mapped.Set(origin[(w << 6) + BitOperations.TrailingZeroCount(bits)]);
            }
        }

        return mapped;
    }

    /// <summary>Number of rows in the set.</summary>
    public long Count()
    {
        long count = 0;
        foreach (ulong w in _words)
        {
            count += BitOperations.PopCount(w);
        }

        return count;
    }
}
