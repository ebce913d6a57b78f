namespace Agensium.Analysis.Clean;

/// <summary>
/// Keys of a row computed where the row is parsed (<see cref="RowScan.Keyer"/>): pure per-row work such as hashing,
/// taken off the thread of the agent that uses the keys. An instance is called on one thread only, one row at a time
/// (a second instance may key other rows on the caller's thread, <see cref="RowScan.CallerKeyer"/>).
/// </summary>
internal interface IRowKeyer
{
    /// <summary>Keys per row.</summary>
    int Width { get; }

    /// <summary>Writes the keys of <paramref name="fields"/> (not to be changed) into <paramref name="keys"/> (<see cref="Width"/> long).</summary>
    void Keys(string[] fields, Span<UInt128> keys);
}
