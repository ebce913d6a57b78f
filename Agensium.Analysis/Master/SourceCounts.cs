using System.Globalization;

namespace Agensium.Analysis.Master;

/// <summary>
/// How many original rows each row of a table stands for: 1, or the <c>__source_count__</c> an earlier merge
/// (survivorship-resolver) wrote, so a golden record built on merged rows still counts the rows of the file.
/// </summary>
internal static class SourceCounts
{
    /// <summary>The column that carries the count.</summary>
    public const string Column = "__source_count__";

    /// <summary>Per row of <paramref name="table"/>, the original rows it stands for; null when every row is one.</summary>
    public static int[]? Of(MasterTable table)
    {
        int index = table.Columns.ToList().IndexOf(Column);
        if (index < 0)
        {
            return null;
        }

        var column = table.Column(index);
        var counts = new int[table.RowCount];
        for (int row = 0; row < counts.Length; row++)
        {
            counts[row] = int.TryParse(column[row], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 1;
        }

        return counts;
    }

    /// <summary>The original rows of the rows of <paramref name="cluster"/>, as text.</summary>
    public static string Sum(IReadOnlyList<int> cluster, int[]? counts)
    {
        long total = counts is null ? cluster.Count : cluster.Sum(r => (long)counts[r]);
        return total.ToString(CultureInfo.InvariantCulture);
    }
}
