namespace Agensium.Analysis.Clean;

/// <summary>Told of each row a <see cref="RowScan"/> reads, in order, before its caller sees (and may change) it.</summary>
internal interface IRowsReadObserver
{
    /// <summary>A row as read; the array is the scan's and is reused once the caller has moved on: copy what is kept.</summary>
    void Read(string[] fields);
}
