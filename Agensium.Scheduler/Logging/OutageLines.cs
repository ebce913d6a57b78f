using System.Diagnostics;
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
/// A line's repeats end when its dependency answers again (<see cref="Answered"/>: PostgreSQL's heartbeat written
/// again), when the line has not come for <see cref="RepeatEvery"/>, or when the node stops: then the repeats left out
/// since the line was last said are counted in one more line, and the next outage's line is said at once. Before, the
/// count of the last repeats was never said (it waited for a next line that did not come), and a new outage within a
/// minute of the last line said was folded into the old one's count (found by the stop-39 probe).
/// </summary>
public sealed partial class OutageLines : ILogEventSink, IDisposable
{
    /// <summary>How often one line of an outage that goes on is said again, and how long a line that stops coming is taken to go on.</summary>
    public static readonly TimeSpan RepeatEvery = TimeSpan.FromMinutes(1);

    private const string CauseProperty = "OutageCause";
    private const string LeftOutProperty = "OutageLinesLeftOut";
    private const string LastAtProperty = "OutageLastAt";
    private const int MaxRemembered = 1000;

    private static readonly MessageTemplateParser Parser = new();
    private static readonly MessageTemplate AnsweredTemplate = Parser.Parse("{OutageDependency} answers again (its outage lines began at {OutageSince})");
    private static readonly ConcurrentDictionary<OutageLines, byte> Live = new();

    private readonly ILogEventSink _inner;
    private readonly TimeProvider _time;
    private readonly ITimer _quietCheck;
    private readonly object _checking = new();
    private volatile bool _disposed;
    private readonly ConcurrentDictionary<(string Template, Form Form), MessageTemplate> _templates = new();
    private readonly Dictionary<string, Run> _said = new(StringComparer.Ordinal);

    /// <param name="inner">The sinks the lines are written to.</param>
    /// <param name="time">The clock of the quiet check (its timer, the time a line came, the time an end is said at);
    /// the system's by default, a test's own to take a quiet minute without waiting for one.</param>
    public OutageLines(ILogEventSink inner, TimeProvider? time = null)
    {
        _inner = inner;
        _time = time ?? TimeProvider.System;
        // Lines that stopped coming are counted out within a few seconds of their minute, also on a node that says
        // nothing else meanwhile.
        _quietCheck = _time.CreateTimer(_ => EndQuiet(), null, QuietCheckEvery, QuietCheckEvery);
        Live[this] = 0;
    }

    /// <summary>How often lines are looked at for one that stopped coming.</summary>
    public static readonly TimeSpan QuietCheckEvery = TimeSpan.FromSeconds(10);

    /// <summary>
    /// <paramref name="dependency"/> (<see cref="OutageCause.PostgreSql"/>, …) answers again after calls to it failed: its
    /// outage lines are over. Each line whose repeats were left out since it was last said is said once more with their
    /// count, then one line says the dependency answers, and the next outage's line is said at once.
    /// </summary>
    public static void Answered(string dependency)
    {
        foreach (var lines in Live.Keys)
        {
            lines.End(run => run.Dependency == dependency, lines._time.GetUtcNow(), dependency);
        }
    }

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Exception is not { } exception || OutageCause.Of(exception) is not { } cause)
        {
            _inner.Emit(logEvent);
            return;
        }
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, Shortened(p.Value)))
            .Append(new LogEventProperty(CauseProperty, new ScalarValue(cause))).ToList();
        var line = new LogEvent(logEvent.Timestamp, logEvent.Level, null, Template(logEvent.MessageTemplate.Text, Form.Said), properties,
            logEvent.TraceId ?? default, logEvent.SpanId ?? default);
        var key = $"{logEvent.Level} {JobPrefix(logEvent)}{line.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        var (ended, leftOut) = Due(key, logEvent, properties, OutageCause.DependencyOf(exception) ?? "");
        foreach (var end in ended)
        {
            _inner.Emit(end);
        }
        if (leftOut is not { } n)
        {
            return;
        }
        if (n > 0)
        {
            properties.Add(new LogEventProperty(LeftOutProperty, new ScalarValue(n)));
            line = new LogEvent(logEvent.Timestamp, logEvent.Level, null, Template(logEvent.MessageTemplate.Text, Form.Counted), properties,
                logEvent.TraceId ?? default, logEvent.SpanId ?? default);
        }
        _inner.Emit(line);
    }

    /// <summary>Says the count of every line's last repeats (the node stops), then closes the sinks.</summary>
    public void Dispose()
    {
        Live.TryRemove(this, out _);
        _disposed = true;
        _quietCheck.Dispose();
        // A quiet check under way ends before the sinks close (a check that starts from now on sees _disposed and does
        // nothing). One stuck on a stalled sink is given 5 s.
        if (Monitor.TryEnter(_checking, TimeSpan.FromSeconds(5)))
        {
            Monitor.Exit(_checking);
        }
        End(_ => true, _time.GetUtcNow(), null);
        (_inner as IDisposable)?.Dispose();
    }

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

    private enum Form { Said, Counted, Ended }

    // The message with the cause after it; with the count of identical lines left out since the last one said; and, at
    // the end of its repeats, with that count and the time of the last of them.
    private MessageTemplate Template(string text, Form form) => _templates.Count > MaxRemembered
        ? Parse(text, form)
        : _templates.GetOrAdd((text, form), k => Parse(k.Template, k.Form));

    private static MessageTemplate Parse(string text, Form form) => Parser.Parse(form switch
    {
        Form.Counted => $"{text} ({{{CauseProperty}}}; {{{LeftOutProperty}}} more like it since the last)",
        Form.Ended => $"{text} ({{{CauseProperty}}}; {{{LeftOutProperty}}} more like it since the last, the last at {{{LastAtProperty}}})",
        _ => $"{text} ({{{CauseProperty}}})",
    });

    /// <summary>
    /// Whether the line is said: null when it was said less than <see cref="RepeatEvery"/> ago and its repeats go on (it
    /// is counted); else how many were left out since. A line that had not come for <see cref="RepeatEvery"/> starts a
    /// new outage: it is said at once, after the end of the old one's repeats (Ended) if any were left out.
    /// </summary>
    private (List<LogEvent> Ended, int? LeftOut) Due(string key, LogEvent logEvent, List<LogEventProperty> properties, string dependency)
    {
        var now = logEvent.Timestamp;
        var seen = _time.GetTimestamp();
        var ended = new List<LogEvent>();
        lock (_said)
        {
            if (_said.TryGetValue(key, out var run))
            {
                // Within a minute of its last repeat either way: two threads logging the same line take their time stamps
                // before the sink's lock, so a repeat may come a little earlier than the one before it.
                if ((now - run.LastAt).Duration() < RepeatEvery)
                {
                    if (now - run.SaidAt < RepeatEvery)
                    {
                        _said[key] = run with { LastAt = now > run.LastAt ? now : run.LastAt, LastSeen = seen, LeftOut = run.LeftOut + 1 };
                        return (ended, null);
                    }
                    _said[key] = run with { SaidAt = now, LastAt = now > run.LastAt ? now : run.LastAt, LastSeen = seen, LeftOut = 0 };
                    return (ended, run.LeftOut);
                }
                Forget(key, run, now, ended);
            }
            if (_said.Count >= MaxRemembered)
            {
                // Lines of a past outage, or of many tasks: keep those still within their minute. A line forgotten is
                // ended as one that stopped coming (its repeats left out are said with their count); they were dropped
                // unsaid (stop 40).
                foreach (var (old, oldRun) in _said.Where(s => now - s.Value.LastAt >= RepeatEvery || now < s.Value.LastAt).ToList())
                {
                    Forget(old, oldRun, now, ended);
                }
                if (_said.Count >= MaxRemembered)
                {
                    foreach (var (old, oldRun) in _said.ToList())
                    {
                        Forget(old, oldRun, now, ended);
                    }
                }
            }
            _said[key] = new Run(now, now, seen, 0, dependency, logEvent.Level, logEvent.MessageTemplate.Text, properties,
                logEvent.TraceId ?? default, logEvent.SpanId ?? default);
            return (ended, 0);
        }
    }

    /// <summary>Ends a remembered line's run: it is forgotten, and the end of its repeats, if any were left out, joins <paramref name="ended"/>.</summary>
    private void Forget(string key, Run run, DateTimeOffset at, List<LogEvent> ended)
    {
        _said.Remove(key);
        if (Ended(run, at) is { } line)
        {
            ended.Add(line);
        }
    }

    // Lines not come for a minute of this node's clock (measured on receipt, not by their time stamps) are over.
    private void EndQuiet()
    {
        lock (_checking)
        {
            if (_disposed)
            {
                return;
            }
            var now = _time.GetTimestamp();
            End(run => _time.GetElapsedTime(run.LastSeen, now) >= RepeatEvery, _time.GetUtcNow(), null);
        }
    }

    /// <summary>Ends the runs of lines that <paramref name="over"/> picks: their left-out count is said; then, for a dependency that answers again, that it does.</summary>
    private void End(Func<Run, bool> over, DateTimeOffset at, string? answered)
    {
        var lines = new List<LogEvent>();
        DateTimeOffset? since = null;
        LogEventPropertyValue? node = null;
        lock (_said)
        {
            foreach (var (key, run) in _said.Where(s => over(s.Value)).ToList())
            {
                _said.Remove(key);
                if (Ended(run, at) is { } line)
                {
                    lines.Add(line);
                }
                since = since is { } s && s <= run.FirstAt ? s : run.FirstAt;
                node ??= run.Properties.FirstOrDefault(p => p.Name == "NodeId")?.Value;
            }
        }
        if (answered is not null && since is { } began)
        {
            lines.Add(new LogEvent(at, LogEventLevel.Information, null, AnsweredTemplate,
                [new LogEventProperty("OutageDependency", new ScalarValue(answered)),
                 new LogEventProperty("OutageSince", new ScalarValue(began.UtcDateTime.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))),
                 new LogEventProperty("SourceContext", new ScalarValue(typeof(OutageLines).FullName)),
                 // Said by this sink, after the pipeline's enrichers: the seed format's fields are set here.
                 new LogEventProperty("LevelName", new ScalarValue("INFO")),
                 new LogEventProperty("NodeId", node ?? new ScalarValue("")),
                 new LogEventProperty("JobPrefix", new ScalarValue(""))]));
        }
        foreach (var line in lines)
        {
            try
            {
                _inner.Emit(line);
            }
            catch (Exception e)
            {
                // Said from a timer or a heartbeat, not from Serilog's pipeline, which would have caught it: a log
                // line that cannot be written must not stop the node.
                Serilog.Debugging.SelfLog.WriteLine("OutageLines could not write a line: {0}", e);
            }
        }
    }

    // The line once more with the count of its repeats left out since it was last said and the time of the last of them;
    // null when none was left out (the line said last was the last one).
    private LogEvent? Ended(Run run, DateTimeOffset at) => run.LeftOut == 0 ? null : new LogEvent(at, run.Level, null, Template(run.Text, Form.Ended),
        [.. run.Properties,
         new LogEventProperty(LeftOutProperty, new ScalarValue(run.LeftOut)),
         new LogEventProperty(LastAtProperty, new ScalarValue(run.LastAt.UtcDateTime.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)))],
        run.TraceId, run.SpanId);

    /// <summary>
    /// One line's repeats: when they began and the line was last said (event time), the last repeat (event time, and
    /// the timestamp of the sink's clock when it came), how many were left out since it was last said, and what to say them with.
    /// </summary>
    private sealed record Run(DateTimeOffset SaidAt, DateTimeOffset LastAt, long LastSeen, int LeftOut, string Dependency, LogEventLevel Level,
        string Text, IReadOnlyList<LogEventProperty> Properties, ActivityTraceId TraceId, ActivitySpanId SpanId)
    {
        public DateTimeOffset FirstAt { get; init; } = SaidAt;
    }
}
