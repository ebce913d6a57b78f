using System.Net.Http;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Agensium.Scheduler.Storage;
using Npgsql;
using StackExchange.Redis;

namespace Agensium.Scheduler.Logging;

/// <summary>
/// Says in one line which dependency is away and why, for an exception that is nothing but an outage: PostgreSQL
/// unreachable (<see cref="DatabaseOutageEchoes.IsOutage"/>), no connection to Redis, object storage (S3) not answering
/// or refusing the connection, or a PostgreSQL call not answered in time (<see cref="DatabaseOutageEchoes.IsTimedOut"/>). Its stack trace says nothing an operator can act on (the frames are Npgsql's, the Redis
/// client's, the HTTP stack's), so <see cref="OutageLines"/> writes the cause instead of the trace. Any other exception
/// (a bug, a constraint, a refused password, a statement PostgreSQL cancelled when it ran past its timeout) is none of
/// these and keeps its trace.
/// </summary>
public static partial class OutageCause
{
    /// <summary>
    /// The outage's cause, "NpgsqlException: Failed to connect to 127.0.0.1:55432: Connection refused", or null when the
    /// exception is not an outage of a dependency.
    /// </summary>
    public static string? Of(Exception exception)
    {
        if (Outage(exception) is not { } outage)
        {
            return null;
        }
        if (outage is RedisConnectionException redis)
        {
            return $"{nameof(RedisConnectionException)}: {Brief(redis)}";
        }
        var message = FirstLine(outage.Message);
        var root = FirstLine(outage.GetBaseException().Message);
        // Npgsql's "Failed to connect to HOST:PORT" says why only in its inner exception (refused, timed out).
        var said = root.Length == 0 || message.Contains(root, StringComparison.Ordinal) ? message : $"{message.TrimEnd('.', ' ')}: {root}";
        return $"{outage.GetType().Name}: {said}";
    }

    /// <summary>Which dependency an outage's exception is of: <see cref="PostgreSql"/>, <see cref="Redis"/> or <see cref="S3"/>; null when it is no outage.</summary>
    public static string? DependencyOf(Exception exception) => Outage(exception) switch
    {
        null => null,
        NpgsqlException => PostgreSql,
        RedisConnectionException => Redis,
        _ => S3,
    };

    public const string PostgreSql = "PostgreSQL";
    public const string Redis = "Redis";
    public const string S3 = "S3";

    // The exception of the chain that names the outage: the one Quartz, EF Core or the service wrapped it in says only
    // that something failed.
    private static Exception? Outage(Exception exception)
    {
        if (DatabaseOutageEchoes.IsOutage(exception))
        {
            return Find<NpgsqlException>(exception);
        }
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RedisConnectionException:
                case ObjectStoreUnavailableException:
                case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ResponseEnded }:
                case HttpRequestException { InnerException: SocketException }:
                    return e;
                case NpgsqlException n when DatabaseOutageEchoes.IsTimedOut(n):
                    // A call PostgreSQL did not answer in time: a hung server (SIGSTOPped, its disk stalled) fails every
                    // loop's calls so, and each line carried Npgsql's trace (324 of 395 lines in 70 s, stop 43's probe)
                    // where a refused connection gives one line. Counted as its outage; EF Core's command line still
                    // names its SQL. A statement PostgreSQL cancelled at its CommandTimeout is not (a slow query: the
                    // server answered), and keeps its trace.
                    return n;
                case NpgsqlException:
                    return null; // PostgreSQL's, and not an outage (a refused password, a constraint, a slow query)
            }
        }
        return null;
    }

    // StackExchange.Redis writes the command and its diagnostics into the message ("No connection is active/available
    // to service this operation: SETEX agensium:task:…:last; SocketClosed on 127.0.0.1:56379/Subscription, Idle/…,
    // last-write: 29s ago, …, POOL: (Threads=5,QueuedItems=0,CompletedItems=4630,…)"), which differ from one call to the
    // next, so no two lines of one outage were the same: kept are what failed and why, before the first comma, without
    // the command ("No connection is active/available to service this operation: SocketClosed on 127.0.0.1:56379/Subscription").
    private static string Brief(RedisConnectionException e)
    {
        var message = FirstLine(e.Message);
        var diagnostics = message.IndexOf(", ", StringComparison.Ordinal);
        return RedisCommand().Replace(diagnostics < 0 ? message : message[..diagnostics], ": ", 1);
    }

    // ": SETEX agensium:task:…:last; " in "… this operation: SETEX agensium:task:…:last; SocketClosed on …".
    [GeneratedRegex(@": [A-Z]+( [^;]*)?; ")]
    private static partial Regex RedisCommand();

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }
        return null;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return (end < 0 ? text : text[..end]).Trim();
    }
}
