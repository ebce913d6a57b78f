using System.Runtime.InteropServices;

namespace Agensium.Analysis.Profile;

/// <summary>The non-null values of one column of one file: numbers (with rows) while all parse, and counts by text.</summary>
internal sealed class DriftColumnSample(string name)
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly List<int> _rows = [];

    public string Name { get; } = name;
    public long NonNull { get; private set; }
    public bool AllNumeric { get; private set; } = true;
    public List<double> Numbers { get; } = [];
    public IReadOnlyList<int> Rows => _rows;

    /// <summary>Category counts by exact (trimmed) text.</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Rows of the non-null values, in order, with their trimmed text (kept for row issues).</summary>
    public List<string> Texts { get; } = [];

    public void Add(ReadOnlySpan<char> value, int row, bool keepTexts)
    {
        if (TableScan.IsNull(value))
        {
            return;
        }

        value = value.Trim();
        NonNull++;
        _rows.Add(row);
        if (keepTexts)
        {
            Texts.Add(value.ToString());
        }

        var lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
        CollectionsMarshal.GetValueRefOrAddDefault(lookup, value, out _)++;
        if (AllNumeric && NumberText.TryParse(value, out double number))
        {
            Numbers.Add(number);
        }
        else if (AllNumeric)
        {
            AllNumeric = false;
            Numbers.Clear();
        }
    }
}
