using Agensium.Scheduler.Logging;
using Npgsql;

namespace Agensium.Scheduler.Operations;

/// <summary>The audit_log table: every operator action, who took it (key position and login name, never a key) and how it ended.</summary>
public sealed class AuditLog(Data.Database db, NodeIdentity node, ILogger<AuditLog> logger)
{
    public sealed record Entry(long Id, DateTime At, string Actor, string Action, string Target, string Outcome, string? Detail, string Node, string? RemoteIp);

    public async Task WriteAsync(Actor actor, string action, string target, string outcome, string? detail, CancellationToken ct)
    {
        logger.OperatorAction(actor.Name, action, target, outcome);
        await using var cmd = db.CreateCommand("""
            INSERT INTO audit_log (actor, action, target, outcome, detail, node, remote_ip)
            VALUES (@actor, @action, @target, @outcome, @detail, @node, @ip)
            """);
        cmd.Parameters.AddWithValue("actor", actor.Name);
        cmd.Parameters.AddWithValue("action", action);
        cmd.Parameters.AddWithValue("target", Data.StoredText.Clip(target, 200));
        cmd.Parameters.AddWithValue("outcome", Data.StoredText.Clip(outcome, 20));
        cmd.Parameters.AddWithValue("detail", (object?)detail ?? DBNull.Value);
        cmd.Parameters.AddWithValue("node", node.Id);
        cmd.Parameters.AddWithValue("ip", (object?)actor.RemoteIp ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Newest first, keyset-paged by id.</summary>
    public async Task<IReadOnlyList<Entry>> ReadAsync(long? beforeId, int limit, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT id, at, actor, action, target, outcome, detail, node, remote_ip FROM audit_log
             WHERE @before IS NULL OR id < @before ORDER BY id DESC LIMIT @limit
            """);
        cmd.Parameters.Add(new NpgsqlParameter<long?>("before", beforeId));
        cmd.Parameters.AddWithValue("limit", limit);
        var rows = new List<Entry>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new Entry(reader.GetInt64(0), reader.GetDateTime(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }
        return rows;
    }
}

/// <summary>Who takes an action: "key-N" for an API call, "name (key-N)" from the dashboard; and from where.</summary>
public sealed record Actor(string Name, string? RemoteIp)
{
    public static Actor From(HttpContext http) =>
        new(http.Items[Api.ApiKeyMiddleware.ActorItem] as string ?? "anonymous", http.Connection.RemoteIpAddress?.ToString());
}
