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
    /// Npgsql's Max Auto Prepare for the service's connections (the API's, the listeners' and Quartz's store), unless
    /// the connection string sets it: statements run twice on a connection are prepared there, so PostgreSQL stops
    /// parsing and planning the same few dozen statements for every job (planning was ~3 ms of PostgreSQL time per
    /// no-op job; 1-node throughput +15 %, docs/benchmarks.md). 0 turns it off.
    /// </summary>
    [Range(0, 1000)]
    public int MaxAutoPrepare { get; set; } = 64;

    /// <summary>The connection string with <see cref="MaxAutoPrepare"/> applied (when the string does not set it itself).</summary>
    public static string Tuned(string connectionString, int maxAutoPrepare)
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

        return builder.ConnectionString;
    }
}
