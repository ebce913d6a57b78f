using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Hosting;

/// <summary>How a node that cannot start because of its settings reports it: one line naming the setting, exit 78.</summary>
public static class StartupFailure
{
    /// <summary>EX_CONFIG from sysexits.h: a configuration error, not worth restarting (the systemd unit's RestartPreventExitStatus).</summary>
    public const int ExitCode = 78;

    /// <summary>True for the settings errors a node meets before it starts: refused options and sections that do not bind.</summary>
    public static bool IsConfiguration(Exception e) => Unwrap(e) is OptionsValidationException or StartupCheckException
        || (Unwrap(e) is InvalidOperationException i && (i.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase)
            || i.Message.Contains("Failed to convert", StringComparison.Ordinal)));

    public static string Describe(Exception e) => Unwrap(e) switch
    {
        OptionsValidationException v => string.Join(" ", v.Failures),
        var other => other.InnerException is { } inner ? $"{other.Message} {inner.Message}" : other.Message,
    };

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0]) : e;
}

/// <summary>A check at start-up that the node's files and settings agree (e.g. the migration scripts) failed; the message says what to fix.</summary>
public sealed class StartupCheckException(string message) : Exception(message);
