using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Hosting;

/// <summary>How a node that cannot start because of its settings reports it: one line naming the setting, exit 78.</summary>
public static class StartupFailure
{
    /// <summary>EX_CONFIG from sysexits.h: a configuration error, not worth restarting (the systemd unit's RestartPreventExitStatus).</summary>
    public const int ExitCode = 78;

    /// <summary>
    /// True for the settings errors a node meets before it starts: refused options and sections that do not bind. A
    /// refused setting is often refused twice at once (our validation and Quartz's own: "MaxConcurrency must be at
    /// least 1"), which the host reports as one AggregateException of both: still a settings error.
    /// </summary>
    public static bool IsConfiguration(Exception e) => e is AggregateException { InnerExceptions.Count: > 1 } many
        ? many.InnerExceptions.All(IsConfiguration)
        : Unwrap(e) is OptionsValidationException or StartupCheckException || RefusedDatabase(e) is not null
            || (Unwrap(e) is InvalidOperationException i && (i.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase)
                || i.Message.Contains("Failed to convert", StringComparison.Ordinal)));

    /// <summary>True for a start-up failure that <c>Program</c> reports in one line itself (the host's own trace is not logged then).</summary>
    public static bool IsReportedInOneLine(Exception e) => IsConfiguration(e) || UnreachableDependency(e) is not null || IsCancellation(e);

    /// <summary>
    /// A start cancelled by a stop (SIGTERM while starting), which <c>Program</c> reports in one line. The cancellation
    /// may come wrapped: Quartz reports its schema check cut by the stop as "Database schema validation failed …" (a
    /// SchedulerException over a JobPersistenceException over the OperationCanceledException), which the host then logged
    /// as "Hosting failed to start" with its trace beside the one line. A timeout (an OperationCanceledException over a
    /// TimeoutException, as HttpClient throws) is a failure, not a stop.
    /// </summary>
    public static bool IsCancellation(Exception e)
    {
        for (Exception? x = e; x is not null; x = x is AggregateException { InnerExceptions.Count: > 0 } a ? a.InnerExceptions[0] : x.InnerException)
        {
            if (x is OperationCanceledException)
            {
                return x.InnerException is not TimeoutException;
            }
        }
        return false;
    }

    /// <summary>
    /// The dependency a node could not reach while starting (PostgreSQL, Redis, its listening port held by another
    /// process), or null: a node started with its database down says so in one line and exits 1, which the systemd unit
    /// restarts, rather than dying with a trace (134, SIGABRT, as a held port did). A migration that could not get a
    /// table's lock in time (<see cref="Data.MigrationLockTimeoutException"/>) is said the same way: a restart retries it.
    /// </summary>
    public static string? UnreachableDependency(Exception e)
    {
        for (Exception? x = e; x is not null; x = x is AggregateException { InnerExceptions.Count: > 0 } a ? a.InnerExceptions[0] : x.InnerException)
        {
            switch (x)
            {
                case Data.MigrationLockTimeoutException:
                    return x.Message;
                case Npgsql.NpgsqlException when x is not Npgsql.PostgresException:
                    return $"cannot reach PostgreSQL ({x.Message}); check ConnectionStrings:Postgres and that the database is up";
                case StackExchange.Redis.RedisConnectionException:
                    return $"cannot reach Redis ({x.Message.Split('\n')[0]}); check Redis:Configuration and that Redis is up";
                case Microsoft.AspNetCore.Connections.AddressInUseException:
                case IOException when x.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException:
                    // Kestrel's "Failed to bind to address http://…: address already in use." names the address.
                    return $"cannot listen: {x.Message.TrimEnd('.')} (another process, perhaps another node, holds the port; stop it or give this node other Urls)";
            }
        }

        return null;
    }

    public static string Describe(Exception e) => e is AggregateException { InnerExceptions.Count: > 1 } many
        ? Describe(many.InnerExceptions[0]) // the node's own message first; Quartz's repeats it in its words
        : Unwrap(e) switch
    {
        _ when RefusedDatabase(e) is { } refused =>
            $"PostgreSQL refused the connection ({refused.SqlState}: {refused.MessageText}); check ConnectionStrings:Postgres (database, user, password).",
        OptionsValidationException v => string.Join(" ", v.Failures.Select(SettingName)),
        InvalidOperationException i when UnknownKeys(i.Message) is { } unknown => unknown,
        var other => other.InnerException is { } inner ? $"{other.Message} {inner.Message}" : other.Message,
    };

    // "DataAnnotation validation failed for 'SchedulerOptions' members: 'Concurrency' with the error: 'The field
    // Concurrency must be between 1 and 256.'." said as the operator writes the setting: Scheduler:Concurrency must be …
    private static string SettingName(string failure)
    {
        var match = System.Text.RegularExpressions.Regex.Match(failure,
            @"^DataAnnotation validation failed for '(?<type>\w+)' members: '(?<member>\w+)' with the error: '(?<error>.*)'\.?$");
        if (!match.Success)
        {
            return failure;
        }

        string section = SectionOf(typeof(StartupFailure).Assembly.GetTypes().FirstOrDefault(t => t.Name == match.Groups["type"].Value), match.Groups["type"].Value);
        string member = match.Groups["member"].Value;
        string error = match.Groups["error"].Value;
        error = error.StartsWith($"The field {member} ", StringComparison.Ordinal) ? error[$"The field {member} ".Length..]
            : error.StartsWith($"The {member} field ", StringComparison.Ordinal) ? error[$"The {member} field ".Length..]
            : error;
        // A message that names its setting itself (an IValidatableObject's: "Dashboard:SessionLifetime must be …") is said as it is.
        return error.StartsWith($"{section}:{member}", StringComparison.Ordinal) ? $"{error.TrimEnd('.')}." : $"{section}:{member} {error.TrimEnd('.')}.";
    }

    // The binder's "'ErrorOnUnknownConfiguration' was set …, but the following properties were not found on the instance
    // of Agensium.Scheduler.Jobs.SchedulerOptions: 'Concurency'" said as the operator wrote it: Scheduler:Concurency.
    private static string? UnknownKeys(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"not found on the instance of (?<type>[\w.+]+): (?<keys>.+)$");
        if (!match.Success)
        {
            return null;
        }

        var type = typeof(StartupFailure).Assembly.GetType(match.Groups["type"].Value);
        string section = SectionOf(type, match.Groups["type"].Value);
        var known = type is null ? [] : type.GetProperties().Where(p => p.CanWrite).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var keys = match.Groups["keys"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(k => k.Trim('\''))
            .Select(k => $"{section}:{k}" + (Agensium.Analysis.Common.NameSuggestion.Closest(k, known) is { } close ? $" (did you mean {section}:{close}?)" : ""));
        return $"unknown setting {string.Join(", ", keys)}; {section} has: {string.Join(", ", known)}.";
    }

    /// <summary>
    /// PostgreSQL answered and refused the connection string itself: the database does not exist (3D000), the password
    /// or the user is refused (28P01, 28000). A settings error like any other (exit 78, one line): it ended the node with
    /// the host's trace and SIGABRT (134), and a restart cannot mend it.
    /// </summary>
    private static Npgsql.PostgresException? RefusedDatabase(Exception e)
    {
        for (Exception? x = e; x is not null; x = x is AggregateException { InnerExceptions.Count: > 0 } a ? a.InnerExceptions[0] : x.InnerException)
        {
            if (x is Npgsql.PostgresException { SqlState: "3D000" or "28P01" or "28000" } refused)
            {
                return refused;
            }
        }
        return null;
    }

    // The configuration section an options class binds (its Section constant), else the type's name as the message gave it.
    private static string SectionOf(Type? options, string fallback) => options?.GetField("Section")?.GetValue(null) as string ?? fallback;

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0]) : e;
}

/// <summary>A check at start-up that the node's files and settings agree (e.g. the migration scripts) failed; the message says what to fix.</summary>
public sealed class StartupCheckException(string message) : Exception(message);
