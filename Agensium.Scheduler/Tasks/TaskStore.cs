using Agensium.Scheduler.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Agensium.Scheduler.Tasks;

/// <summary>
/// Every read and status transition of the tasks table. Transitions are single conditional UPDATEs
/// (WHERE status IN …), so two nodes or two requests racing on one task leave exactly one winner. The statements every
/// submission runs (create, read, queue) go to Npgsql directly (<see cref="TaskRows"/>); the rest through EF Core.
/// </summary>
public sealed class TaskStore(IDbContextFactory<AgensiumDbContext> contexts, Data.Database database, TimeProvider time)
{
    private AgensiumDbContext? _shared;

    /// <summary>The same operations inside a caller's context (and its transaction), to commit them with other writes.</summary>
    public TaskStore Using(AgensiumDbContext db) => new(contexts, database, time) { _shared = db };

    public const int MaxErrorMessageLength = 1000;

    /// <summary>Progress set when a worker starts a task (the seed's worker sets 20).</summary>
    public const int ProcessingStartProgress = 20;

    /// <summary>Progress set when a task is queued (AGENSIUM.md §1.3).</summary>
    public const int QueuedProgress = 15;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// A new CREATED task in one statement, read back with its database defaults (created_at, updated_at). Null when
    /// the user does not exist: the check is part of the INSERT, so no separate round trip (and no error to log).
    /// </summary>
    public async Task<AnalysisTask?> CreateAsync(long userId, string toolId, string agentsJson, CancellationToken ct) =>
        await OneRowAsync(CreateSql, ct,
            new NpgsqlParameter<string> { TypedValue = Guid.NewGuid().ToString() },
            new NpgsqlParameter<long> { TypedValue = userId },
            new NpgsqlParameter<string> { TypedValue = toolId },
            new NpgsqlParameter<string> { TypedValue = agentsJson, NpgsqlDbType = NpgsqlDbType.Jsonb });

    private static readonly string CreateSql = $"""
        INSERT INTO tasks AS t (task_id, user_id, tool_id, agents, status)
        SELECT $1, $2, $3, $4, 'CREATED'
         WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = $2)
        RETURNING {TaskRows.Columns("t")}
        """;

    public async Task<AnalysisTask?> FindAsync(string taskId, CancellationToken ct)
    {
        if (_shared is not null)
        {
            return await _shared.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.TaskId == taskId, ct);
        }
        return await OneRowAsync(FindSql, ct, new NpgsqlParameter<string> { TypedValue = taskId });
    }

    private static readonly string FindSql = $"SELECT {TaskRows.Columns("t")} FROM tasks t WHERE t.task_id = $1";

    /// <summary>Tasks newest first, optionally of one status, tool and user (GET /api/tasks, AGENSIUM §3.1).</summary>
    public async Task<List<AnalysisTask>> ListAsync(string? status, string? toolId, long? userId, int limit, int offset, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Tasks.AsNoTracking();
        if (status is not null)
        {
            query = query.Where(t => t.Status == status);
        }
        if (toolId is not null)
        {
            query = query.Where(t => t.ToolId == toolId);
        }
        if (userId is not null)
        {
            query = query.Where(t => t.UserId == userId);
        }
        return await query.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.TaskId).Skip(offset).Take(limit).ToListAsync(ct);
    }

    /// <summary>
    /// Deletes a task that is not queued or running, with whatever <paramref name="removeFiles"/> removes (its S3
    /// prefix), in one transaction: the row stays locked while the files go (an upload racing it waits, then finds no
    /// task), and if the files cannot be removed the row is kept, so nothing is left without its task. A task for which
    /// <paramref name="removeAfterCommit"/> holds (one that cannot hold a committed file) is deleted without calling S3
    /// under its lock: its prefix is recorded in s3_removals by the same transaction, for the caller or any node to
    /// remove after the commit.
    /// Returns the deleted row and removeFiles' result, or the row left in place (active) or null (no such task).
    /// </summary>
    public async Task<(AnalysisTask? Task, bool Deleted, int Files)> DeleteAsync(string taskId, Func<AnalysisTask, bool> removeAfterCommit,
        Func<AnalysisTask, CancellationToken, Task<int>> removeFiles, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var task = await OneRowAsync(db.Tasks.FromSql($"SELECT * FROM tasks WHERE task_id = {taskId} FOR UPDATE"), ct);
        if (task is null || task.Status is TaskStatuses.Queued or TaskStatuses.Processing)
        {
            return (task, false, 0);
        }
        await db.Database.ExecuteSqlAsync($"DELETE FROM tasks WHERE task_id = {taskId}", ct);
        var files = 0;
        if (removeAfterCommit(task))
        {
            var prefix = Storage.TaskPaths.TaskPrefix(task.UserId, task.TaskId);
            await db.Database.ExecuteSqlAsync(Storage.StorageRemovals.RecordPrefix(prefix, taskId, Storage.StorageRemovals.DeletedTask), ct);
        }
        else
        {
            files = await removeFiles(task, ct);
        }
        await transaction.CommitAsync(ct);
        return (task, true, files);
    }

    public async Task<bool> UserExistsAsync(long userId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Users.AnyAsync(u => u.Id == userId, ct);
    }

    public enum InputCommit { Committed, TaskGone, NotAccepting, Expired, Full, Abandoned, NameClash }

    /// <summary>
    /// Makes an upload's stored object (<paramref name="objectKey"/>, written by this upload alone) the task's input
    /// <paramref name="fileName"/>, and marks the task UPLOADING (a FAILED one stays FAILED: its files are replaced for a
    /// retry), in one transaction under the task row's lock. The task
    /// must still accept uploads and be within its expiry at this moment (a slow upload that started just before the
    /// task expired is refused here); POST /process (its UPDATE to QUEUED) and the expiry job wait for the lock, so a job
    /// never sees an input appear or change under it. Only database work runs under the lock: the object was stored
    /// before. The upload's key leaves s3_removals here (<see cref="Storage.StorageRemovals.CommitUploadSql"/>); if a
    /// remover took it already (the upload outlasted its window), the outcome is <see cref="InputCommit.Abandoned"/>.
    /// A replaced earlier file is recorded for removal in the same transaction. Returns the outcome and, when a committed
    /// object of that name was replaced, its key (now unused). Nothing is written unless the outcome is
    /// <see cref="InputCommit.Committed"/>.
    /// </summary>
    public async Task<(InputCommit Outcome, string? ReplacedKey)> CommitInputAsync(string taskId, string fileName, Guid reservation,
        string objectKey, int maxFiles, TimeSpan expiry, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockTask = new NpgsqlCommand("SELECT status, created_at FROM tasks WHERE task_id = $1 FOR UPDATE", connection, transaction))
        {
            lockTask.Parameters.Add(new NpgsqlParameter<string> { TypedValue = taskId });
            await using var reader = await lockTask.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return (InputCommit.TaskGone, null);
            }
            var (status, createdAt) = (reader.GetString(0), reader.GetFieldValue<DateTime>(1));
            if (!TaskStatuses.AcceptingUploads.Contains(status))
            {
                return (InputCommit.NotAccepting, null);
            }
            if (TaskStatuses.Expirable.Contains(status) && createdAt < Now - expiry)
            {
                return (InputCommit.Expired, null);
            }
        }

        await using (var claim = new NpgsqlCommand(Storage.StorageRemovals.CommitUploadSql, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = objectKey });
            if (await claim.ExecuteNonQueryAsync(ct) == 0)
            {
                return (InputCommit.Abandoned, null);
            }
        }

        string? previous = null;
        var exists = false;
        await using (var current = new NpgsqlCommand("SELECT object_key FROM task_inputs WHERE task_id = $1 AND file_name = $2 FOR UPDATE", connection, transaction))
        {
            current.Parameters.Add(new NpgsqlParameter<string> { TypedValue = taskId });
            current.Parameters.Add(new NpgsqlParameter<string> { TypedValue = fileName });
            await using var reader = await current.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                exists = true;
                previous = reader.IsDBNull(0) ? null : reader.GetString(0);
            }
        }
        // The row is normally this upload's reservation, or the name's earlier file (a replacement). It may be gone: a
        // same-name upload that arrived while this one was reserved gave the name back when it failed; it is taken again
        // within the limit, unless a name differing only in case was reserved meanwhile (one file on a Windows node).
        if (!exists && await TaskInputSlots.CaseClashAsync(connection, transaction, taskId, fileName, ct) is not null)
        {
            return (InputCommit.NameClash, null);
        }
        await using (var write = new NpgsqlCommand(exists
            ? "UPDATE task_inputs SET reservation_id = $3, object_key = $4 WHERE task_id = $1 AND file_name = $2"
            : """
              INSERT INTO task_inputs (task_id, file_name, reservation_id, object_key)
              SELECT $1, $2, $3, $4 WHERE (SELECT count(*) FROM task_inputs WHERE task_id = $1) < $5
              """, connection, transaction))
        {
            write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = taskId });
            write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = fileName });
            write.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = reservation });
            write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = objectKey });
            write.Parameters.Add(new NpgsqlParameter<long> { TypedValue = maxFiles });
            if (await write.ExecuteNonQueryAsync(ct) == 0)
            {
                return (InputCommit.Full, null);
            }
        }
        // A FAILED task keeps its status and error (the retry reads its attempt and failed_at, and the failure stays
        // shown until the retry); any other becomes UPLOADING.
        await using (var uploading = new NpgsqlCommand("""
            UPDATE tasks SET status = 'UPLOADING', upload_started_at = COALESCE(upload_started_at, $2), error_code = NULL, error_message = NULL
             WHERE task_id = $1 AND status <> 'FAILED'
            """, connection, transaction))
        {
            uploading.Parameters.Add(new NpgsqlParameter<string> { TypedValue = taskId });
            uploading.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await uploading.ExecuteNonQueryAsync(ct);
        }
        var replaced = previous == objectKey ? null : previous;
        if (replaced is not null)
        {
            await using var record = new NpgsqlCommand(Storage.StorageRemovals.RecordReplacedSql, connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = replaced });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = taskId });
            await record.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return (InputCommit.Committed, replaced);
    }

    /// <summary>UPLOADING/UPLOAD_FAILED → UPLOAD_FAILED with error code FILES_NOT_FOUND: processing was asked for without a data file.</summary>
    public Task<bool> MarkUploadFailedAsync(string taskId, string message, CancellationToken ct) =>
        TransitionAsync(taskId, [TaskStatuses.Uploading, TaskStatuses.UploadFailed],
            s => s.SetProperty(t => t.Status, TaskStatuses.UploadFailed).SetProperty(t => t.ErrorCode, "FILES_NOT_FOUND").SetProperty(t => t.ErrorMessage, Truncate(message)), ct);

    /// <summary>
    /// CREATED/UPLOADING/UPLOAD_FAILED → QUEUED with progress 15 (AGENSIUM.md §1.3). Returns the row as it now is (to
    /// be published without reading it again), or null when the task was not in one of those states.
    /// </summary>
    public async Task<AnalysisTask?> TryQueueAsync(string taskId, string queue, CancellationToken ct) =>
        await OneRowAsync(TryQueueSql, ct,
            new NpgsqlParameter<string> { TypedValue = taskId },
            new NpgsqlParameter<string> { TypedValue = queue },
            new NpgsqlParameter<int> { TypedValue = QueuedProgress },
            new NpgsqlParameter<DateTime> { TypedValue = Now, NpgsqlDbType = NpgsqlDbType.TimestampTz });

    private static readonly string TryQueueSql = $"""
        UPDATE tasks t SET status = 'QUEUED', queue = $2, attempt = 0, next_retry_at = NULL,
               progress = $3, error_code = NULL, error_message = NULL, processing_started_at = $4
         WHERE t.task_id = $1 AND t.status IN ('CREATED', 'UPLOADING', 'UPLOAD_FAILED')
        RETURNING {TaskRows.Columns("t")}
        """;

    /// <summary>
    /// The progress of attempt <paramref name="attempt"/>: it never goes down, and only the attempt the PROCESSING row
    /// runs takes it (a node frozen and resumed after another took its task over wrote its old attempt's 55…95 into the
    /// live attempt's row). Returns the row's progress afterwards, the one to publish (an attempt that took over starts
    /// at 20 and published 95 → 20 to subscribers), or null when the row is not that attempt's.
    /// </summary>
    public async Task<int?> UpdateProgressAsync(string taskId, int attempt, int progress, string? currentAgent, CancellationToken ct)
    {
        await using var cmd = database.CreateCommand("""
            UPDATE tasks t SET progress = GREATEST(t.progress, $3), current_agent = $4
             WHERE t.task_id = $1 AND t.status = 'PROCESSING' AND t.attempt = $2
            RETURNING t.progress
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = taskId });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = attempt });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = progress });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)currentAgent ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return await cmd.ExecuteScalarAsync(ct) is int stored ? stored : null;
    }

    /// <summary>PROCESSING → COMPLETED with progress 100. Returns the row as it now is, or null when it did not move.</summary>
    public async Task<AnalysisTask?> CompleteAsync(string taskId, CancellationToken ct)
    {
        if (_shared is not null)
        {
            return await CompleteAsync(_shared, taskId, ct);
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await CompleteAsync(db, taskId, ct);
    }

    private async Task<AnalysisTask?> CompleteAsync(AgensiumDbContext db, string taskId, CancellationToken ct)
    {
        var now = Now;
        return await OneRowAsync(db.Tasks.FromSql($"""
            UPDATE tasks t SET status = 'COMPLETED', progress = 100, current_agent = NULL, completed_at = {now},
                   error_code = NULL, error_message = NULL
             WHERE t.task_id = {taskId} AND t.status = 'PROCESSING'
            RETURNING t.*
            """), ct);
    }

    public Task<bool> FailAsync(string taskId, string errorCode, string message, IReadOnlyCollection<string> from, CancellationToken ct) =>
        TransitionAsync(taskId, from,
            s => s.SetProperty(t => t.Status, TaskStatuses.Failed)
                  .SetProperty(t => t.ErrorCode, errorCode)
                  .SetProperty(t => t.ErrorMessage, Truncate(message))
                  .SetProperty(t => t.FailedAt, Now), ct);

    /// <summary>
    /// PROCESSING → FAILED/STALE_TASK (the cleanup job's stale sweep) and the task's RUNNING attempts closed FAILED with
    /// the same error, in one statement. Recorded on the task only, the attempt stayed RUNNING: a run still alive went
    /// on, closed its attempt COMPLETED beside the FAILED task and uploaded outputs under it, and the run's planned
    /// retries were not ended, so they counted against an operator's retry. A closed attempt is one that no longer
    /// stands: a run still alive stops within Worker:CancelPollInterval and writes nothing more (as when another node
    /// takes it over). The attempt rows are locked before the task row, in the order an attempt's start and end take them.
    /// Only a task whose processing started before <paramref name="startedBefore"/>: a recovery re-run that starts
    /// between the sweep's list and this statement moved processing_started_at, and is no stale run (it was failed
    /// with its fresh attempt left RUNNING).
    /// </summary>
    public async Task<bool> FailStaleAsync(string taskId, string errorCode, string message, string analysisJob, DateTime startedBefore, CancellationToken ct)
    {
        await using var cmd = database.CreateCommand("""
            WITH attempt AS (
              SELECT id FROM job_history WHERE task_id = $1 AND job_name = $5 AND status = 'RUNNING' FOR UPDATE),
            failed AS (
              UPDATE tasks SET status = 'FAILED', error_code = $2, error_message = $3, failed_at = $4
               WHERE task_id = $1 AND status = 'PROCESSING' AND processing_started_at < $6 AND (SELECT count(*) FROM attempt) >= 0
              RETURNING task_id),
            closed AS (
              UPDATE job_history h SET status = 'FAILED', error_code = $2, error_message = $3, finished_at = $4,
                     duration_ms = GREATEST(0, (extract(epoch FROM ($4 - h.started_at)) * 1000)::bigint),
                     result = jsonb_build_object('status', 'error', 'error', $3, 'error_code', $2),
                     next_retry_at = NULL, retryable = false
               WHERE h.id IN (SELECT id FROM attempt) AND EXISTS (SELECT 1 FROM failed))
            SELECT count(*) FROM failed
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = taskId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = errorCode });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Truncate(message) });
        cmd.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = analysisJob });
        cmd.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = DateTime.SpecifyKind(startedBefore, DateTimeKind.Utc), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        return (long)(await cmd.ExecuteScalarAsync(ct))! == 1;
    }

    /// <summary>A transient failure with retries left: back to QUEUED until the retry is due.</summary>
    public Task<bool> ScheduleRetryAsync(string taskId, string errorCode, string message, DateTime nextRetryAtUtc, CancellationToken ct) =>
        TransitionAsync(taskId, [TaskStatuses.Queued, TaskStatuses.Processing],
            s => s.SetProperty(t => t.Status, TaskStatuses.Queued)
                  .SetProperty(t => t.ErrorCode, errorCode)
                  .SetProperty(t => t.ErrorMessage, Truncate(message))
                  .SetProperty(t => t.CurrentAgent, (string?)null)
                  .SetProperty(t => t.NextRetryAt, nextRetryAtUtc), ct);

    /// <summary>
    /// Celery's revoke: QUEUED or PROCESSING → CANCELLED. A running job notices through its task row. The error of a
    /// failure whose retry was waiting goes with the retry: error_code is set only on FAILED tasks and on QUEUED ones
    /// while a retry waits (README); the failed attempt keeps it in job_history.
    /// </summary>
    public Task<bool> CancelAsync(string taskId, CancellationToken ct) =>
        TransitionAsync(taskId, [TaskStatuses.Queued, TaskStatuses.Processing],
            s => s.SetProperty(t => t.Status, TaskStatuses.Cancelled)
                  .SetProperty(t => t.ErrorCode, (string?)null)
                  .SetProperty(t => t.ErrorMessage, (string?)null)
                  .SetProperty(t => t.NextRetryAt, (DateTime?)null)
                  .SetProperty(t => t.CancelledAt, Now), ct);

    /// <summary>
    /// An operator's retry of a FAILED task whose inputs are still kept: back to QUEUED (progress 15), its error
    /// cleared; the attempt count goes on from where it was.
    /// </summary>
    /// <param name="taskId">The task.</param>
    /// <param name="queue">Its queue.</param>
    /// <param name="seenAttempt">The attempt count of the FAILED row the caller read: a run that started since (another
    /// retry, which may have failed again by now) leaves the row alone, so two retries of one failure run it once.</param>
    /// <param name="seenFailedAt">The failed_at of that row: the failure it is. A retry whose run failed before its start
    /// statement (the start could not be recorded) failed the task again without moving the attempt; checked by the
    /// attempt alone, that new failure passed for the one read, and a second retry of the first failure requeued it.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<bool> RequeueFailedAsync(string taskId, string queue, int seenAttempt, DateTime? seenFailedAt, CancellationToken ct) =>
        TransitionAsync(taskId, [TaskStatuses.Failed],
            s => s.SetProperty(t => t.Status, TaskStatuses.Queued)
                  .SetProperty(t => t.Queue, queue)
                  .SetProperty(t => t.Progress, QueuedProgress)
                  .SetProperty(t => t.CurrentAgent, (string?)null)
                  .SetProperty(t => t.ErrorCode, (string?)null)
                  .SetProperty(t => t.ErrorMessage, (string?)null)
                  .SetProperty(t => t.FailedAt, (DateTime?)null)
                  .SetProperty(t => t.NextRetryAt, (DateTime?)null), ct, only: t => t.Attempt == seenAttempt && t.FailedAt == seenFailedAt);

    /// <summary>
    /// CREATED/UPLOADING/UPLOAD_FAILED → EXPIRED, and the task's prefix <paramref name="prefix"/> recorded in s3_removals,
    /// in one statement: a task is never EXPIRED without its files' removal on record (s3_cleaned is set when that
    /// removal is done, <see cref="Storage.StorageRemovals.DoneAsync(Storage.StorageRemovals.Item, CancellationToken)"/>).
    /// </summary>
    public async Task<bool> ExpireAsync(string taskId, string prefix, CancellationToken ct)
    {
        await using var cmd = database.CreateCommand("""
            WITH expired AS (
                UPDATE tasks SET status = 'EXPIRED', expired_at = $3 WHERE task_id = $1 AND status = ANY($4) RETURNING task_id),
            recorded AS (
                INSERT INTO s3_removals (object_key, is_prefix, task_id, reason)
                SELECT $2, true, task_id, 'expired-task' FROM expired ON CONFLICT (object_key) DO NOTHING)
            SELECT count(*) FROM expired
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = taskId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix });
        cmd.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = TaskStatuses.Expirable });
        return (long)(await cmd.ExecuteScalarAsync(ct))! == 1;
    }

    /// <summary>Tasks in one of the statuses whose reference time is older than the cut-off.</summary>
    public async Task<IReadOnlyList<AnalysisTask>> FindCreatedBeforeAsync(IReadOnlyCollection<string> statuses, DateTime cutoffUtc, int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Tasks.AsNoTracking()
            .Where(t => statuses.Contains(t.Status) && t.CreatedAt < cutoffUtc)
            .OrderBy(t => t.CreatedAt).Take(limit).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<AnalysisTask>> FindProcessingSinceBeforeAsync(DateTime cutoffUtc, int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Tasks.AsNoTracking()
            .Where(t => t.Status == TaskStatuses.Processing && t.ProcessingStartedAt < cutoffUtc)
            .OrderBy(t => t.ProcessingStartedAt).Take(limit).ToListAsync(ct);
    }

    private async Task<bool> TransitionAsync(
        string taskId,
        IReadOnlyCollection<string> from,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<AnalysisTask>> set,
        CancellationToken ct,
        System.Linq.Expressions.Expression<Func<AnalysisTask, bool>>? only = null)
    {
        if (_shared is not null)
        {
            return await Matching(_shared.Tasks, taskId, from, only).ExecuteUpdateAsync(set, ct) == 1;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Matching(db.Tasks, taskId, from, only).ExecuteUpdateAsync(set, ct) == 1;
    }

    /// <summary>The task's row if it is in one of <paramref name="from"/> (and <paramref name="only"/> holds, when given).</summary>
    private static IQueryable<AnalysisTask> Matching(IQueryable<AnalysisTask> tasks, string taskId, IReadOnlyCollection<string> from,
        System.Linq.Expressions.Expression<Func<AnalysisTask, bool>>? only)
    {
        var row = tasks.Where(t => t.TaskId == taskId && from.Contains(t.Status));
        return only is null ? row : row.Where(only);
    }

    /// <summary>The row a single-row statement (… RETURNING the <see cref="TaskRows"/> columns) gave back, or null when it touched none.</summary>
    private async Task<AnalysisTask?> OneRowAsync(string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var cmd = database.CreateCommand(sql);
        cmd.Parameters.AddRange(parameters);
        return await TaskRows.ReadSingleAsync(cmd, ct);
    }

    /// <summary>The row a single-row statement (… RETURNING t.*) gave back, or null when it touched none.</summary>
    private static async Task<AnalysisTask?> OneRowAsync(IQueryable<AnalysisTask> statement, CancellationToken ct)
    {
        var rows = await statement.AsNoTracking().ToListAsync(ct);
        return rows.Count == 1 ? rows[0] : null;
    }

    public static string Truncate(string message) => Data.StoredText.Clip(message, MaxErrorMessageLength);
}
