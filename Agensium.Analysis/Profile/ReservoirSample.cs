namespace Agensium.Analysis.Profile;

/// <summary>A uniform random sample of at most <c>size</c> values from a stream (Algorithm R) with a fixed-seed generator.</summary>
internal sealed class ReservoirSample(int size, int seed)
{
    private readonly Random _random = new(seed);
    private readonly List<string> _items = [];
    private long _seen;

    /// <summary>The sample, in stream order while fewer than <c>size</c> values were seen.</summary>
    public IReadOnlyList<string> Items => _items;

    public void Add(ReadOnlySpan<char> value)
    {
        _seen++;
        if (_items.Count < size)
        {
            _items.Add(value.ToString());
            return;
        }

        long j = _random.NextInt64(_seen);
        if (j < size)
        {
            _items[(int)j] = value.ToString();
        }
    }
}
