using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Agensium.Scheduler.Logging;
using Npgsql;

namespace Agensium.Scheduler.Data;

/// <summary>
/// Applies the numbered scripts of sql/ (NNN_name.sql) in order. Each script runs in its own transaction that
/// first takes a Postgres advisory lock, so any number of nodes may start at once: one applies, the others wait
/// and then see the version recorded in schema_migrations. scripts/stack.sh follows the same protocol. A script waits
/// at most <see cref="DatabaseOptions.MigrationLockTimeout"/> for the locks of the tables it changes
/// (<see cref="MigrationLockTimeoutException"/>), so one applied beside running nodes cannot stall them behind it.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, IOptions<DatabaseOptions> options, ILogger<SchemaMigrator> logger)
{
    public const long AdvisoryLockKey = 74382001;

    [GeneratedRegex(@"^(?<version>\d{3})_[A-Za-z0-9_\-]+\.sql$")]
    private static partial Regex ScriptName();

    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var folder = Path.IsPathRooted(options.Value.MigrationsPath)
            ? options.Value.MigrationsPath
            : Path.Combine(AppContext.BaseDirectory, options.Value.MigrationsPath);
        var files = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.sql").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : throw new Hosting.StartupCheckException($"Migration folder '{folder}' does not exist (Database:MigrationsPath).");
        CheckScriptNames(folder, files);

        var applied = 0;
        foreach (var name in files)
        {
            var version = ScriptName().Match(name).Groups["version"].Value;
            var sql = await File.ReadAllTextAsync(Path.Combine(folder, name), cancellationToken);
            if (await ApplyAsync(version, name, sql, cancellationToken))
            {
                applied++;
                logger.MigrationApplied(name);
            }
        }
        return applied;
    }

    /// <summary>
    /// A script that would be skipped is an error, not a silent gap in the schema: every .sql file of the folder must be
    /// named NNN_name.sql, and no two may share a version (the second would never run: its version is recorded).
    /// </summary>
    public static void CheckScriptNames(string folder, IReadOnlyList<string> files)
    {
        var misnamed = files.Where(n => !ScriptName().IsMatch(n)).ToList();
        if (misnamed.Count > 0)
        {
            throw new Hosting.StartupCheckException($"Migration folder '{folder}' holds scripts not named NNN_name.sql, which would never run: "
                + string.Join(", ", misnamed) + ". Rename them (the next free version) or move them out.");
        }

        var repeated = files.GroupBy(n => n[..3]).Where(g => g.Count() > 1).Select(g => string.Join(" and ", g)).ToList();
        if (repeated.Count > 0)
        {
            throw new Hosting.StartupCheckException($"Migration folder '{folder}' has two scripts with one version: {string.Join("; ", repeated)}. "
                + "Only the first would run; give the other the next free version.");
        }
    }

    private async Task<bool> ApplyAsync(string version, string name, string sql, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await ExecuteAsync(conn, tx, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        await ExecuteAsync(conn, tx, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version text PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, ct);

        await using (var check = new NpgsqlCommand("SELECT 1 FROM schema_migrations WHERE version = @v", conn, tx))
        {
            check.Parameters.AddWithValue("v", version);
            if (await check.ExecuteScalarAsync(ct) is not null)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
        }

        // Taken after the advisory lock (waiting for another node's migration is no stall), for the script's own locks.
        var timeout = (long)Math.Ceiling(options.Value.MigrationLockTimeout.TotalMilliseconds);
        await ExecuteAsync(conn, tx, $"SET LOCAL lock_timeout = '{timeout}ms'", ct);
        try
        {
            await ExecuteAsync(conn, tx, sql, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new MigrationLockTimeoutException(
                $"migration {name} waited more than {options.Value.MigrationLockTimeout.TotalSeconds:0.###} s for a lock ({e.MessageText}): a transaction "
                + "of another session holds a table it changes; the script was rolled back and the start fails, to be retried by a restart "
                + "(find the blocker with pg_stat_activity; Database:MigrationLockTimeout sets the wait)", e);
        }

        await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES (@v, @n)", conn, tx))
        {
            record.Parameters.AddWithValue("v", version);
            record.Parameters.AddWithValue("n", name);
            await record.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>
/// A migration script waited longer than Database:MigrationLockTimeout for a table's lock and was rolled back: not a
/// settings error but a busy moment, which a restart retries (<see cref="Hosting.StartupFailure.UnreachableDependency"/>: exit 1).
/// </summary>
public sealed class MigrationLockTimeoutException(string message, Exception inner) : Exception(message, inner);
