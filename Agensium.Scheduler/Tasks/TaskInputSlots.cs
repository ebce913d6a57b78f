using Npgsql;

namespace Agensium.Scheduler.Tasks;

/// <summary>
/// The task_inputs table: an upload reserves its file's row before storing the object, so the per-task file limit
/// holds for any number of concurrent uploads. The check and the insert run under a lock on the task row, in a
/// second statement so that they see every reservation committed while this one waited for the lock.
/// Every reservation has its own id and its own object key (<see cref="Storage.TaskPaths.UploadedInput"/>); a row's
/// object_key is the committed object of its name (<see cref="TaskStore.CommitInputAsync"/>), and the table is the list
/// of a task's inputs: any other object under the task's inputs/ prefix (a failed upload's, a replaced version's) is
/// never used, listed or counted.
/// </summary>
public sealed class TaskInputSlots(Data.Database db)
{
    public enum Outcome { Reserved, Replacing, Full, TaskGone, NameClash }

    /// <summary>What <see cref="ReserveAsync"/> answers: with <see cref="Outcome.NameClash"/>, the held name it clashes with.</summary>
    public readonly record struct Reservation(Outcome Outcome, string? ClashingName = null);

    /// <summary>
    /// Reserves <paramref name="fileName"/> for the upload <paramref name="reservation"/>: a new row (Reserved), or the
    /// name is already held (Replacing: a committed file, or another upload still arriving; the row is left as it is,
    /// the commit takes it over). In the same transaction the upload's own key <paramref name="objectKey"/> is recorded
    /// for removal once <paramref name="window"/> is over (<see cref="Storage.StorageRemovals.RecordUploadAsync"/>),
    /// before anything is stored under it: if the upload's node dies, another node removes what its PUT left.
    /// </summary>
    public async Task<Reservation> ReserveAsync(string taskId, string fileName, Guid reservation, string objectKey, TimeSpan window, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockTask = new NpgsqlCommand("SELECT 1 FROM tasks WHERE task_id = @id FOR UPDATE", connection, transaction))
        {
            lockTask.Parameters.AddWithValue("id", taskId);
            if (await lockTask.ExecuteScalarAsync(ct) is null)
            {
                return new(Outcome.TaskGone);
            }
        }
        // Under the task's lock, so two uploads of Data.csv and data.csv cannot both get in.
        if (await CaseClashAsync(connection, transaction, taskId, fileName, ct) is { } clash)
        {
            return new(Outcome.NameClash, clash);
        }
        await using var reserve = new NpgsqlCommand("""
            WITH held AS (SELECT count(*) AS files, bool_or(file_name = @name) AS has_it FROM task_inputs WHERE task_id = @id),
                 added AS (
                   INSERT INTO task_inputs (task_id, file_name, reservation_id)
                   SELECT @id, @name, @reservation FROM held WHERE NOT coalesce(held.has_it, false) AND held.files < @limit
                   RETURNING 1)
            SELECT coalesce(held.has_it, false), EXISTS (SELECT 1 FROM added) FROM held
            """, connection, transaction);
        reserve.Parameters.AddWithValue("id", taskId);
        reserve.Parameters.AddWithValue("name", fileName);
        reserve.Parameters.AddWithValue("reservation", reservation);
        reserve.Parameters.AddWithValue("limit", (long)limit);
        bool replacing, added;
        await using (var reader = await reserve.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (replacing, added) = (reader.GetBoolean(0), reader.GetBoolean(1));
        }
        if (replacing || added)
        {
            await Storage.StorageRemovals.RecordUploadAsync(connection, transaction, objectKey, taskId, window, ct);
        }
        await transaction.CommitAsync(ct);
        return new(replacing ? Outcome.Replacing : added ? Outcome.Reserved : Outcome.Full);
    }

    /// <summary>
    /// Gives back the reservation of an upload whose object was not committed (the upload failed or was refused): the
    /// row goes only while it is still this upload's and holds no committed object. A same-name upload that committed
    /// meanwhile (its client was told the file is stored) owns the row, which stays. In the same transaction the
    /// upload's key <paramref name="objectKey"/> is due for removal now, looked for again <paramref name="rechecks"/>
    /// times after (its PUT may still land). Returns whether a row of task_inputs was deleted.
    /// </summary>
    public async Task<bool> ReleaseAsync(string taskId, string fileName, Guid reservation, string objectKey, int rechecks, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            DELETE FROM task_inputs
             WHERE task_id = @id AND file_name = @name AND reservation_id = @reservation AND object_key IS NULL
            """, connection, transaction);
        cmd.Parameters.AddWithValue("id", taskId);
        cmd.Parameters.AddWithValue("name", fileName);
        cmd.Parameters.AddWithValue("reservation", reservation);
        var released = await cmd.ExecuteNonQueryAsync(ct) == 1;
        await Storage.StorageRemovals.GiveUpUploadAsync(connection, transaction, objectKey, rechecks, ct);
        await transaction.CommitAsync(ct);
        return released;
    }

    /// <summary>
    /// A task's committed inputs, object key → file name: the only objects a job, /process or the dashboard may use,
    /// each under the name it was uploaded with.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> RegisteredAsync(string taskId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT object_key, file_name FROM task_inputs WHERE task_id = @id AND object_key IS NOT NULL");
        cmd.Parameters.AddWithValue("id", taskId);
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            inputs[reader.GetString(0)] = reader.GetString(1);
        }
        return inputs;
    }

    /// <summary>
    /// Whether a task_inputs row names this object as committed. An upload's key is written and committed by that upload
    /// alone, so once it has failed (or its object was replaced by a later commit) the answer can only stay false: the
    /// object can be removed without holding any lock.
    /// </summary>
    public async Task<bool> IsCommittedAsync(string objectKey, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM task_inputs WHERE object_key = @key)");
        cmd.Parameters.AddWithValue("key", objectKey);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// The name the task holds (a committed file, or an upload still arriving) that differs from
    /// <paramref name="fileName"/> only in letter case, or null (<see cref="ClashAmong"/>). Under the task row's lock
    /// (<paramref name="transaction"/>): the reservation and the commit decide by it.
    /// </summary>
    public static async Task<string?> CaseClashAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string taskId, string fileName, CancellationToken ct)
    {
        return ClashAmong(await HeldNamesAsync(connection, transaction, taskId, ct), fileName);
    }

    /// <summary>What <see cref="LookAsync"/> answers: a held name this one clashes with, else whether there is room.</summary>
    public readonly record struct EarlyLook(bool HasRoom, string? ClashingName);

    /// <summary>
    /// An unlocked look (the cheap early refusal before a body is read): may this file still be stored? A name clash is
    /// answered before the file limit, as <see cref="ReserveAsync"/> does: uploading under the held name replaces that
    /// file even when the task is full, which "too many files" would not tell.
    /// </summary>
    public async Task<EarlyLook> LookAsync(string taskId, string fileName, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var held = await HeldNamesAsync(connection, null, taskId, ct);
        return new(held.Count < limit || held.Contains(fileName, StringComparer.Ordinal), ClashAmong(held, fileName));
    }

    // The names the task holds: committed files and uploads still arriving (reserved rows).
    private static async Task<List<string>> HeldNamesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string taskId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT file_name FROM task_inputs WHERE task_id = @id", connection, transaction);
        command.Parameters.AddWithValue("id", taskId);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    /// <summary>
    /// The held name that reads as <paramref name="fileName"/> (<see cref="Api.InputValidation.LookAlike"/>: another letter
    /// case, one file on a case-insensitive disk, or another Unicode form of the same text). Compared here rather than by
    /// PostgreSQL's lower(), which follows the database's locale. A task that already holds the name itself (both were
    /// uploaded before this check) can still have either replaced: no clash then.
    /// </summary>
    private static string? ClashAmong(IReadOnlyCollection<string> held, string fileName) =>
        held.Contains(fileName, StringComparer.Ordinal)
            ? null
            : held.FirstOrDefault(name => Api.InputValidation.LookAlike(name, fileName));
}
