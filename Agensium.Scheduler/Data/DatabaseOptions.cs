using System.ComponentModel.DataAnnotations;

namespace Agensium.Scheduler.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Postgres connection string; bound from ConnectionStrings:Postgres.</summary>
    [Required(ErrorMessage = "ConnectionStrings:Postgres is required (env ConnectionStrings__Postgres).")]
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply sql/NNN_*.sql at start (one node at a time, under an advisory lock).</summary>
    public bool ApplyMigrations { get; set; } = true;

    /// <summary>Folder holding the numbered migration scripts; relative paths are resolved from the app folder.</summary>
    public string MigrationsPath { get; set; } = "sql";

    /// <summary>
    /// How long a migration script waits for a table's lock (PostgreSQL's lock_timeout in the script's transaction; a
    /// script may set its own). A script applied beside running nodes that waits behind a long transaction would
    /// otherwise hold every later statement on that table behind it: the cluster stalls, the starting node hangs. On a
    /// timeout the script is rolled back and the node's start fails with a line saying so (exit 1: restarted, retried).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00")]
    public TimeSpan MigrationLockTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Npgsql's Max Auto Prepare for the service's connections (the API's, the listeners' and Quartz's store), unless
    /// the connection string sets it: statements run twice on a connection are prepared there, so PostgreSQL stops
    /// parsing and planning the same few dozen statements for every job (planning was ~3 ms of PostgreSQL time per
    /// no-op job; 1-node throughput +15 %, docs/benchmarks.md). 0 turns it off.
    /// </summary>
    [Range(0, 1000)]
    public int MaxAutoPrepare { get; set; } = 64;

    /// <summary>
    /// Whether Npgsql resets a connection's session each time it goes back to the pool (with prepared statements that is
    /// seven commands: RESET ALL, UNLISTEN *, pg_advisory_unlock_all(), CLOSE ALL, …, run by PostgreSQL before the next
    /// statement; ~9 times per job, the most frequent statement of a no-op job). Off by default: the service leaves no
    /// session state on a pooled connection (no SET, only transaction-scoped advisory locks, no temporary tables, and the
    /// wake-up listener's LISTEN is on a connection of its own outside the pool), and a transaction left open is rolled
    /// back on return either way. A connection string that sets No Reset On Close itself wins.
    /// </summary>
    public bool ResetSessionOnReturn { get; set; }

    /// <summary>
    /// The longest a statement of an HTTP request (API, dashboard, metrics) may run before Npgsql gives up on it and the
    /// request is answered 503 DEPENDENCY_UNAVAILABLE: the connection string's Command Timeout (Npgsql's 30 s unless it
    /// says otherwise) stays the jobs' and the node's loops' (<see cref="Database"/>). Against a PostgreSQL that hangs
    /// (connections accepted, nothing answered) a request waits this plus twice <see cref="RequestConnectTimeout"/> (Npgsql's
    /// cancel request, tried with and without GSS encryption) on a pooled connection, and <see cref="RequestConnectTimeout"/>
    /// on a new one. Whole seconds:
    /// Npgsql counts them so.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Database:RequestCommandTimeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan RequestCommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest an HTTP request waits for a connection of its own pool (a new connection's start-up, or a free pooled
    /// one): Npgsql's Timeout for the requests' pool (the connection string's stays the background pool's, 15 s unless
    /// it says otherwise). Whole seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:17:04", ErrorMessage = "Database:RequestConnectTimeout must be between 00:00:01 and 00:17:04 (Npgsql's largest, 1024 s).")]
    public TimeSpan RequestConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Whether <paramref name="duration"/> is a whole number of seconds, as Npgsql takes its timeouts.</summary>
    public static bool WholeSeconds(TimeSpan duration) => duration.Ticks % TimeSpan.TicksPerSecond == 0;

    /// <summary>
    /// The connection string of the HTTP requests' pool (<see cref="Database.Requests"/>): <see cref="Tuned()"/> with the
    /// request timeouts in place of the connection string's.
    /// </summary>
    public string ForRequests() => new Npgsql.NpgsqlConnectionStringBuilder(Tuned())
    {
        Timeout = (int)RequestConnectTimeout.TotalSeconds,
        CommandTimeout = (int)RequestCommandTimeout.TotalSeconds,
    }.ConnectionString;

    /// <summary>This connection string as every connection of the service opens it (<see cref="Tuned(string, int, bool)"/>).</summary>
    public string Tuned() => Tuned(ConnectionString, MaxAutoPrepare, ResetSessionOnReturn);

    /// <summary>
    /// The connection string with <see cref="MaxAutoPrepare"/> and <see cref="ResetSessionOnReturn"/> applied (each only
    /// when the string does not set it itself).
    /// </summary>
    public static string Tuned(string connectionString, int maxAutoPrepare, bool resetSessionOnReturn)
    {
        Npgsql.NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException("ConnectionStrings:Postgres", typeof(DatabaseOptions),
                [$"ConnectionStrings:Postgres is not a valid PostgreSQL connection string: {e.Message}"]);
        }

        if (maxAutoPrepare > 0 && builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = maxAutoPrepare;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!resetSessionOnReturn && !SetsKeyword(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The connection string of Quartz's store: <paramref name="tuned"/> with PostgreSQL's plan_cache_mode set to
    /// force_generic_plan for its sessions (added to the string's Options). Quartz's prepared statements otherwise got a
    /// plan made for their values at every execution: with a generic plan no cheaper by PostgreSQL's estimate (its
    /// sched_name, trigger state and continuation columns), the choice between generic and custom plans picks custom
    /// ones for good, so seven of Quartz's statements per job were planned again each time (~9 % of PostgreSQL's CPU in a
    /// drain; docs/benchmarks.md, Scheduler, "PostgreSQL's CPU per job"). Their generic plans are the same index scans
    /// (sql/019 gives the continuation lookup its index, sql/020 the count of triggers that prefer a node; checked at
    /// 100,000 queued: "Quartz's generic plans at 100,000 queued"). The service's own statements keep PostgreSQL's choice.
    /// </summary>
    public static string ForQuartzStore(string tuned)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(tuned);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options)
            ? QuartzPlanOption
            : $"{builder.Options} {QuartzPlanOption}";
        return builder.ConnectionString;
    }

    /// <summary>The session setting <see cref="ForQuartzStore"/> adds.</summary>
    public const string QuartzPlanOption = "-c plan_cache_mode=force_generic_plan";

    /// <summary>
    /// A connection string for a connection that keeps session state (the wake-up listener's LISTEN): outside the pool,
    /// so closing it ends its session instead of handing the state to the next user of a pooled connection.
    /// </summary>
    public static string Unpooled(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    private static bool SetsKeyword(string connectionString, params string[] keywords)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(given.ContainsKey);
    }
}
