using System.Text.Json;
using Npgsql;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// A statement's executed plan (EXPLAIN ANALYZE): its nodes' types, their one-line summary with the indexes used, and
/// the execution time; what the at-scale tests check their queries' plans by.
/// </summary>
internal sealed record QueryPlan(double ExecutionMs, IReadOnlyList<string> NodeTypes, string Summary)
{
    /// <summary>Runs <paramref name="sql"/> under EXPLAIN (ANALYZE, BUFFERS) with <paramref name="args"/> (null as SQL NULL).</summary>
    public static async Task<QueryPlan> ExplainAsync(NpgsqlDataSource source, string sql, IEnumerable<(string Name, object? Value)> args, CancellationToken ct)
    {
        await using var explain = source.CreateCommand("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql);
        foreach (var (name, value) in args)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        var json = (string)(await explain.ExecuteScalarAsync(ct))!;
        using var plan = JsonDocument.Parse(json);
        var root = plan.RootElement[0];
        var nodes = Flatten(root.GetProperty("Plan")).ToList();
        var summary = string.Join(" > ", nodes.Select(n => n.GetProperty("Node Type").GetString() +
            (n.TryGetProperty("Index Name", out var ix) ? $" ({ix.GetString()})" : "")));
        return new QueryPlan(root.GetProperty("Execution Time").GetDouble(), [.. nodes.Select(n => n.GetProperty("Node Type").GetString()!)], summary);
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement node)
    {
        yield return node;
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Flatten))
            {
                yield return child;
            }
        }
    }
}
