namespace Agensium.Analysis.Clean;

/// <summary>
/// The strings of one column's cells: a value met before is handed out again instead of a new string, as long as the
/// column has few distinct values (names, cities, statuses); past <see cref="MaxDistinct"/> it stops looking. Saves
/// most of the allocations, and garbage collections, of low-cardinality columns.
/// </summary>
internal sealed class CellStrings
{
    /// <summary>Distinct values kept per column before the column is treated as high-cardinality.</summary>
    public const int MaxDistinct = 2048;

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private bool _active = true;

    public CellStrings() => _lookup = _seen.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (!_active || text.IsEmpty)
        {
            return text.ToString();
        }

        if (_lookup.TryGetValue(text, out string? known))
        {
            return known;
        }

        string created = text.ToString();
        _active = _seen.Count < MaxDistinct;
        if (_active)
        {
            _seen.Add(created);
        }
        else
        {
            _seen.Clear();
        }

        return created;
    }
}
