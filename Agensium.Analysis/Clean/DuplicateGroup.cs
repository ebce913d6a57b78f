namespace Agensium.Analysis.Clean;

/// <summary>
/// A removal group of duplicate-resolver: its first row and its rows; without key columns (the group is a normalised
/// row) also the <see cref="RowForms"/> of its first row, so that one table entry per row serves every count.
/// </summary>
internal struct DuplicateGroup(int first, int count, RowForms forms)
{
    /// <summary>The group's first row: the one kept.</summary>
    public int First = first;

    /// <summary>Rows in the group.</summary>
    public int Count = count;

    /// <summary>The first row's forms (default with key columns: kept apart, by normalised row).</summary>
    public RowForms Forms = forms;
}

/// <summary>
/// Two keys of a row beside its normalised one: its raw text (exact duplicates) and its normalised text with the numbers
/// of number columns as written (a number-format variation writes them otherwise).
/// </summary>
internal readonly record struct RowForms(UInt128 Exact, UInt128 AsWritten);
