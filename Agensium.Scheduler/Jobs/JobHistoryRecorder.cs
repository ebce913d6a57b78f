using Agensium.Scheduler.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>Writes job_history: a RUNNING row when a firing starts, closed with its outcome when it ends.</summary>
public sealed class JobHistoryRecorder(IDbContextFactory<AgensiumDbContext> contexts, TimeProvider time)
{
    /// <summary>
    /// Opens the attempt's RUNNING row and returns its attempt number, in one statement: a still-open attempt of the
    /// same task belongs to a node that died (only one trigger exists per task, so two attempts never run at once)
    /// and is closed LOST; the new attempt counts every earlier one.
    /// </summary>
    public async Task<int> StartAsync(IJobExecutionContext context, JobRunInfo info, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        context.MergedJobDataMap[StartedAtKey] = now;
        var job = context.JobDetail.Key;
        var scheduled = info.DueAtUtc ?? context.ScheduledFireTimeUtc?.UtcDateTime;
        var attempts = await db.Database.SqlQuery<int>($"""
            WITH lost AS (
              UPDATE job_history SET status = 'LOST', finished_at = {now}, error_message = {LostMessage}
               WHERE task_id = {info.TaskId}::text AND job_name = {job.Name} AND status = 'RUNNING' RETURNING id)
            INSERT INTO job_history (fire_instance_id, job_name, job_group, task_id, user_id, tool_id, queue, node_instance_id,
                                     attempt, status, scheduled_at, started_at)
            SELECT {context.FireInstanceId}, {job.Name}, {job.Group}, {info.TaskId}::text, {info.UserId}::bigint, {info.ToolId}::text,
                   {info.Queue}::text, {context.Scheduler.SchedulerInstanceId},
                   1 + (SELECT count(*) FROM job_history WHERE task_id = {info.TaskId}::text AND job_name = {job.Name}),
                   'RUNNING', {scheduled}::timestamptz, {now}
            RETURNING attempt AS "Value"
            """).ToListAsync(ct);
        return attempts[0];
    }

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
        // The time the attempt held its slot, until its end is recorded: a retried end write (PostgreSQL away for a
        // while) counts, as it does in finished_at − started_at; Quartz's JobRunTime stopped when the job returned.
        var durationMs = context.MergedJobDataMap.TryGetValue(StartedAtKey, out var value) && value is DateTime started
            ? (long)Math.Max(0, (now - started).TotalMilliseconds)
            : (long)context.JobRunTime.TotalMilliseconds;
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
}
