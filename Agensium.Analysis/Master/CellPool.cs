namespace Agensium.Analysis.Master;

/// <summary>
/// One column's shared strings while a table is read: a value up to <see cref="MaxLength"/> characters that was seen
/// before is returned as the same string instance (countries, statuses, dates, names repeat a lot), so a million rows
/// do not hold a million copies. The pool stops growing at <see cref="MaxEntries"/> values; later new values are
/// plain copies. Strings are immutable, so sharing them changes nothing for the readers of the table.
/// </summary>
internal sealed class CellPool
{
    /// <summary>Longer values are always copied (they rarely repeat).</summary>
    public const int MaxLength = 48;

    /// <summary>Distinct values kept per column.</summary>
    public const int MaxEntries = 65_536;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public CellPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The value as a string, shared with earlier equal values when pooled.</summary>
    public string Get(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return "";
        }

        if (value.Length > MaxLength)
        {
            return value.ToString();
        }

        if (_lookup.TryGetValue(value, out string? shared))
        {
            return shared;
        }

        string text = value.ToString();
        if (_strings.Count < MaxEntries)
        {
            _strings.Add(text);
        }

        return text;
    }
}
