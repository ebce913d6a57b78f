using Npgsql;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>Plain SQL against a test database, for arranging and checking state.</summary>
public sealed class SqlClient(string connectionString)
{
    private readonly Lazy<NpgsqlDataSource> _source = new(() => NpgsqlDataSource.Create(connectionString));

    public string ConnectionString => connectionString;

    /// <summary>Drops this client's idle pooled connections (its server restarted or hung).</summary>
    public void ClearPool()
    {
        if (_source.IsValueCreated)
        {
            _source.Value.Clear();
        }
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct = default, params (string Name, object? Value)[] args)
    {
        await using var cmd = Command(sql, args);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken ct = default, params (string Name, object? Value)[] args)
    {
        await using var cmd = Command(sql, args);
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<Dictionary<string, object?>>> QueryAsync(string sql, CancellationToken ct = default, params (string Name, object? Value)[] args)
    {
        await using var cmd = Command(sql, args);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(ct))
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    private NpgsqlCommand Command(string sql, (string Name, object? Value)[] args)
    {
        var cmd = _source.Value.CreateCommand(sql);
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        return cmd;
    }

    /// <summary>
    /// Drops and creates a database on the local stack, or on the server of <paramref name="adminConnectionString"/> (a
    /// <see cref="PrivateStack"/>'s).
    /// </summary>
    public static async Task RecreateDatabaseAsync(string database, CancellationToken ct, string? adminConnectionString = null)
    {
        var admin = adminConnectionString ?? StackSettings.AdminConnectionString;
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync(ct);
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", $"CREATE DATABASE {database} OWNER agensium" })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        // Pooled connections to the dropped database are dead now; never hand one out again. Only that database's pool:
        // the classes running beside this one (Parallelization.cs) keep theirs.
        ClearPoolOf(PoolOf(admin, database));
    }

    // The connection string whose pool holds connections to <paramref name="database"/> on the server of <paramref name="admin"/>:
    // the admin string with the database swapped, which is how StackSettings and PrivateStack build theirs.
    private static string PoolOf(string admin, string database) =>
        new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;

    /// <summary>Drops the idle connections of the plain NpgsqlConnection pool of <paramref name="connectionString"/>.</summary>
    public static void ClearPoolOf(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    /// <summary>
    /// Drops and creates a scratch database on the local stack and applies the service's sql/ migrations to it; returns
    /// its connection string (with <paramref name="commandTimeout"/> seconds when given).
    /// </summary>
    public static async Task<string> RecreateMigratedDatabaseAsync(string database, CancellationToken ct, int? commandTimeout = null)
    {
        await RecreateDatabaseAsync(database, ct);
        var builder = new NpgsqlConnectionStringBuilder(StackSettings.TestConnectionString) { Database = database };
        if (commandTimeout is { } seconds)
        {
            builder.CommandTimeout = seconds;
        }
        var cs = builder.ConnectionString;
        ClearPoolOf(cs); // with a command timeout, a pool of its own that RecreateDatabaseAsync did not clear
        await using var source = NpgsqlDataSource.Create(cs);
        await new Agensium.Scheduler.Data.SchemaMigrator(source,
            Microsoft.Extensions.Options.Options.Create(new Agensium.Scheduler.Data.DatabaseOptions { ConnectionString = cs, MigrationsPath = "sql" }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Agensium.Scheduler.Data.SchemaMigrator>.Instance).MigrateAsync(ct);
        return cs;
    }

    public static async Task DropDatabaseAsync(string database, CancellationToken ct)
    {
        var admin = StackSettings.AdminConnectionString;
        ClearPoolOf(PoolOf(admin, database));
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>The shared test database of <see cref="TestCluster"/>.</summary>
public static class Db
{
    private static readonly SqlClient Client = new(StackSettings.TestConnectionString);

    /// <summary>The shared test cluster's database, for helpers that take a <see cref="SqlClient"/> (e.g. <see cref="DbFaults"/>).</summary>
    public static SqlClient Shared => Client;

    public static Task<int> ExecuteAsync(string sql, CancellationToken ct = default, params (string Name, object? Value)[] args) =>
        Client.ExecuteAsync(sql, ct, args);

    public static Task<T?> ScalarAsync<T>(string sql, CancellationToken ct = default, params (string Name, object? Value)[] args) =>
        Client.ScalarAsync<T>(sql, ct, args);

    public static Task<List<Dictionary<string, object?>>> QueryAsync(string sql, CancellationToken ct = default, params (string Name, object? Value)[] args) =>
        Client.QueryAsync(sql, ct, args);
}
