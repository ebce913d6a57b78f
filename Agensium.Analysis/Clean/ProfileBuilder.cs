using System.Collections.Concurrent;
using Agensium.Analysis.Common;

namespace Agensium.Analysis.Clean;

/// <summary>
/// Builds the <see cref="FileProfile"/> of written rows on a thread of its own, in row order, so the writing agent
/// hands each row over (its field references copied into a batch) instead of waiting for the stats and row key.
/// </summary>
internal sealed class ProfileBuilder : IDisposable
{
    private const int BatchRows = 4096;
    private const int BatchCells = 1 << 16;
    private const int BatchesAhead = 4;

    private readonly FileProfile _profile;
    private readonly int _columns;
    private readonly int _batchRows;
    private readonly BlockingCollection<Batch> _ready = new(BatchesAhead);
    private readonly ConcurrentQueue<Batch> _free = new();
    private readonly Task _worker;
    private Batch _current;
    private bool _completed;

    public ProfileBuilder(IReadOnlyList<string> header)
    {
        _profile = new FileProfile(header);
        _columns = header.Count;
        _batchRows = BatchSize.Rows(_columns, BatchRows, BatchCells);
        _current = new Batch(_batchRows, _columns);
        _worker = Task.Run(Work, CancellationToken.None);
    }

    public void Add(IReadOnlyList<string?> fields)
    {
        var row = _current.Rows[_current.Count++];
        for (int i = 0; i < row.Length; i++)
        {
            row[i] = fields[i];
        }

        if (_current.Count == _batchRows)
        {
            _ready.Add(_current);
            _current = _free.TryDequeue(out var recycled) ? recycled : new Batch(_batchRows, _columns);
        }
    }

    /// <summary>Waits for the rows handed over so far and returns the profile; no row may be added after.</summary>
    public FileProfile Complete()
    {
        if (!_completed)
        {
            _completed = true;
            _ready.Add(_current);
            _ready.CompleteAdding();
            _worker.GetAwaiter().GetResult();
        }

        return _profile;
    }

    public void Dispose()
    {
        if (!_ready.IsAddingCompleted)
        {
            _ready.CompleteAdding();
        }

        // A writer given up half way (its agent failed) only stops the worker; its profile is never read.
        Task.WaitAny([_worker], CancellationToken.None);
        _ready.Dispose();
    }

    private void Work()
    {
        foreach (var batch in _ready.GetConsumingEnumerable())
        {
            for (int r = 0; r < batch.Count; r++)
            {
                _profile.Add(batch.Rows[r]);
            }

            batch.Count = 0;
            _free.Enqueue(batch);
        }
    }

    private sealed class Batch(int rows, int columns)
    {
        public int Count { get; set; }

        public string?[][] Rows { get; } = [.. Enumerable.Range(0, rows).Select(_ => new string?[columns])];
    }
}
