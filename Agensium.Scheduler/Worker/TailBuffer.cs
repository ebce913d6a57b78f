namespace Agensium.Scheduler.Worker;

/// <summary>The last N lines a process wrote on stderr, to explain a crash.</summary>
public sealed class TailBuffer(int capacity)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public string Text(int maxChars)
    {
        lock (_gate)
        {
            var text = string.Join('\n', _lines).Trim();
            return text.Length <= maxChars ? text : text[^maxChars..];
        }
    }
}
