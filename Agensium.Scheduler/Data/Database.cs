using Npgsql;

namespace Agensium.Scheduler.Data;

/// <summary>
/// The service's PostgreSQL connections for the classes that both HTTP requests and background work use (task rows,
/// uploads' reservations, removals, the audit log, the dashboard's queries): a request's calls
/// (<see cref="RequestDatabaseScope.IsActive"/>) take a connection from the requests' pool, whose connect and command
/// timeouts are <see cref="DatabaseOptions.RequestConnectTimeout"/> and <see cref="DatabaseOptions.RequestCommandTimeout"/>;
/// every other call (jobs, the job listener, the node's loops, start-up) from the background pool, with the connection
/// string's timeouts (Npgsql's 15 s and 30 s unless it sets them). Two pools also keep a burst of requests from taking
/// the connections the running analyses need, and the other way round.
/// </summary>
public sealed class Database(NpgsqlDataSource background, NpgsqlDataSource requests)
{
    /// <summary>The service key of the requests' <see cref="NpgsqlDataSource"/>.</summary>
    public const string RequestsKey = "requests";

    /// <summary>One pool for both (tests, tools): no request timeouts of their own.</summary>
    public static Database Single(NpgsqlDataSource source) => new(source, source);

    /// <summary>A data source where a <see cref="Database"/> is taken (tests and tools that build the classes themselves): <see cref="Single"/>.</summary>
    public static implicit operator Database(NpgsqlDataSource source) => Single(source);

    /// <summary>The pool of jobs, the listener, the node's loops and start-up.</summary>
    public NpgsqlDataSource Background => background;

    /// <summary>The pool of HTTP requests, with the request timeouts.</summary>
    public NpgsqlDataSource Requests => requests;

    /// <summary>The pool for the calling code: the requests' while it serves a request, else the background one.</summary>
    public NpgsqlDataSource Current => RequestDatabaseScope.IsActive ? requests : background;

    public NpgsqlCommand CreateCommand(string? commandText = null) => Current.CreateCommand(commandText);

    /// <summary>
    /// Uses a connection of the requests' pool once, so that a dead one is found by the node rather than by a client: after
    /// PostgreSQL restarts, an idle pooled connection is dead until something uses it (Npgsql then clears that pool). The
    /// background pool is used every second by the node's loops; the requests' pool only by requests, so without this the
    /// first request after a restart got 503. Called at each heartbeat. A failure is left to the heartbeat's own write to
    /// report (it says whether the database answers).
    /// </summary>
    public async Task CheckRequestsPoolAsync(CancellationToken ct)
    {
        if (ReferenceEquals(requests, background))
        {
            return;
        }
        try
        {
            await using var cmd = requests.CreateCommand("SELECT 1");
            await cmd.ExecuteScalarAsync(ct);
        }
        catch (NpgsqlException)
        {
            // A dead connection: Npgsql broke it and cleared the requests' pool, so the next request opens a new one.
        }
    }

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken ct = default) => Current.OpenConnectionAsync(ct);
}
