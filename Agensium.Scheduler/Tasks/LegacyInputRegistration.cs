using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Storage;
using Npgsql;

namespace Agensium.Scheduler.Tasks;

/// <summary>
/// A task's inputs are its task_inputs rows, so that an object a failed upload left under its inputs/ prefix is never
/// analysed. Tasks created before migration 007 (which made the table) have no rows: their inputs were ignored, and a
/// retry or process of such a task found none. This registers, for those tasks only, every object directly under
/// their inputs/ prefix, which is what jobs read for them before 007. A task created since 007 is never touched:
/// an object of its prefix with no row stays unregistered. Idempotent, so every node may run it at start; each task's
/// prefix is listed once (legacy_inputs_checked, sql/016, written with its rows), so a task with nothing to register
/// is not listed again at every start.
/// </summary>
public sealed class LegacyInputRegistration(NpgsqlDataSource db, IObjectStore store, ILogger<LegacyInputRegistration> logger)
{
    /// <summary>The migration that made task_inputs: tasks created before it was applied have no rows.</summary>
    public const string RegistrationMigration = "007";

    private const int Batch = 200;

    /// <summary>Registers the inputs of every pre-007 task that has none yet; returns the tasks and files registered.</summary>
    public async Task<(int Tasks, int Files)> RegisterAsync(CancellationToken ct)
    {
        // The cut-off is the migration's own time (both sides are this database's now()), not the node's clock.
        const string sql = """
            SELECT t.task_id, t.user_id
              FROM tasks t JOIN schema_migrations m ON m.version = @migration
             WHERE t.created_at < m.applied_at AND t.status <> 'EXPIRED' AND t.task_id > @after
               AND NOT EXISTS (SELECT 1 FROM task_inputs i WHERE i.task_id = t.task_id AND i.reservation_id IS NULL)
               AND NOT EXISTS (SELECT 1 FROM legacy_inputs_checked c WHERE c.task_id = t.task_id)
             ORDER BY t.task_id LIMIT @batch
            """;
        int tasks = 0, files = 0;
        var after = "";
        while (true)
        {
            var page = new List<(string TaskId, long UserId)>();
            await using (var cmd = db.CreateCommand(sql))
            {
                cmd.Parameters.AddWithValue("migration", RegistrationMigration);
                cmd.Parameters.AddWithValue("after", after);
                cmd.Parameters.AddWithValue("batch", Batch);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    page.Add((reader.GetString(0), reader.GetInt64(1)));
                }
            }
            foreach (var (taskId, userId) in page)
            {
                var registered = await RegisterTaskAsync(taskId, userId, ct);
                if (registered > 0)
                {
                    tasks++;
                    files += registered;
                }
            }
            if (page.Count < Batch)
            {
                break;
            }
            after = page[^1].TaskId;
        }
        if (tasks > 0)
        {
            logger.LegacyInputsRegistered(tasks, files);
        }
        return (tasks, files);
    }

    private async Task<int> RegisterTaskAsync(string taskId, long userId, CancellationToken ct)
    {
        var prefix = TaskPaths.InputsPrefix(userId, taskId);
        var names = (await store.ListAsync(prefix, ct))
            .Select(o => o.Key[prefix.Length..])
            .Where(n => n.Length > 0 && !n.Contains('/'))
            .ToArray();
        // Rows of this registration (and of 013's) have no reservation id; an upload's row has one. A task with one of
        // ours is done. An upload made since the node started (a pre-007 task may still take one while this retries)
        // keeps its name (ON CONFLICT: the upload's file is the newer) and does not stop the task's other files being
        // registered, as a test for any row at all did. Each file is committed under the key it has (inputs/{name}, the
        // layout before migration 013), as 013 did for older rows. The task is marked checked by the same statement,
        // with or without files: it is never listed again.
        await using var cmd = db.CreateCommand("""
            WITH added AS (
                INSERT INTO task_inputs (task_id, file_name, object_key)
                SELECT t.task_id, n, @prefix || n FROM tasks t, unnest(@names) AS n
                 WHERE t.task_id = @id AND NOT EXISTS (SELECT 1 FROM task_inputs i WHERE i.task_id = t.task_id AND i.reservation_id IS NULL)
                ON CONFLICT DO NOTHING
                RETURNING 1),
            checked AS (
                INSERT INTO legacy_inputs_checked (task_id) SELECT task_id FROM tasks WHERE task_id = @id ON CONFLICT DO NOTHING)
            SELECT count(*)::int FROM added
            """);
        cmd.Parameters.AddWithValue("id", taskId);
        cmd.Parameters.AddWithValue("names", names);
        cmd.Parameters.AddWithValue("prefix", prefix);
        try
        {
            return (int)(await cmd.ExecuteScalarAsync(ct))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return 0; // the task was deleted meanwhile
        }
    }
}
