using Agensium.Scheduler.Data;
using Agensium.Scheduler.Tasks;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>Writes job_history: a RUNNING row when a firing starts, closed with its outcome when it ends.</summary>
public sealed class JobHistoryRecorder(IDbContextFactory<AgensiumDbContext> contexts, NpgsqlDataSource database, TimeProvider time)
{
    /// <summary>
    /// Opens the attempt's RUNNING row and returns its attempt number, in one statement: a still-open attempt of the
    /// same task belongs to a node that died (only one trigger exists per task, so two attempts never run at once)
    /// and is closed LOST; the new attempt counts every earlier one.
    /// </summary>
    public async Task<int> StartAsync(IJobExecutionContext context, JobRunInfo info, CancellationToken ct) =>
        (await StartAsync(context, info, moveTask: false, ct)).Attempt;

    /// <summary>
    /// The start of an analysis attempt in the same statement: the attempt's RUNNING row, and the task's move to
    /// PROCESSING (progress 20, no error: the previous attempt's error, which the task showed while its retry waited,
    /// stays in that attempt's row; the PROCESSING event of a retry carried it while the attempt's progress events
    /// carried none; only from QUEUED, or PROCESSING on a re-run, and only if its user exists). Returns the
    /// attempt number and the task row as it now is, or null when the task did not move (the caller reads why). The
    /// statement takes its row locks (attempt rows, then the task) in the order the end of an attempt takes them.
    /// </summary>
    public Task<(int Attempt, AnalysisTask? Started)> StartAnalysisAsync(IJobExecutionContext context, JobRunInfo info, CancellationToken ct) =>
        StartAsync(context, info, moveTask: true, ct);

    private async Task<(int Attempt, AnalysisTask? Started)> StartAsync(IJobExecutionContext context, JobRunInfo info, bool moveTask, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        context.MergedJobDataMap[StartedAtKey] = now;
        var job = context.JobDetail.Key;
        var scheduled = info.DueAtUtc ?? context.ScheduledFireTimeUtc?.UtcDateTime;
        await using var cmd = database.CreateCommand(StartSql);
        cmd.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = LostMessage });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)info.TaskId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = job.Name });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = context.FireInstanceId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = job.Group });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)info.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)info.ToolId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)info.Queue ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = context.Scheduler.SchedulerInstanceId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)scheduled ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = TaskStore.ProcessingStartProgress });
        cmd.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = moveTask });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
        {
            throw new InvalidOperationException($"The start of attempt {context.FireInstanceId} returned no row.");
        }
        return (r.GetInt32(0), TaskRows.Read(r, 1));
    }

    private static readonly string StartSql = $"""
        WITH lost AS (
          UPDATE job_history SET status = 'LOST', finished_at = $1, error_message = $2
           WHERE task_id = $3 AND job_name = $4 AND status = 'RUNNING' RETURNING id),
        attempt AS (
          INSERT INTO job_history (fire_instance_id, job_name, job_group, task_id, user_id, tool_id, queue, node_instance_id,
                                   attempt, status, scheduled_at, started_at)
          SELECT $5, $4, $6, $3, $7, $8, $9, $10,
                 1 + (SELECT count(*) FROM job_history WHERE task_id = $3 AND job_name = $4), 'RUNNING', $11, $1
          RETURNING attempt),
        started AS (
          UPDATE tasks t SET status = 'PROCESSING', attempt = (SELECT a.attempt FROM attempt a), next_retry_at = NULL,
                 progress = GREATEST(t.progress, $12), current_agent = NULL, processing_started_at = $1,
                 error_code = NULL, error_message = NULL
           WHERE $13 AND t.task_id = $3 AND t.status IN ('QUEUED', 'PROCESSING')
             AND EXISTS (SELECT 1 FROM users u WHERE u.id = t.user_id)
          RETURNING t.*)
        SELECT a.attempt, {TaskRows.Columns("s")} FROM attempt a LEFT JOIN started s ON true
        """;

    /// <summary>
    /// The end of a completed analysis attempt in one statement, on the usual path: the attempt's row locked while it is
    /// still RUNNING (not taken over), the task PROCESSING → COMPLETED (progress 100), and the attempt closed COMPLETED.
    /// Returns the task row as it now is. Null when any of that does not hold (taken over, cancelled meanwhile, no such
    /// row): then nothing was written, and the caller records the end the general way, in a transaction that says why.
    /// </summary>
    public async Task<AnalysisTask?> TryCompleteAnalysisAsync(IJobExecutionContext context, string taskId, JobOutcome outcome, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var cmd = database.CreateCommand(CompleteAnalysisSql);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = context.FireInstanceId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = taskId });
        cmd.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = DurationMs(context, now) });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = outcome.Result.ToJsonString(null), NpgsqlDbType = NpgsqlDbType.Jsonb });
        cmd.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = outcome.Transient });
        return await TaskRows.ReadSingleAsync(cmd, ct);
    }

    private static readonly string CompleteAnalysisSql = $"""
        WITH attempt AS (
          SELECT id FROM job_history WHERE fire_instance_id = $1 AND status = 'RUNNING' FOR UPDATE),
        completed AS (
          UPDATE tasks t SET status = 'COMPLETED', progress = 100, current_agent = NULL, completed_at = $3,
                 error_code = NULL, error_message = NULL
           WHERE t.task_id = $2 AND t.status = 'PROCESSING' AND EXISTS (SELECT 1 FROM attempt)
          RETURNING t.*),
        closed AS (
          UPDATE job_history h SET status = 'COMPLETED', error_code = NULL, error_message = NULL, finished_at = $3,
                 duration_ms = $4, result = $5, next_retry_at = NULL, retryable = $6
           WHERE h.id IN (SELECT id FROM attempt) AND EXISTS (SELECT 1 FROM completed))
        SELECT {TaskRows.Columns("c")} FROM completed c
        """;

    private const string LostMessage = "node stopped before the attempt ended; the job was run again";

    // The started_at written for the attempt, so that its duration is finished_at − started_at to the millisecond.
    private const string StartedAtKey = "agensium.history.started_at";

    /// <summary>
    /// True when the attempt's row exists and is no longer RUNNING: another node started the task again (and marked
    /// this attempt LOST) because this node stopped checking in. Inside a transaction the row stays locked until it
    /// ends, so the attempt that took over cannot mark it LOST in between.
    /// </summary>
    public static async Task<bool> IsSupersededAsync(AgensiumDbContext db, string fireInstanceId, bool lockRow, CancellationToken ct)
    {
        var statuses = lockRow
            ? await db.Database.SqlQuery<string>($"SELECT status AS \"Value\" FROM job_history WHERE fire_instance_id = {fireInstanceId} FOR UPDATE").ToListAsync(ct)
            : await db.Database.SqlQuery<string>($"SELECT status AS \"Value\" FROM job_history WHERE fire_instance_id = {fireInstanceId}").ToListAsync(ct);
        return statuses.Count > 0 && statuses.All(s => s != JobRunStatuses.Running);
    }

    /// <summary>
    /// The automatic retries the task's current run has had: its attempts that ended FAILED with a retry planned
    /// (next_retry_at) since its last final failure, i.e. since /process or an operator's retry queued it. An attempt
    /// LOST with its node (Celery's redelivery under acks_late) or turned away at the start is no retry, and an
    /// operator's retry starts with none used, as a task sent again in Celery does.
    /// </summary>
    public async Task<int> RetriesOfCurrentRunAsync(string taskId, CancellationToken ct)
    {
        await using var cmd = database.CreateCommand(RetriesOfCurrentRunSql);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = taskId });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ProcessAnalysisJob.Key.Name });
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private const string RetriesOfCurrentRunSql = """
        SELECT count(*) FROM job_history h
         WHERE h.task_id = $1 AND h.job_name = $2 AND h.status = 'FAILED' AND h.next_retry_at IS NOT NULL
           AND h.id > COALESCE((SELECT max(f.id) FROM job_history f
                                 WHERE f.task_id = $1 AND f.job_name = $2 AND f.status = 'FAILED' AND f.next_retry_at IS NULL), 0)
        """;

    public async Task<bool> IsSupersededAsync(string fireInstanceId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await IsSupersededAsync(db, fireInstanceId, lockRow: false, ct);
    }

    public async Task FinishAsync(IJobExecutionContext context, JobOutcome outcome, DateTime? nextRetryAtUtc, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await FinishAsync(db, context, outcome, nextRetryAtUtc, ct);
    }

    /// <summary>Closes the attempt inside the caller's context (and transaction).</summary>
    public async Task FinishAsync(AgensiumDbContext db, IJobExecutionContext context, JobOutcome outcome, DateTime? nextRetryAtUtc, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var durationMs = DurationMs(context, now);
        await db.JobHistory
            .Where(h => h.FireInstanceId == context.FireInstanceId && h.Status == JobRunStatuses.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, outcome.Status)
                .SetProperty(h => h.ErrorCode, outcome.ErrorCode)
                .SetProperty(h => h.ErrorMessage, outcome.ErrorMessage)
                .SetProperty(h => h.FinishedAt, now)
                .SetProperty(h => h.DurationMs, durationMs)
                .SetProperty(h => h.Result, outcome.Result.ToJsonString(null))
                .SetProperty(h => h.NextRetryAt, nextRetryAtUtc)
                .SetProperty(h => h.Retryable, outcome.Transient), ct);
    }

    /// <summary>
    /// The time the attempt held its slot, until its end is recorded: a retried end write (PostgreSQL away for a while)
    /// counts, as it does in finished_at − started_at; Quartz's JobRunTime stopped when the job returned.
    /// </summary>
    private static long DurationMs(IJobExecutionContext context, DateTime now) =>
        context.MergedJobDataMap.TryGetValue(StartedAtKey, out var value) && value is DateTime started
            ? (long)Math.Max(0, (now - started).TotalMilliseconds)
            : (long)context.JobRunTime.TotalMilliseconds;
}
