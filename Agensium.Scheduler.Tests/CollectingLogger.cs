using Microsoft.Extensions.Logging;

namespace Agensium.Scheduler.Tests;

/// <summary>A logger that keeps every formatted line and its exception, for tests that check what a class logs.</summary>
public sealed class CollectingLogger<T> : ILogger<T>
{
    private readonly List<(string Line, Exception? Exception)> _entries = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries.Select(e => e.Line)];
            }
        }
    }

    public IReadOnlyList<Exception?> Exceptions
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries.Select(e => e.Exception)];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((formatter(state, exception), exception));
        }
    }
}
