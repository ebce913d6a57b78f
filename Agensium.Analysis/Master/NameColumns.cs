namespace Agensium.Analysis.Master;

/// <summary>
/// A table's first-name and last-name columns (one of each, by name), which survivorship keeps together: when the
/// rows of a cluster hold the names swapped (Katherine / Miller and Miller / Katherine), choosing each column on its
/// own can write one name twice ("Katherine Katherine"); the golden record then takes both from one row.
/// </summary>
internal sealed class NameColumns
{
    private NameColumns(int first, int last) => (First, Last) = (first, last);

    public int First { get; }

    public int Last { get; }

    /// <summary>The name columns of <paramref name="table"/>, or null unless it has exactly one of each.</summary>
    public static NameColumns? Of(MasterTable table)
    {
        int[] Find(MatchFieldKind kind) =>
            [.. Enumerable.Range(0, table.Columns.Count).Where(c => !table.Columns[c].StartsWith("__", StringComparison.Ordinal) && ColumnNames.KindOf(table.Columns[c]) == kind)];
        var first = Find(MatchFieldKind.FirstName);
        var last = Find(MatchFieldKind.LastName);
        return first.Length == 1 && last.Length == 1 ? new NameColumns(first[0], last[0]) : null;
    }

    /// <summary>
    /// The row the last name should come from: <paramref name="lastRow"/>, unless the chosen first and last names are
    /// one name while <paramref name="firstRow"/> holds a different, non-blank last name: then <paramref name="firstRow"/>.
    /// </summary>
    public int LastNameRow(MasterTable table, int firstRow, int lastRow)
    {
        string first = table[firstRow, First].Trim();
        if (first.Length == 0 || !string.Equals(first, table[lastRow, Last].Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return lastRow;
        }

        string own = table[firstRow, Last].Trim();
        return own.Length > 0 && !string.Equals(own, first, StringComparison.OrdinalIgnoreCase) ? firstRow : lastRow;
    }
}
