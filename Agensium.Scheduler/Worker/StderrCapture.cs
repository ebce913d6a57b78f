namespace Agensium.Scheduler.Worker;

/// <summary>
/// What a worker wrote on stderr during its current run, to explain a crash: the first lines (where .NET puts the
/// headline: "Stack overflow.", "Unhandled exception. System.…: message", FailFast's message) and the last ones
/// (the bottom of a stack trace). A deep stack trace has thousands of lines; keeping only its end lost the headline.
/// </summary>
public sealed class StderrCapture(int headLines = 6, int tailLines = 30)
{
    private readonly List<string> _head = [];
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private long _skipped;

    /// <summary>Forgets what earlier runs wrote: a new run starts.</summary>
    public void Restart()
    {
        lock (_gate)
        {
            _head.Clear();
            _tail.Clear();
            _skipped = 0;
        }
    }

    public void Add(string line)
    {
        lock (_gate)
        {
            if (_head.Count < headLines)
            {
                _head.Add(line);
                return;
            }
            _tail.Enqueue(line);
            if (_tail.Count > tailLines)
            {
                _tail.Dequeue();
                _skipped++;
            }
        }
    }

    /// <summary>
    /// The captured text within <paramref name="maxChars"/>: the head first (up to half the budget), then as much of
    /// the tail's end as fits, with a marker where lines were left out.
    /// </summary>
    public string Text(int maxChars)
    {
        lock (_gate)
        {
            var head = string.Join('\n', _head).Trim();
            var tail = string.Join('\n', _tail).Trim();
            var gap = _skipped > 0 ? $"\n… ({_skipped} lines) …\n" : "\n";
            var whole = tail.Length == 0 ? head : head + gap + tail;
            if (whole.Length <= maxChars)
            {
                return whole;
            }
            if (head.Length > maxChars / 2)
            {
                head = head[..(maxChars / 2)] + "…";
            }
            const string Cut = "\n… …\n";
            var room = Math.Max(0, maxChars - head.Length - Cut.Length);
            return tail.Length == 0 ? head : head + Cut + tail[^Math.Min(room, tail.Length)..];
        }
    }
}
