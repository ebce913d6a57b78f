using System.Diagnostics;
using Npgsql;
using Serilog.Events;

namespace Agensium.Scheduler.Logging;

/// <summary>
/// EF Core logs every failed connection, command, query or save as an ERROR (categories
/// Microsoft.EntityFrameworkCore.Database.Connection, .Database.Command, .Query, .Update, .Database.Transaction), most
/// with the exception's stack trace, then throws; the service catches the same exception and says what it means at the
/// level it deserves (a WARNING: "Request GET /api/tasks answered 503: The database (PostgreSQL) is unreachable", "Could
/// not record the end of the job; trying again"). During a PostgreSQL outage every request and loop then logged two
/// ERROR events, one with a trace, for one event already reported as a warning. Left out of the log:
/// <list type="bullet">
/// <item>EF Core's error events whose exception is an outage (<see cref="IsOutage"/>). Any other EF Core error (a
/// constraint, a deadlock, a syntax error, a mapping fault) is logged as before.</item>
/// <item>EF Core's "An error occurred using the connection to database …" (ConnectionError), which carries no exception,
/// so cannot tell an outage from anything else: the connection's exception is thrown to the caller all the same, and
/// is reported there (the service's warning for an outage, its error with the trace for anything else, such as a
/// refused password) or by EF Core's own query, command or save event that follows.</item>
/// </list>
/// </summary>
public static class DatabaseOutageEchoes
{
    private const string EfCore = "Microsoft.EntityFrameworkCore";
    private const string EfCoreConnection = EfCore + ".Database.Connection";

    /// <summary>True for an EF Core error event that only repeats a database failure reported elsewhere (see the class).</summary>
    public static bool IsLeftOut(LogEvent e) =>
        e.Level >= LogEventLevel.Error
        && e.Properties.TryGetValue("SourceContext", out var source)
        && source is ScalarValue { Value: string category }
        && (category == EfCore || category.StartsWith(EfCore + ".", StringComparison.Ordinal))
        && (e.Exception is { } exception
            ? IsOutage(exception) || (category == EfCoreQuery && IsCommandTimeout(exception))
            : category == EfCoreConnection);

    private const string EfCoreQuery = EfCore + ".Query";

    /// <summary>
    /// A PostgreSQL call not answered in time, as Npgsql throws it: an NpgsqlException ("Exception while reading from
    /// stream", "Exception while writing to stream") wrapping a TimeoutException, after which Npgsql broke the connection,
    /// which a hung server (SIGSTOPped, its disk stalled) gives every call. Not a statement that ran past its
    /// CommandTimeout and that PostgreSQL cancelled when Npgsql asked (<see cref="WasCancelledByTheServer"/>): that server
    /// answered, the query was slow. Both were taken for an outage (s44 review): a slow query on a healthy server was
    /// logged as one line of PostgreSQL's outage, without its trace, and followed by "PostgreSQL answers again".
    /// </summary>
    public static bool IsTimedOut(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { InnerException: TimeoutException } n)
            {
                return !WasCancelledByTheServer(n);
            }
        }
        return false;
    }

    /// <summary>
    /// EF Core's query event ("An exception occurred while iterating over the results of a query", with the whole trace
    /// in its message) for any command timeout, answered or not, names no SQL and repeats what the caller reports: it is
    /// left out. The command event, which names the SQL, is kept: without its trace when the server did not answer
    /// (<see cref="OutageCause"/>), with it for a slow query.
    /// </summary>
    private static bool IsCommandTimeout(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { InnerException: TimeoutException })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// True for the timeout Npgsql throws once PostgreSQL has cancelled a statement that ran past its CommandTimeout (the
    /// server's 57014 answer to Npgsql's cancel request): the connection is still up and usable. Npgsql throws the very
    /// same exception, message and inner TimeoutException alike, when the server did not answer and it broke the
    /// connection (no answer to the cancel, a cancel it could not deliver); the two differ only in where they are thrown:
    /// the cancelled statement's by the connector reading the server's answer (NpgsqlConnector.ReadMessageLong), the
    /// other by the socket's read or write buffer where the connection is broken (NpgsqlReadBuffer, NpgsqlWriteBuffer).
    /// Anything else, a connect or pool timeout among them, is not recognised and stays a timeout PostgreSQL did not
    /// answer. Checked against Npgsql 10 on a real server by OutageEndTests (a slow query; a frozen server).
    /// </summary>
    public static bool WasCancelledByTheServer(NpgsqlException exception)
    {
        var thrower = new StackTrace(exception, fNeedFileInfo: false).GetFrame(0)?.GetMethod();
        var type = thrower?.DeclaringType;
        var name = thrower?.Name ?? "";
        // An async method's frame is its state machine's MoveNext, in a type nested in the method's own ("<ReadMessageLong>d__…").
        if (type is { DeclaringType: { } owner } && type.Name.StartsWith('<') && type.Name.IndexOf('>') is > 1 and var end)
        {
            name = type.Name[1..end];
            type = owner;
        }
        return type?.FullName == ConnectorType && name.StartsWith("ReadMessage", StringComparison.Ordinal);
    }

    private const string ConnectorType = "Npgsql.Internal.NpgsqlConnector";

    /// <summary>
    /// PostgreSQL unreachable: an Npgsql error with no answer from the server that Npgsql calls transient (refused,
    /// reset, a broken stream; not a command timeout), or the server's answer that the connection failed (SQLSTATE class 08) or that it is shutting down or
    /// not yet accepting connections (57P01, 57P02, 57P03).
    /// </summary>
    // Npgsql's "Failed to connect to HOST:PORT" (its inner exception says why: refused, timed out) and "Timeout during
    // connection attempt".
    private static bool IsConnectAttempt(NpgsqlException e) =>
        e.Message.StartsWith("Failed to connect", StringComparison.Ordinal)
        || e.InnerException?.Message.Contains("connection attempt", StringComparison.OrdinalIgnoreCase) == true;

    public static bool IsOutage(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException p:
                    // Class 08 is the connection's, but 08P01 (protocol violation) says the client sent what the
                    // server could not read: a fault to trace, not the server going away.
                    return (p.SqlState.StartsWith("08", StringComparison.Ordinal) && p.SqlState != "08P01")
                        || p.SqlState is "57P01" or "57P02" or "57P03";
                case NpgsqlException n:
                    // No answer from the server, but not every such error is an outage: a command that ran past its
                    // timeout is the query's own fault when PostgreSQL cancelled it (a slow query, a lock wait), and EF
                    // Core's event is the only line that names the SQL; one the server never answered is IsTimedOut's,
                    // an outage whose EF Core command event is kept (as one line, OutageCause); a refused TLS handshake
                    // or a missing password is a setting to fix.
                    // A connection attempt that timed out is an outage all the same (a host down, packets dropped).
                    return n.IsTransient && (n.InnerException is not TimeoutException || IsConnectAttempt(n));
            }
        }
        return false;
    }
}
