using Npgsql;

namespace Agensium.Scheduler.Dashboard;

/// <summary>
/// Sessions ended by logout (sql/012), shared by every node: a logged-out cookie is refused everywhere until it would
/// have expired anyway, after which its row is no longer needed and the next logout deletes it.
/// </summary>
public sealed class DashboardSessionRevocations(Data.Database db)
{
    public async Task RevokeAsync(string sessionId, DateTimeOffset expiresAt, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            WITH gone AS (DELETE FROM dashboard_revoked_sessions WHERE expires_at < now())
            INSERT INTO dashboard_revoked_sessions (session_id, expires_at) VALUES (@id, @expires)
            ON CONFLICT (session_id) DO NOTHING
            """);
        cmd.Parameters.AddWithValue("id", sessionId);
        cmd.Parameters.AddWithValue("expires", expiresAt.UtcDateTime);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<bool> IsRevokedAsync(string sessionId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM dashboard_revoked_sessions WHERE session_id = @id)");
        cmd.Parameters.AddWithValue("id", sessionId);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
