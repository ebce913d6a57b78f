using Agensium.Scheduler.Data;
using Npgsql;

namespace Agensium.Scheduler.Tasks;

/// <summary>
/// Takes one committed input out of a task that takes files (CREATED, UPLOADING, UPLOAD_FAILED, FAILED: the states an
/// upload is taken in), for DELETE /api/tasks/{id}/inputs/{name}. The name is found as an upload finds the file it
/// replaces: the same text in Unicode form C (a precomposed é and e + a combining acute are one name), letter case
/// counting. In one transaction, under the task row's lock (the lock uploads, /process and retries take, so none of
/// them sees half of it), the task_inputs row goes and its object is recorded in s3_removals, due at once: from its
/// commit the file is no input (jobs, /process and the dashboard read task_inputs only) and its object is on record,
/// so a node that dies right after still leaves it to any node's removal pass (<see cref="Storage.StorageRemover"/>).
/// The other order would not do: an object deleted first leaves a row pointing at nothing when the node dies before
/// the row goes, and a job would fail on it. The caller removes the object at once as a fast path.
/// </summary>
public sealed class TaskInputRemoval(Database db, TimeProvider time)
{
    public enum Outcome { Removed, TaskGone, NotAccepting, Expired, NotFound }

    /// <param name="Outcome">What happened.</param>
    /// <param name="FileName">Removed: the name as the task held it.</param>
    /// <param name="ObjectKey">Removed: the object now due for removal.</param>
    /// <param name="Status">The task's status (NotAccepting: the one that refused).</param>
    /// <param name="LookAlike">NotFound: a held name that differs from the one asked for only in letter case.</param>
    /// <param name="Arriving">NotFound: an upload of that name is still arriving (reserved, not committed).</param>
    public readonly record struct Result(Outcome Outcome, string? FileName = null, string? ObjectKey = null, string? Status = null,
        string? LookAlike = null, bool Arriving = false);

    /// <summary>Removes the committed input of <paramref name="taskId"/> named <paramref name="fileName"/> (in form C).</summary>
    public async Task<Result> RemoveAsync(string taskId, string fileName, TimeSpan expiry, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        string status;
        await using (var lockTask = new NpgsqlCommand("SELECT status, created_at FROM tasks WHERE task_id = $1 FOR UPDATE", connection, transaction))
        {
            lockTask.Parameters.Add(new NpgsqlParameter<string> { TypedValue = taskId });
            await using var reader = await lockTask.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return new(Outcome.TaskGone);
            }
            status = reader.GetString(0);
            if (!TaskStatuses.AcceptingUploads.Contains(status))
            {
                return new(Outcome.NotAccepting, Status: status);
            }
            if (TaskStatuses.Expirable.Contains(status) && reader.GetFieldValue<DateTime>(1) < time.GetUtcNow().UtcDateTime - expiry)
            {
                return new(Outcome.Expired, Status: status);
            }
        }

        var held = new List<(string Name, string? Key)>();
        await using (var names = new NpgsqlCommand("SELECT file_name, object_key FROM task_inputs WHERE task_id = $1", connection, transaction))
        {
            names.Parameters.Add(new NpgsqlParameter<string> { TypedValue = taskId });
            await using var reader = await names.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                held.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }
        var composed = Agensium.Analysis.Common.ComposedText.Of(fileName);
        var match = held.FirstOrDefault(h => string.Equals(h.Name, fileName, StringComparison.Ordinal));
        if (match.Name is null)
        {
            match = held.FirstOrDefault(h => string.Equals(Agensium.Analysis.Common.ComposedText.Of(h.Name), composed, StringComparison.Ordinal));
        }
        if (match.Name is null || match.Key is null)
        {
            return new(Outcome.NotFound, Status: status, Arriving: match.Name is not null,
                LookAlike: match.Name is null ? held.FirstOrDefault(h => h.Key is not null && Api.InputValidation.LookAlike(h.Name, fileName)).Name : null);
        }

        await using (var remove = new NpgsqlCommand("DELETE FROM task_inputs WHERE task_id = $1 AND file_name = $2", connection, transaction))
        {
            remove.Parameters.Add(new NpgsqlParameter<string> { TypedValue = taskId });
            remove.Parameters.Add(new NpgsqlParameter<string> { TypedValue = match.Name });
            await remove.ExecuteNonQueryAsync(ct);
        }
        await using (var record = new NpgsqlCommand(Storage.StorageRemovals.RecordRemovedInputSql, connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = match.Key });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = taskId });
            await record.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return new(Outcome.Removed, match.Name, match.Key, status);
    }
}
