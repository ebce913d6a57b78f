namespace Agensium.Analysis.Clean;

/// <summary>
/// The key duplicate-resolver removes rows by (remove_duplicates keeps the first row of each): its key columns (all
/// columns when none are given) trimmed, composed (NFC) and lower-cased, the numbers of a number column by value
/// (<see cref="NumberKeys"/>: "1.50" = "1.5", "1,234" = "1 234" = "1234"). A key column that is blank or a null token says nothing about identity
/// (two customers without an e-mail are not one customer), so such a row's key is its whole normalised row: it is
/// removed only as a copy of an identical row. cleanse-previewer's drop_duplicates counts with the same key, so that
/// it predicts the rows the resolver removes.
/// </summary>
internal sealed class DuplicateKey
{
    private readonly int[] _all;
    private readonly IReadOnlyList<int> _keyColumns;
    private readonly NumberKeys? _numbers;

    /// <param name="columnCount">The file's columns.</param>
    /// <param name="keyColumns">The key columns (all of them for whole-row keys).</param>
    /// <param name="numbers">Columns whose numbers are compared by value and their reading (<see cref="NumberKeys"/>); none when null.</param>
    public DuplicateKey(int columnCount, IReadOnlyList<int> keyColumns, NumberKeys? numbers)
    {
        _all = [.. Enumerable.Range(0, columnCount)];
        // A column named twice is one key column: counted twice, ["name","name","amount"] of a 3-column file passed
        // for "every column" and keyed on the whole row.
        _keyColumns = [.. keyColumns.Distinct()];
        _numbers = numbers;
        Keyed = _keyColumns.Count < columnCount;
    }

    /// <summary>True when the key is some columns, not the whole row.</summary>
    public bool Keyed { get; }

    /// <summary>The whole row normalised as the key normalises its columns.</summary>
    public UInt128 Full(string[] fields, RowKey rowKey) => rowKey.Of(fields, _all, normalized: true, _numbers);

    /// <summary>The removal key of a row whose <see cref="Full"/> key is <paramref name="full"/>.</summary>
    public UInt128 Of(string[] fields, UInt128 full, RowKey rowKey)
    {
        if (!Keyed)
        {
            return full;
        }

        foreach (int c in _keyColumns)
        {
            if (CellValues.IsMissing(fields[c].AsSpan()))
            {
                return full;
            }
        }

        return rowKey.Of(fields, _keyColumns, normalized: true, _numbers);
    }
}
