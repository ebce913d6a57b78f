using System.Collections;
using System.Globalization;

namespace Agensium.Analysis.Master;

/// <summary>The values prefix0, prefix1, … prefix(count−1), each formatted when read (no string kept per value).</summary>
internal sealed class NumberedValues(string prefix, int count) : IReadOnlyList<string>
{
    /// <inheritdoc/>
    public int Count => count;

    /// <inheritdoc/>
    public string this[int index] => (uint)index < (uint)count
        ? prefix + index.ToString(CultureInfo.InvariantCulture)
        : throw new ArgumentOutOfRangeException(nameof(index));

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator()
    {
        for (int i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
