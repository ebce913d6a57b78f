namespace Agensium.Analysis.Clean;

/// <summary>Which thread of a <see cref="RowScan"/> computes the rows' keys when the caller has a keyer of its own (<see cref="RowScan.CallerKeyer"/>).</summary>
internal enum RowKeying
{
    /// <summary>The parser keys a batch while the caller has another waiting, the caller keys the rest: whichever thread is behind is relieved.</summary>
    Shared,

    /// <summary>The parsing thread keys every row (as without a caller keyer).</summary>
    Parser,

    /// <summary>The caller keys every row.</summary>
    Caller,
}
