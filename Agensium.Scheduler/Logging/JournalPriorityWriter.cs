using System.Text;
using System.Text.RegularExpressions;

namespace Agensium.Scheduler.Logging;

/// <summary>
/// Under systemd (JOURNAL_STREAM set: standard output goes to journald) the console lines get the syslog priority
/// prefix journald reads (SyslogLevelPrefix=, on by default): <c>&lt;3&gt;[time: ERROR/node] …</c>, so that
/// <c>journalctl -p err</c> shows the node's errors; without it every line was filed at info. The level is the one
/// the line shows (the seed's format); the lines that follow a log line (an exception's trace) get its priority.
/// </summary>
public sealed partial class JournalPriorityWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder _line = new();
    private string _priority = "<6>";

    public override Encoding Encoding => inner.Encoding;

    /// <summary>True when the process's standard output is journald's (systemd sets JOURNAL_STREAM for it).</summary>
    public static bool UnderJournald => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"));

    /// <summary>
    /// A line written to standard error before the host's logging runs (why the node did not start), with the priority
    /// journald files it by when the node runs under it: without one it was filed at info, so <c>journalctl -p err</c>
    /// did not show why a node stopped at start-up.
    /// </summary>
    public static string Prefixed(string priority, string line) => UnderJournald ? priority + line : line;

    /// <summary>The syslog priority of a console line in the seed's format, or null for a line that is not one.</summary>
    public static string? PriorityOf(string line)
    {
        var match = LevelOfLine().Match(line);
        return !match.Success ? null : match.Groups[1].Value switch
        {
            "DEBUG" => "<7>",
            "INFO" => "<6>",
            "WARNING" => "<4>",
            "ERROR" => "<3>",
            _ => "<2>",
        };
    }

    public override void Write(char value)
    {
        lock (_line)
        {
            if (value == '\n')
            {
                var line = _line.ToString();
                _line.Clear();
                _priority = PriorityOf(line) ?? _priority;
                inner.Write(_priority);
                inner.Write(line);
                inner.Write('\n');
            }
            else
            {
                _line.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? "")
        {
            Write(c);
        }
    }

    public override void Flush()
    {
        lock (_line)
        {
            inner.Flush();
        }
    }

    [GeneratedRegex(@"^\[[^\]]*?: (DEBUG|INFO|WARNING|ERROR|CRITICAL)/")]
    private static partial Regex LevelOfLine();
}
