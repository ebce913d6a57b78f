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
}
