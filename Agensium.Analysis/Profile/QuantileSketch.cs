namespace Agensium.Analysis.Profile;

/// <summary>
/// A KLL quantile sketch (Karnin, Lang, Liberty 2016) of doubles, in a few KB whatever the count. Level h holds items
/// of weight 2^h; a full level is sorted and every other item (the start chosen by a seeded coin, so results are reproducible) moves
/// up a level. Total weight always equals the count. Ranks are within about 1.7/<see cref="K"/> of the truth
/// (≈0.4 % at the default) with high probability; below its first buffer's size the sketch is exact.
/// </summary>
public sealed class QuantileSketch
{
    /// <summary>Capacity of the top level; lower levels shrink by 2/3 each.</summary>
    public const int K = 400;
    private const int MinCapacity = 8;

    private readonly List<List<double>> _levels = [[]];

    // KLL's coin flips, from a fixed seed: unbiased like random ones, yet the same input always gives the same sketch.
    private ulong _coins = 0x9E3779B97F4A7C15;

    public long Count { get; private set; }

    /// <summary>Values held across all levels: what the sketch costs in memory, a few thousand at most.</summary>
    public int Retained => _levels.Sum(l => l.Count);

    public void Add(double value)
    {
        _levels[0].Add(value);
        Count++;
        if (_levels[0].Count >= Capacity(0))
        {
            Compress();
        }
    }

    /// <summary>Share of values ≤ <paramref name="value"/> (or &lt; it when <paramref name="inclusive"/> is false), in [0, 1].</summary>
    public double Rank(double value, bool inclusive = true)
    {
        if (Count == 0)
        {
            return 0;
        }
        double weight = 0;
        for (var h = 0; h < _levels.Count; h++)
        {
            long below = 0;
            foreach (var v in _levels[h])
            {
                below += inclusive ? (v <= value ? 1 : 0) : (v < value ? 1 : 0);
            }
            weight += below * (double)(1L << h);
        }
        return weight / Count;
    }

    /// <summary>
    /// The value at quantile <paramref name="q"/>, linearly interpolated between the weighted items around position
    /// q·(n − 1), as NumPy's default does on exact data.
    /// </summary>
    public double Quantile(double q)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The sketch is empty.");
        }
        var items = new List<(double Value, long Weight)>();
        for (var h = 0; h < _levels.Count; h++)
        {
            foreach (var v in _levels[h])
            {
                items.Add((v, 1L << h));
            }
        }
        items.Sort((a, b) => a.Value.CompareTo(b.Value));
        var position = Math.Clamp(q, 0, 1) * (Count - 1);
        // Item i stands for the ranks [start, start + weight - 1]; take its middle as its position.
        long start = 0;
        var previous = (Value: items[0].Value, Mid: 0.0);
        foreach (var (value, weight) in items)
        {
            var mid = start + ((weight - 1) / 2.0);
            if (mid >= position)
            {
                if (mid == previous.Mid || start == 0)
                {
                    return value;
                }
                var t = (position - previous.Mid) / (mid - previous.Mid);
                return previous.Value + (t * (value - previous.Value));
            }
            previous = (value, mid);
            start += weight;
        }
        return items[^1].Value;
    }

    private int Flip()
    {
        _coins ^= _coins << 13;
        _coins ^= _coins >> 7;
        _coins ^= _coins << 17;
        return (int)(_coins & 1);
    }

    private int Capacity(int level)
    {
        var depth = _levels.Count - 1 - level;
        return Math.Max(MinCapacity, (int)Math.Ceiling(K * Math.Pow(2.0 / 3.0, depth)));
    }

    private void Compress()
    {
        for (var h = 0; h < _levels.Count; h++)
        {
            var level = _levels[h];
            if (level.Count < Capacity(h))
            {
                continue;
            }
            if (h + 1 == _levels.Count)
            {
                _levels.Add([]);
            }
            level.Sort();
            // An odd item stays at this level so that the total weight stays exact.
            var keep = level.Count % 2 == 1 ? level[^1] : (double?)null;
            var pairs = level.Count - (keep is null ? 0 : 1);
            var offset = Flip();
            var up = _levels[h + 1];
            for (var i = offset; i < pairs; i += 2)
            {
                up.Add(level[i]);
            }
            level.Clear();
            if (keep is { } k)
            {
                level.Add(k);
            }
        }
    }
}
