using Npgsql;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// Fills a table of a scratch database with many rows, its secondary indexes dropped for the fill and built again
/// afterwards from their own definitions (pg_indexes.indexdef, as the migrations created them): one sorted build per
/// index instead of a million random insertions into each. Indexes that back a constraint (the primary key, unique
/// constraints) stay. The indexes a test's plans are checked against afterwards are the same, name for name and
/// definition for definition; that is checked here, so a test cannot pass on indexes the migrations do not make.
/// </summary>
internal static class BulkFill
{
    private const string SecondaryIndexes = """
        SELECT i.indexname, i.indexdef FROM pg_indexes i
         WHERE i.schemaname = current_schema() AND i.tablename = @table
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = to_regclass(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname)))
         ORDER BY i.indexname
        """;

    public static async Task RunAsync(NpgsqlDataSource source, string table, string fillSql, CancellationToken ct)
    {
        var before = await IndexesAsync(source, table, ct);
        foreach (var name in before.Keys)
        {
            await ExecuteAsync(source, $"DROP INDEX \"{name}\"", ct);
        }
        await ExecuteAsync(source, fillSql, ct);
        foreach (var definition in before.Values)
        {
            await ExecuteAsync(source, definition, ct);
        }
        var after = await IndexesAsync(source, table, ct);
        CollectionAssert.AreEquivalent(before.ToList(), after.ToList(), $"the indexes of {table} after the fill are the migrations' own");
    }

    private static async Task<Dictionary<string, string>> IndexesAsync(NpgsqlDataSource source, string table, CancellationToken ct)
    {
        await using var cmd = source.CreateCommand(SecondaryIndexes);
        cmd.Parameters.AddWithValue("table", table);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var indexes = new Dictionary<string, string>();
        while (await reader.ReadAsync(ct))
        {
            indexes[reader.GetString(0)] = reader.GetString(1);
        }
        return indexes;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource source, string sql, CancellationToken ct)
    {
        await using var cmd = source.CreateCommand(sql);
        cmd.CommandTimeout = 600;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
