using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Agensium.Analysis.Common;

namespace Agensium.Analysis.Clean;

/// <summary>
/// Writes rows (<c>write</c>, e.g. as CSV text) and builds the <see cref="FileProfile"/> of them on a thread of its
/// own, in row order, so the writing agent hands each row over (its field references copied into a batch) instead of
/// formatting it and waiting for the stats and row key. A fault of that thread (a full disk) fails the next row handed
/// over, or <see cref="Complete"/>.
/// A profile that follows changes (<see cref="FileProfile.Following"/>) is handed each row as read too, and the rows
/// dropped; with <see cref="CheckFollowedProfiles"/> on, it is also counted cell by cell and the two compared.
/// </summary>
internal sealed class ProfileBuilder : IDisposable
{
    private const int BatchRows = 2048;
    private const int BatchCells = 1 << 16;
    private const int BatchesAhead = 2;

    private static long s_checked;

    private readonly FileProfile _profile;
    private readonly FileProfile? _check;
    private readonly int _columns;
    private readonly int _readColumns;
    private readonly int _batchRows;
    private readonly BlockingCollection<Batch> _ready = new(BatchesAhead);
    private readonly ConcurrentQueue<Batch> _free = new();
    private readonly Action<string?[]>? _write;
    private readonly Task _worker;
    private Batch _current;
    private bool _completed;
    private volatile ExceptionDispatchInfo? _fault;

    /// <summary>A builder that counts every cell of the rows written under <paramref name="header"/>, each first given to <paramref name="write"/>.</summary>
    public ProfileBuilder(IReadOnlyList<string> header, Action<string?[]>? write = null)
        : this(new FileProfile(header), 0, write)
    {
    }

    /// <summary>
    /// A builder of <paramref name="following"/>: a profile that follows the changes to a file of <paramref name="readColumns"/>
    /// columns, or one that counts every cell (then <paramref name="readColumns"/> is not used); each row written is
    /// first given to <paramref name="write"/>.
    /// </summary>
    public ProfileBuilder(FileProfile following, int readColumns, Action<string?[]>? write = null)
    {
        _profile = following;
        _write = write;
        _columns = following.Columns.Count;
        _readColumns = following.FollowsChanges ? readColumns : 0;
        _check = following.FollowsChanges && CheckFollowedProfiles ? new FileProfile(following.Columns, tokensAreValues: [.. following.Stats.Select(s => !s.TokensAreNull)]) : null;
        _batchRows = BatchSize.Rows(_columns + _readColumns, BatchRows, BatchCells);
        _current = new Batch(_batchRows, _columns, _readColumns);
        _worker = DedicatedThread.Run(Work, CancellationToken.None);
    }

    /// <summary>
    /// When true, a profile that follows changes is also counted cell by cell from the rows written, and
    /// <see cref="Complete"/> throws if the two differ in any figure (the tests turn it on; it doubles the profile's cost).
    /// </summary>
    public static bool CheckFollowedProfiles { get; set; }

    /// <summary>Profiles that followed changes and were found equal to counting every cell (<see cref="CheckFollowedProfiles"/>).</summary>
    public static long FollowedProfilesChecked => Interlocked.Read(ref s_checked);

    /// <summary>A row written (a profile that counts every cell).</summary>
    public void Add(IReadOnlyList<string?> fields) => Hand(fields, null);

    /// <summary>A row of the file read (<paramref name="read"/>) written as <paramref name="fields"/>, or dropped when <paramref name="fields"/> is null.</summary>
    public void Hand(IReadOnlyList<string?>? fields, string[]? read)
    {
        _fault?.Throw();
        if (_completed)
        {
            throw new InvalidOperationException("A row was handed over after the profile was completed.");
        }

        int n = _current.Count;
        if (fields is null)
        {
            _current.Dropped[n] = true;
        }
        else
        {
            _current.Dropped[n] = false;
            var row = _current.Rows[n];
            if (fields is string?[] array)
            {
                // One block copy: no interface call and type check per cell (the agents hand over the scan's arrays).
                array.AsSpan(0, row.Length).CopyTo(row);
            }
            else
            {
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] = fields[i];
                }
            }
        }

        if (read is not null)
        {
            Array.Copy(read, _current.Read[n], _readColumns);
        }

        _current.Count = n + 1;

        if (_current.Count == _batchRows)
        {
            _ready.Add(_current);
            _current = _free.TryDequeue(out var recycled) ? recycled : new Batch(_batchRows, _columns, _readColumns);
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
            _fault?.Throw();
            if (_check is not null && _profile.Difference(_check) is { } difference)
            {
                throw new InvalidOperationException($"The profile that followed the changes differs from the file written (followed against counted): {difference}.");
            }

            if (_check is not null)
            {
                Interlocked.Increment(ref s_checked);
            }
        }

        return _profile;
    }

    /// <summary>Writes the rows handed over and not yet written, and stops the thread; a fault is surfaced by <see cref="Complete"/>, not here.</summary>
    public void Dispose()
    {
        if (!_ready.IsAddingCompleted)
        {
            // The thread drains every batch even after a fault, so this never waits on a full queue.
            _ready.Add(_current);
            _ready.CompleteAdding();
        }

        Task.WaitAny([_worker], CancellationToken.None);
        _ready.Dispose();
    }

    private void Work()
    {
        bool follows = _profile.FollowsChanges;
        foreach (var batch in _ready.GetConsumingEnumerable())
        {
            try
            {
                if (_fault is null)
                {
                    Process(batch, follows);
                }
            }
            catch (Exception e)
            {
                _fault = ExceptionDispatchInfo.Capture(e);
            }

            batch.Count = 0;
            _free.Enqueue(batch);
        }
    }

    private void Process(Batch batch, bool follows)
    {
        for (int r = 0; r < batch.Count; r++)
        {
            if (batch.Dropped[r])
            {
                _profile.Drop(batch.Read[r]);
                continue;
            }

            _write?.Invoke(batch.Rows[r]);
            if (!follows)
            {
                _profile.Add(batch.Rows[r]);
            }
            else
            {
                _profile.Replace(batch.Read[r], batch.Rows[r]);
                _check?.Add(batch.Rows[r]);
            }
        }
    }

    private sealed class Batch(int rows, int columns, int readColumns)
    {
        public int Count { get; set; }

        public string?[][] Rows { get; } = [.. Enumerable.Range(0, rows).Select(_ => new string?[columns])];

        public string[][] Read { get; } = [.. Enumerable.Range(0, rows).Select(_ => new string[readColumns])];

        public bool[] Dropped { get; } = new bool[rows];
    }
}
