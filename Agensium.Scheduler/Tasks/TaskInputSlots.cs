using Npgsql;

namespace Agensium.Scheduler.Tasks;

/// <summary>
/// The task_inputs table: an upload reserves its file's row before storing the object, so the per-task file limit
/// holds for any number of concurrent uploads. The check and the insert run under a lock on the task row, in a
/// second statement so that they see every reservation committed while this one waited for the lock.
/// The table is also the list of a task's inputs: an object under the task's inputs/ prefix without a row (left by an
/// upload that failed after S3 took it, e.g. a timeout whose PUT landed once S3 resumed) is never used, listed or counted.
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

    /// <summary>The file names registered for a task: the only inputs a job, /process or the dashboard may use.</summary>
    public async Task<HashSet<string>> RegisteredAsync(string taskId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT file_name FROM task_inputs WHERE task_id = @id");
        cmd.Parameters.AddWithValue("id", taskId);
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    /// <summary>
    /// Runs <paramref name="remove"/> (the deletion of a failed upload's object) under the task row's lock, only while
    /// no row holds that file name: an upload of the same name reserves its row and stores its object under the same
    /// lock, so a later successful upload's object is never removed. Returns false when nothing was run (the name is
    /// registered again).
    /// </summary>
    public async Task<bool> RemoveIfUnregisteredAsync(string taskId, string fileName, Func<CancellationToken, Task> remove, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var check = new NpgsqlCommand("""
            SELECT NOT EXISTS (SELECT 1 FROM task_inputs i WHERE i.task_id = t.task_id AND i.file_name = @name)
              FROM tasks t WHERE t.task_id = @id FOR UPDATE OF t
            """, connection, transaction);
        check.Parameters.AddWithValue("id", taskId);
        check.Parameters.AddWithValue("name", fileName);
        // No row at all: the task is gone, its files with it; a PUT landing after its deletion is removed as well.
        if (await check.ExecuteScalarAsync(ct) is false)
        {
            return false;
        }
        await remove(ct);
        await transaction.CommitAsync(ct);
        return true;
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
