namespace Agensium.Analysis.Master;

/// <summary>Builds a <see cref="MasterColumn"/> cell by cell; equal cells share one value (and one string).</summary>
public sealed class MasterColumnBuilder
{
    private readonly Dictionary<string, int> _codeOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _values = [];
    private int[] _codes;
    private int _count;

    /// <summary>A builder expecting about <paramref name="capacity"/> rows.</summary>
    public MasterColumnBuilder(int capacity = 16)
    {
        _lookup = _codeOf.GetAlternateLookup<ReadOnlySpan<char>>();
        _codes = new int[Math.Max(16, capacity)];
    }

    /// <summary>Appends a cell.</summary>
    public void Add(ReadOnlySpan<char> cell)
    {
        if (!_lookup.TryGetValue(cell, out int code))
        {
            string text = cell.IsEmpty ? "" : cell.ToString();
            code = _values.Count;
            _values.Add(text);
            _codeOf.Add(text, code);
        }

        Append(code);
    }

    /// <summary>Appends a cell.</summary>
    public void Add(string cell)
    {
        if (!_codeOf.TryGetValue(cell, out int code))
        {
            code = _values.Count;
            _values.Add(cell);
            _codeOf.Add(cell, code);
        }

        Append(code);
    }

    /// <summary>The column of the cells added so far.</summary>
    public MasterColumn Build(bool semicolonFile = false) => new(_codes.AsSpan(0, _count).ToArray(), [.. _values], semicolonFile);

    private void Append(int code)
    {
        if (_count == _codes.Length)
        {
            Array.Resize(ref _codes, _codes.Length * 2);
        }

        _codes[_count++] = code;
    }
}
