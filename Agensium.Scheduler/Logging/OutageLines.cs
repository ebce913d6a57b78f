using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Agensium.Scheduler.Logging;

/// <summary>
/// Writes an event whose exception is only a dependency's outage (<see cref="OutageCause"/>) as one line, its cause
/// after the message instead of the exception's trace, at the level it was logged at, and says the same line at most
/// once per <see cref="RepeatEvery"/>, with how many were left out in between. During a PostgreSQL outage Quartz logged
/// "Error managing cluster" at every check-in (2 s) and "An error occurred while scanning for the next trigger to fire"
/// with Npgsql's 30-line trace each time, and the service's own warnings (a job's progress or end not recorded, a loop
/// that failed) carried the same trace: a minute's outage was hundreds of lines hiding the few that said what happened.
/// An idle node still says at once, and once a minute while it lasts, that the database is unreachable. Every other
/// event, and an outage's event without an exception (the service's own warnings that name the reason), passes as it
/// is; an exception that is not an outage keeps its trace.
/// </summary>
public sealed partial class OutageLines(ILogEventSink inner) : ILogEventSink, IDisposable
{
    /// <summary>How often one line of an outage that goes on is said again.</summary>
    public static readonly TimeSpan RepeatEvery = TimeSpan.FromMinutes(1);

    private const string CauseProperty = "OutageCause";
    private const string LeftOutProperty = "OutageLinesLeftOut";
    private const int MaxRemembered = 1000;

    private static readonly MessageTemplateParser Parser = new();
    private readonly ConcurrentDictionary<(string Template, bool Counted), MessageTemplate> _templates = new();
    private readonly Dictionary<string, Said> _said = new(StringComparer.Ordinal);

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Exception is not { } exception || OutageCause.Of(exception) is not { } cause)
        {
            inner.Emit(logEvent);
            return;
        }
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, Shortened(p.Value)))
            .Append(new LogEventProperty(CauseProperty, new ScalarValue(cause))).ToList();
        var line = new LogEvent(logEvent.Timestamp, logEvent.Level, null, Template(logEvent.MessageTemplate.Text, false), properties,
            logEvent.TraceId ?? default, logEvent.SpanId ?? default);
        var key = $"{logEvent.Level} {JobPrefix(logEvent)}{line.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        if (Due(key, logEvent.Timestamp) is not { } leftOut)
        {
            return;
        }
        if (leftOut > 0)
        {
            properties.Add(new LogEventProperty(LeftOutProperty, new ScalarValue(leftOut)));
            line = new LogEvent(logEvent.Timestamp, logEvent.Level, null, Template(logEvent.MessageTemplate.Text, true), properties,
                logEvent.TraceId ?? default, logEvent.SpanId ?? default);
        }
        inner.Emit(line);
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    // The job a line is about, which the seed's format names before the message ("[process-analysis(t-2)]", from the
    // job's log scope) rather than in it: the same warning of two tasks is two lines, as when the task is in the message.
    private static string JobPrefix(LogEvent e) =>
        e.Properties.TryGetValue("JobPrefix", out var prefix) && prefix is ScalarValue { Value: string text } ? text : "";

    // Quartz's "Error managing cluster: {ExceptionMessage}" passes the message of its JobPersistenceException, which
    // holds the whole of the Npgsql exception it wraps, trace included ("Failed to obtain DB connection from data source
    // 'quartz': Npgsql.NpgsqlException (0x80004005): Failed to connect …\n ---> …\n   at …"): such a text is cut where the
    // wrapped exception begins, the cause being said after the message anyway.
    private static LogEventPropertyValue Shortened(LogEventPropertyValue value)
    {
        if (value is not ScalarValue { Value: string text } || text.IndexOfAny(['\r', '\n']) < 0)
        {
            return value;
        }
        var line = text[..text.IndexOfAny(['\r', '\n'])];
        var wrapped = WrappedException().Match(line);
        return new ScalarValue(wrapped.Success ? line[..wrapped.Index].TrimEnd(':', ' ') : line.TrimEnd());
    }

    // ": Npgsql.NpgsqlException (0x80004005): " and the like, as Exception.ToString() begins.
    [System.Text.RegularExpressions.GeneratedRegex(@":? ?[A-Z]\w*(\.\w+)+Exception \(0x[0-9A-Fa-f]{8}\): ")]
    private static partial System.Text.RegularExpressions.Regex WrappedException();

    // The message with the cause after it, and with the count of identical lines left out since the last one said.
    private MessageTemplate Template(string text, bool counted) => _templates.Count > MaxRemembered
        ? Parse(text, counted)
        : _templates.GetOrAdd((text, counted), k => Parse(k.Template, k.Counted));

    private static MessageTemplate Parse(string text, bool counted) => Parser.Parse(counted
        ? $"{text} ({{{CauseProperty}}}; {{{LeftOutProperty}}} more like it since the last)"
        : $"{text} ({{{CauseProperty}}})");

    /// <summary>Null when this line was said less than <see cref="RepeatEvery"/> ago (it is counted); else how many were left out since.</summary>
    private int? Due(string key, DateTimeOffset now)
    {
        lock (_said)
        {
            if (_said.TryGetValue(key, out var said) && now >= said.At && now - said.At < RepeatEvery)
            {
                _said[key] = said with { LeftOut = said.LeftOut + 1 };
                return null;
            }
            if (_said.Count >= MaxRemembered)
            {
                // Lines of a past outage, or of many tasks: keep those still within their minute.
                foreach (var old in _said.Where(s => now - s.Value.At >= RepeatEvery || now < s.Value.At).Select(s => s.Key).ToList())
                {
                    _said.Remove(old);
                }
                if (_said.Count >= MaxRemembered)
                {
                    _said.Clear();
                }
            }
            _said[key] = new Said(now, 0);
            return said.LeftOut;
        }
    }

    private readonly record struct Said(DateTimeOffset At, int LeftOut);
}
