using System.Globalization;
using Serilog.Events;

namespace Agensium.Scheduler.Tests;

/// <summary>A Serilog sink that keeps every event, for tests that check what the node's log sinks are handed.</summary>
public sealed class CollectingLogSink : Serilog.Core.ILogEventSink
{
    public List<LogEvent> Events { get; } = [];

    public void Emit(LogEvent logEvent)
    {
        lock (Events)
        {
            Events.Add(logEvent);
        }
    }

    /// <summary>Every event's message as rendered (<see cref="Render"/>).</summary>
    public List<string> Rendered()
    {
        lock (Events)
        {
            return [.. Events.Select(Render)];
        }
    }

    /// <summary>An event's message, without the quotes Serilog puts around a string value.</summary>
    public static string Render(LogEvent e) => e.RenderMessage(CultureInfo.InvariantCulture).Replace("\"", "", StringComparison.Ordinal);
}
