namespace Agensium.Analysis.Common;

/// <summary>
/// How many rows a block of parsed rows holds: a fixed number for ordinary widths, fewer for wide files, so a block's
/// memory is bounded by its number of cells rather than by rows × columns (a 10,000-column file would otherwise need
/// hundreds of MiB per block).
/// </summary>
internal static class BatchSize
{
    /// <summary>Rows per block for a file of <paramref name="width"/> columns: at most <paramref name="maxRows"/>, at most
    /// <paramref name="maxCells"/> cells, at least one row.</summary>
    public static int Rows(int width, int maxRows, int maxCells) => Math.Clamp(maxCells / Math.Max(1, width), 1, Math.Max(1, maxRows));
}
