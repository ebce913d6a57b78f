using System.Collections.Concurrent;
using Agensium.Analysis.Common;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>
/// One streaming pass over a CSV through the shared <see cref="CsvTableReader"/>: each data row as an array of field
/// strings (missing fields are empty). A second thread parses the file into batches of rows while the caller works on
/// the previous ones, so parsing and the agent's work use both cores; repeated values of a column share one string
/// (<see cref="CellStrings"/>). A row's array is reused once the caller has moved
/// past its batch; copy it to keep it. Checks cancellation every <see cref="CancellationCheckRows"/> rows. An
/// <see cref="Observer"/> (the writer of a profile that follows changes) is shown each row as read, before the caller
/// may change it. A <see cref="Keyer"/> (per-row hashing, duplicate-resolver's keys) runs on the parsing thread, so its
/// work is done while the caller works on earlier rows; the caller reads each row's keys from <see cref="CurrentKeys"/>.
/// With a <see cref="CallerKeyer"/> too, the keys of a batch go to whichever thread is behind (<see cref="RowKeying"/>).
/// </summary>
internal sealed class RowScan : IDisposable
{
    /// <summary>Rows between two cancellation checks.</summary>
    public const int CancellationCheckRows = 10_000;

    private const int BatchRows = 2048;
    private const int BatchCells = 1 << 16;
    private const int BatchesAhead = 2;

    private readonly CsvTableReader _reader;

    private RowScan(CsvTableReader reader) => _reader = reader;

    public IReadOnlyList<string> Columns => _reader.Columns;

    /// <summary>Fields the row <see cref="Rows"/> yielded last had in the file, extra ones (beyond the header, not in its array) included.</summary>
    public int CurrentFieldCount { get; private set; }

    /// <summary>True once <see cref="Rows"/> has yielded every row of the file.</summary>
    public bool Completed { get; private set; }

    /// <summary>Told of each row as read (before the caller may change its fields), in order: a writer that follows changes.</summary>
    public IRowsReadObserver? Observer { get; set; }

    /// <summary>Computes keys of each row on the parsing thread (set before <see cref="Rows"/>); see <see cref="CurrentKeys"/>.</summary>
    public IRowKeyer? Keyer { get; set; }

    /// <summary>
    /// A second instance of <see cref="Keyer"/> (the same keys; keyers are not thread-safe) for the caller's thread.
    /// With it, a batch the caller would otherwise wait for is handed over unkeyed and the caller keys its rows as it
    /// takes them, so the hashing is shared between the two threads instead of setting the parser's pace. Worth it
    /// where the caller has less to do per row than the parser (cleanse-previewer's pass); the keys are the same
    /// whoever computes them.
    /// </summary>
    public IRowKeyer? CallerKeyer { get; set; }

    /// <summary>Who keys the rows when there is a <see cref="CallerKeyer"/>; the tests force one side.</summary>
    public RowKeying Keying { get; set; } = RowKeying.Shared;

    /// <summary>The <see cref="Keyer"/>'s keys of the row <see cref="Rows"/> yielded last (empty without a keyer); valid until the next row.</summary>
    public ReadOnlySpan<UInt128> CurrentKeys => _keys is null ? default : _keys.AsSpan(_keysAt, _keyWidth);

    private UInt128[]? _keys;
    private int _keysAt;
    private int _keyWidth;

    public static RowScan Open(InputFile file) => new(CsvTableReader.Open(file));

    /// <summary>Opens <paramref name="file"/> and returns its header only.</summary>
    public static IReadOnlyList<string> HeaderOf(InputFile file)
    {
        using var scan = Open(file);
        return [.. scan.Columns];
    }

    /// <summary>Yields (0-based row index, fields) for every data row.</summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE when the CSV is malformed, after the rows before the fault.</exception>
    public IEnumerable<(int Row, string[] Fields)> Rows(CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var ready = new BlockingCollection<RowBatch>(BatchesAhead);
        var free = new ConcurrentQueue<RowBatch>();
        var callerKeyer = Keyer is null ? null : CallerKeyer;
        var keying = callerKeyer is null ? RowKeying.Parser : Keying;
        var observer = Observer;
        var keyer = Keyer;
        _keyWidth = keyer?.Width ?? 0;
        var parser = DedicatedThread.Run(() => Parse(ready, free, keepRead: observer is not null, keyer, keying, stop.Token), CancellationToken.None);
        try
        {
            foreach (var batch in ready.GetConsumingEnumerable(ct))
            {
                for (int i = 0; i < batch.Count; i++)
                {
                    if (batch.Rows[i] % CancellationCheckRows == 0)
                    {
                        ct.ThrowIfCancellationRequested();
                    }

                    if (!batch.Keyed)
                    {
                        // Before the row is yielded: the caller may change its fields.
                        callerKeyer!.Keys(batch.Fields[i], batch.Keys.AsSpan(i * _keyWidth, _keyWidth));
                    }

                    CurrentFieldCount = batch.FieldCounts[i];
                    (_keys, _keysAt) = (batch.Keys, i * _keyWidth);
                    observer?.Read(batch.Read[i]);
                    yield return (batch.Rows[i], batch.Fields[i]);
                }

                _keys = null;
                free.Enqueue(batch);
            }

            // Surfaces a parse error (malformed CSV) once the rows before it are done.
            parser.GetAwaiter().GetResult();
            Completed = !ct.IsCancellationRequested;
        }
        finally
        {
            // The reader is the parser's until it stops; its fault, if any, was surfaced above or gives way to the caller's own.
            stop.Cancel();
            Task.WaitAny([parser], CancellationToken.None);
        }

        ct.ThrowIfCancellationRequested();
    }

    public void Dispose() => _reader.Dispose();

    private void Parse(BlockingCollection<RowBatch> ready, ConcurrentQueue<RowBatch> free, bool keepRead, IRowKeyer? keyer, RowKeying keying, CancellationToken stop)
    {
        int width = keyer?.Width ?? 0;
        // The parser keys each row as it reads it, or (shared or caller keying) a whole batch or none once it is read.
        var rowKeyer = keying == RowKeying.Parser ? keyer : null;
        var strings = _reader.Columns.Select(_ => new CellStrings()).ToArray();
        int batchRows = BatchSize.Rows(strings.Length, BatchRows, BatchCells);
        try
        {
            bool more = true;
            while (more)
            {
                var batch = free.TryDequeue(out var recycled) ? recycled : new RowBatch(batchRows, _reader.Columns.Count, width);
                batch.Count = 0;
                while (batch.Count < batchRows && (more = _reader.Read()))
                {
                    var fields = batch.Fields[batch.Count];
                    for (int i = 0; i < fields.Length; i++)
                    {
                        fields[i] = strings[i].Get(_reader.GetField(i));
                    }

                    if (keepRead)
                    {
                        fields.CopyTo(batch.Read[batch.Count], 0);
                    }

                    rowKeyer?.Keys(fields, batch.Keys.AsSpan(batch.Count * width, width));

                    batch.FieldCounts[batch.Count] = _reader.RowFieldCount;
                    batch.Rows[batch.Count++] = _reader.RowIndex;
                }

                if (rowKeyer is null && keyer is not null)
                {
                    KeyOrLeave(batch, keyer, keying, ready.Count);
                }
                else
                {
                    batch.Keyed = true;
                }

                if (batch.Count > 0)
                {
                    ready.Add(batch, stop);
                }
            }
        }
        finally
        {
            ready.CompleteAdding();
        }
    }

    // Shared keying, once a batch is parsed: keyed here while the caller still has a batch waiting (the caller is
    // behind), else left to the caller, which has taken every batch and waits for this one.
    private static void KeyOrLeave(RowBatch batch, IRowKeyer keyer, RowKeying keying, int waiting)
    {
        batch.Keyed = keying == RowKeying.Shared && waiting > 0;
        if (batch.Keyed)
        {
            int width = keyer.Width;
            for (int r = 0; r < batch.Count; r++)
            {
                keyer.Keys(batch.Fields[r], batch.Keys.AsSpan(r * width, width));
            }
        }
    }

    private sealed class RowBatch(int capacity, int columns, int keyWidth)
    {
        public UInt128[] Keys { get; } = new UInt128[capacity * keyWidth];

        public int Count { get; set; }

        // False when the caller keys the rows (CallerKeyer).
        public bool Keyed { get; set; }

        public int[] Rows { get; } = new int[capacity];

        public int[] FieldCounts { get; } = new int[capacity];

        public string[][] Fields { get; } = [.. Enumerable.Range(0, capacity).Select(_ => new string[columns])];

        // The fields as read: the caller may change Fields in place.
        public string[][] Read { get; } = [.. Enumerable.Range(0, capacity).Select(_ => new string[columns])];
    }
}
