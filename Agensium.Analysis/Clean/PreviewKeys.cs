namespace Agensium.Analysis.Clean;

/// <summary>
/// The drop_duplicates keys of cleanse-previewer's rules (<see cref="DuplicateKey"/>, one per rule), computed on the
/// parsing thread of the pass (<see cref="RowScan.Keyer"/>) or, for the batches the parser leaves to it, on the
/// previewer's own thread (<see cref="RowScan.CallerKeyer"/>, a second instance): hashing each row's normalised text is
/// most of the rule's work.
/// </summary>
internal sealed class PreviewKeys : IRowKeyer
{
    private readonly DuplicateKey[] _keys;

    // Its own RowKey: each instance runs on one thread.
    private readonly RowKey _rowKey = new();

    /// <param name="keys">The rules' keys, all over the same file and number columns, so the whole normalised row is the same for each.</param>
    public PreviewKeys(IReadOnlyList<DuplicateKey> keys) => _keys = [.. keys];

    public int Width => _keys.Length;

    public void Keys(string[] fields, Span<UInt128> keys)
    {
        // The whole row normalised (every column, numbers of the number columns by value) is one text for every rule:
        // hashed once.
        UInt128 full = _keys[0].Full(fields, _rowKey);
        for (int k = 0; k < _keys.Length; k++)
        {
            keys[k] = _keys[k].Of(fields, full, _rowKey);
        }
    }
}
