using Npgsql;

namespace Agensium.Scheduler.Tasks;

/// <summary>
/// The task_inputs table: an upload reserves its file's row before storing the object, so the per-task file limit
/// holds for any number of concurrent uploads. The check and the insert run under a lock on the task row, in a
/// second statement so that they see every reservation committed while this one waited for the lock.
/// </summary>
public sealed class TaskInputSlots(NpgsqlDataSource db)
{
    public enum Outcome { Reserved, Replacing, Full, TaskGone }

    public async Task<Outcome> ReserveAsync(string taskId, string fileName, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockTask = new NpgsqlCommand("SELECT 1 FROM tasks WHERE task_id = @id FOR UPDATE", connection, transaction))
        {
            lockTask.Parameters.AddWithValue("id", taskId);
            if (await lockTask.ExecuteScalarAsync(ct) is null)
            {
                return Outcome.TaskGone;
            }
        }
        await using var reserve = new NpgsqlCommand("""
            WITH held AS (SELECT count(*) AS files, bool_or(file_name = @name) AS has_it FROM task_inputs WHERE task_id = @id),
                 added AS (
                   INSERT INTO task_inputs (task_id, file_name)
                   SELECT @id, @name FROM held WHERE NOT coalesce(held.has_it, false) AND held.files < @limit
                   RETURNING 1)
            SELECT coalesce(held.has_it, false), EXISTS (SELECT 1 FROM added) FROM held
            """, connection, transaction);
        reserve.Parameters.AddWithValue("id", taskId);
        reserve.Parameters.AddWithValue("name", fileName);
        reserve.Parameters.AddWithValue("limit", (long)limit);
        bool replacing, added;
        await using (var reader = await reserve.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (replacing, added) = (reader.GetBoolean(0), reader.GetBoolean(1));
        }
        await transaction.CommitAsync(ct);
        return replacing ? Outcome.Replacing : added ? Outcome.Reserved : Outcome.Full;
    }

    /// <summary>Gives back a reservation whose object was not stored (the upload failed or the task moved on).</summary>
    public async Task ReleaseAsync(string taskId, string fileName, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("DELETE FROM task_inputs WHERE task_id = @id AND file_name = @name");
        cmd.Parameters.AddWithValue("id", taskId);
        cmd.Parameters.AddWithValue("name", fileName);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>An unlocked look (the cheap early refusal before a body is read): may this file still be stored?</summary>
    public async Task<bool> HasRoomAsync(string taskId, string fileName, int limit, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT count(*) < @limit OR coalesce(bool_or(file_name = @name), false) FROM task_inputs WHERE task_id = @id
            """);
        cmd.Parameters.AddWithValue("id", taskId);
        cmd.Parameters.AddWithValue("name", fileName);
        cmd.Parameters.AddWithValue("limit", (long)limit);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
