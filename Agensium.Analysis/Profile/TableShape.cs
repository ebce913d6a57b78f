using Agensium.Analysis.Input;

namespace Agensium.Analysis.Profile;

/// <summary>What a streaming pass learnt about a CSV file.</summary>
/// <remarks>
/// Built by <see cref="TableScan.Run"/> once the file has been read to its end; agents use it for row counts, cell
/// totals and to tell renamed empty headers (pandas' "Unnamed: n") apart.
/// </remarks>
/// <param name="FileName">The original upload name of the file.</param>
/// <param name="Columns">Column names in file order (unique, non-empty).</param>
/// <param name="Rows">Data rows read (header and blank lines excluded).</param>
/// <param name="HeaderRenames">Header cells renamed because they were empty or repeated.</param>
internal sealed record TableShape(string FileName, IReadOnlyList<string> Columns, long Rows, IReadOnlyList<HeaderRename> HeaderRenames)
{
    /// <summary>The field delimiter the file was read with.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Rows × columns.</summary>
    public long Cells => Rows * Columns.Count;

    /// <summary>0-based positions of columns whose header cell was empty (renamed column_N).</summary>
    public IReadOnlySet<int> EmptyHeaderPositions =>
        HeaderRenames.Where(r => r.Reason == "empty").Select(r => r.Index).ToHashSet();
}
