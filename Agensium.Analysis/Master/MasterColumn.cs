namespace Agensium.Analysis.Master;

/// <summary>
/// One immutable column of a <see cref="MasterTable"/>, dictionary-encoded: a code per row into an array of values.
/// Tables share columns (an agent that changes two columns shares the others with its input), a transformation of
/// values runs once per distinct value (<see cref="MapValues"/>), and picking rows (<see cref="Select"/>) copies codes
/// only. A million-row column of repeated statuses is 4 MB of codes and a few strings.
/// </summary>
public sealed class MasterColumn
{
    private readonly int[] _codes;
    private readonly IReadOnlyList<string> _values;
    private readonly bool _semicolonFile;

    internal MasterColumn(int[] codes, IReadOnlyList<string> values, bool semicolonFile = false)
    {
        _codes = codes;
        _values = values;
        _semicolonFile = semicolonFile;
    }

    /// <summary>
    /// True when the column was read from a ';'-delimited file (kept by the columns derived from it), so its notation
    /// leans to decimal commas as type-fixer's, the profiler's and drift-detector's do (<see cref="Clean.CommaNotation.OnlyCommaFits"/>).
    /// </summary>
    internal bool SemicolonFile => _semicolonFile;

    /// <summary>Number of rows.</summary>
    public int Count => _codes.Length;

    /// <summary>The cell of <paramref name="row"/>.</summary>
    public string this[int row] => _values[_codes[row]];

    /// <summary>The code of <paramref name="row"/>: an index into <see cref="Values"/>; equal codes mean equal cells.</summary>
    public int CodeOf(int row) => _codes[row];

    /// <summary>The values the codes point to (possibly including values no row uses any more, after <see cref="Select"/>).</summary>
    public IReadOnlyList<string> Values => _values;

    private bool? _dayFirst;

    /// <summary>
    /// True when the column's dates are day-first (13/12/2023 among them, none only month-first; see
    /// <see cref="Clean.DateValues.DayFirstColumn"/>), judged once over <see cref="Values"/>.
    /// </summary>
    public bool DayFirstDates => _dayFirst ??= Clean.DateValues.DayFirstColumn(_values);

    private Clean.ColumnNotation? _notation;

    /// <summary>
    /// How the column writes its amounts (a decimal comma or a decimal point; see <see cref="Clean.ColumnNotation"/>),
    /// judged once over the values its rows hold, a currency sign set aside (<see cref="Amounts"/>), with the lean of a
    /// ';'-delimited file (<see cref="SemicolonFile"/>).
    /// </summary>
    internal Clean.ColumnNotation NumberNotation => _notation ??= Amounts.NotationOf(_values, CodeCounts(), _semicolonFile);

    /// <summary>
    /// A column of <paramref name="count"/> rows holding <paramref name="prefix"/>0, <paramref name="prefix"/>1, …
    /// (e.g. cluster ids), formatted when read instead of one string per row.
    /// </summary>
    public static MasterColumn Numbered(string prefix, int count) => new([.. Enumerable.Range(0, count)], new NumberedValues(prefix, count));

    /// <summary>The cells of <paramref name="rows"/>, in that order (the values are shared, not copied).</summary>
    public MasterColumn Select(IReadOnlyList<int> rows)
    {
        var codes = new int[rows.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = _codes[rows[i]];
        }

        return new MasterColumn(codes, _values, _semicolonFile);
    }

    /// <summary>A column of the same values with other codes (one per row of the new column).</summary>
    internal MasterColumn WithCodes(int[] codes) => new(codes, _values, _semicolonFile);

    /// <summary>A column of the same codes over other values (indexed like <see cref="Values"/>).</summary>
    internal MasterColumn WithValues(string[] values) => new(_codes, values, _semicolonFile);

    /// <summary>
    /// Every value passed through <paramref name="map"/> once (the codes are shared); this column itself when nothing
    /// changed. <paramref name="map"/> must depend on the value only.
    /// </summary>
    public MasterColumn MapValues(Func<string, string> map)
    {
        string[]? mapped = null;
        for (int i = 0; i < _values.Count; i++)
        {
            string value = map(_values[i]);
            if (!ReferenceEquals(value, _values[i]) && value != _values[i])
            {
                mapped ??= [.. _values];
                mapped[i] = value;
            }
        }

        return mapped is null ? this : new MasterColumn(_codes, mapped, _semicolonFile);
    }

    /// <summary>How many rows use each code (indexed like <see cref="Values"/>).</summary>
    public int[] CodeCounts()
    {
        var counts = new int[_values.Count];
        foreach (int code in _codes)
        {
            counts[code]++;
        }

        return counts;
    }
}
