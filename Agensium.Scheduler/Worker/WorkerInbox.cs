using System.Threading.Channels;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// The worker's stdin, read on one thread in order: a request line gets its own cancellation source the moment it
/// is read and is queued for the run loop; "cancel" cancels the newest request (a no-op once it has ended, so a
/// cancel that crosses the end of a run never reaches the next one); the end of the stream exits the process:
/// the parent is gone or has retired this worker.
/// </summary>
internal sealed class WorkerInbox
{
    private readonly Channel<(string Line, CancellationTokenSource Cancel)> _requests =
        Channel.CreateUnbounded<(string, CancellationTokenSource)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Lock _gate = new();
    private CancellationTokenSource? _current;

    public void ReadAll(TextReader input)
    {
        while (input.ReadLine() is { } line)
        {
            if (line == WorkerJson.CancelCommand)
            {
                lock (_gate)
                {
                    _current?.Cancel();
                }
            }
            else if (line.Length > 0)
            {
                var cancel = new CancellationTokenSource();
                lock (_gate)
                {
                    _current = cancel;
                }
                _requests.Writer.TryWrite((line, cancel));
            }
        }
        Environment.Exit(WorkerHost.ParentGoneExitCode);
    }

    public async Task<(string Line, CancellationTokenSource Cancel)?> NextAsync() =>
        await _requests.Reader.WaitToReadAsync() && _requests.Reader.TryRead(out var next) ? next : null;

    /// <summary>The run of <paramref name="cancel"/> has ended: later cancels are no longer its.</summary>
    public void EndRun(CancellationTokenSource cancel)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_current, cancel))
            {
                _current = null;
            }
        }
    }
}
