namespace Agensium.Analysis.Master;

/// <summary>
/// The cells of an output table whose every cell is a cell of an input table (survivorship: one row per cluster, each
/// column from its winning row): only a code per output cell is kept, and the columns share the input's values.
/// </summary>
internal sealed class PickedCells
{
    private readonly MasterTable _input;
    private readonly int[][] _codes;
    private readonly int _rowCount;

    public PickedCells(MasterTable input, int rowCount)
    {
        _input = input;
        _rowCount = rowCount;
        _codes = [.. Enumerable.Range(0, input.Columns.Count).Select(_ => new int[rowCount])];
    }

    /// <summary>Output row <paramref name="row"/>, column <paramref name="column"/> is input row <paramref name="from"/>'s cell.</summary>
    public void Pick(int row, int column, int from) => _codes[column][row] = _input.Column(column).CodeOf(from);

    /// <summary>Output row <paramref name="row"/> is input row <paramref name="from"/>, every column.</summary>
    public void PickRow(int row, int from)
    {
        for (int c = 0; c < _codes.Length; c++)
        {
            Pick(row, c, from);
        }
    }

    /// <summary>The output table: the input's columns picked, then <paramref name="extra"/>.</summary>
    public MasterTable Build(IReadOnlyList<string> extraNames, IReadOnlyList<MasterColumn> extra)
    {
        var columns = _codes.Select((codes, c) => _input.Column(c).WithCodes(codes));
        return new MasterTable([.. _input.Columns, .. extraNames], [.. columns, .. extra], _rowCount);
    }
}
