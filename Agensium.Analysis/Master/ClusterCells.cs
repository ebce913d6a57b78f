namespace Agensium.Analysis.Master;

/// <summary>
/// The cells of one cluster's rows in one column, as survivorship compares them (trimmed; blank = empty after trimming,
/// or a null token such as N/A, NULL, NaN: such a cell never wins over a value).
/// </summary>
internal static class ClusterCells
{
    /// <summary>The rows of <paramref name="cluster"/> whose cell in <paramref name="column"/> is not blank, into <paramref name="rows"/> (cleared first).</summary>
    public static void NonBlankRows(MasterTable table, IReadOnlyList<int> cluster, int column, List<int> rows)
    {
        rows.Clear();
        for (int i = 0; i < cluster.Count; i++)
        {
            string cell = table[cluster[i], column];
            if (!cell.AsSpan().Trim().IsEmpty && !Clean.CellValues.IsNullToken(cell))
            {
                rows.Add(cluster[i]);
            }
        }
    }

    /// <summary>True when some row of <paramref name="rows"/> has a cell in <paramref name="column"/> that is not blank.</summary>
    public static bool AnyNonBlank(MasterTable table, IReadOnlyList<int> rows, int column)
    {
        for (int i = 0; i < rows.Count; i++)
        {
            string cell = table[rows[i], column];
            if (!cell.AsSpan().Trim().IsEmpty && !Clean.CellValues.IsNullToken(cell))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the trimmed cells of <paramref name="rows"/> in <paramref name="column"/> are all equal (or there are none).</summary>
    public static bool AllAgree(MasterTable table, List<int> rows, int column)
    {
        for (int i = 1; i < rows.Count; i++)
        {
            if (!table[rows[i], column].AsSpan().Trim().SequenceEqual(table[rows[0], column].AsSpan().Trim()))
            {
                return false;
            }
        }

        return true;
    }
}
