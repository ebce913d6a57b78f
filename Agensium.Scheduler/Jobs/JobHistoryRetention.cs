using Microsoft.Extensions.Options;
using Npgsql;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Keeps job_history tidy: closes attempts left RUNNING by a node that is gone (an analysis attempt is also closed
/// when its task runs again; this covers the other jobs), and deletes old rows in batches (ix_job_history_finished).
/// </summary>
public sealed class JobHistoryRetention(NpgsqlDataSource db, IOptions<SchedulerOptions> options, TimeProvider time)
{
    public const int BatchSize = 10_000;

    /// <summary>
    /// RUNNING attempts of nodes that no longer check in become LOST; returns how many. Each attempt is judged by the
    /// check-in of the scheduler that runs its job: a cron job's (<see cref="MaintenanceScheduler.JobNames"/>) by the
    /// node's maintenance scheduler, any other by its analyses' scheduler. A stopping node drains each scheduler's jobs
    /// before that scheduler stops checking in, so its analyses' check-in may end while its cleanup still runs: judged
    /// by that check-in, the cleanup was closed LOST under it (s44 review). An analysis attempt is left to
    /// Quartz's recovery while its task is still QUEUED or PROCESSING: the recovered attempt closes it when it starts,
    /// and a node that was only frozen and checks in again before that must find its attempt still standing (a LOST
    /// row tells it another attempt took over, and it would stop). Once the task has ended (cancelled while its node
    /// was dying, or failed as stale), nothing will run it again, so its attempt is closed here; a cancelled task's outputs
    /// (what the attempt may have uploaded before its node died) are recorded for removal in s3_removals with it.
    /// </summary>
    public async Task<int> CloseOrphanedAsync(CancellationToken ct)
    {
        var o = options.Value;
        var deadAfter = o.ClusterCheckinInterval + o.ClusterCheckinMisfireThreshold;
        // A closed attempt of a CANCELLED task may have uploaded part of its outputs before its node died, and no end of
        // that run will record their removal: it is recorded here, by the statement that closes the attempt. The prefix
        // is TaskPaths.OutputsPrefix, written in SQL.
        await using var cmd = db.CreateCommand($"""
            WITH closed AS (
                UPDATE job_history h
                   SET status = 'LOST', finished_at = now(),
                       error_message = 'node ' || h.node_instance_id || ' stopped before the attempt ended'
                 WHERE h.status = 'RUNNING'
                   AND h.started_at < @cutoff
                   AND (h.job_name <> @analysisJob
                        OR NOT EXISTS (SELECT 1 FROM tasks t WHERE t.task_id = h.task_id AND t.status IN ('QUEUED', 'PROCESSING')))
                   AND NOT EXISTS (SELECT 1 FROM {QuartzSetup.TablePrefix}scheduler_state s
                                    WHERE s.sched_name = CASE WHEN h.job_group = @cronGroup AND h.job_name = ANY(@cronJobs)
                                                              THEN @cron ELSE @sched END
                                      AND s.instance_name = h.node_instance_id
                                      AND s.last_checkin_time > @aliveSinceTicks)
                RETURNING h.job_name, h.task_id),
            recorded AS (
                INSERT INTO s3_removals (object_key, is_prefix, task_id, reason)
                SELECT DISTINCT 'users/' || t.user_id || '/tasks/' || t.task_id || '/outputs/', true, t.task_id, @reason
                  FROM closed c JOIN tasks t ON t.task_id = c.task_id
                 WHERE c.job_name = @analysisJob AND t.status = 'CANCELLED'
                ON CONFLICT (object_key) DO NOTHING)
            SELECT count(*) FROM closed
            """);
        var cutoff = time.GetUtcNow().UtcDateTime - deadAfter;
        cmd.Parameters.AddWithValue("cutoff", cutoff);
        cmd.Parameters.AddWithValue("sched", o.InstanceName);
        cmd.Parameters.AddWithValue("cron", o.MaintenanceInstanceName);
        cmd.Parameters.AddWithValue("cronGroup", MaintenanceScheduler.JobGroup);
        cmd.Parameters.AddWithValue("cronJobs", MaintenanceScheduler.JobNames);
        cmd.Parameters.AddWithValue("analysisJob", ProcessAnalysisJob.Key.Name);
        cmd.Parameters.AddWithValue("aliveSinceTicks", cutoff.Ticks);
        cmd.Parameters.AddWithValue("reason", Storage.StorageRemovals.CancelledOutputs);
        return (int)(long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task<int> DeleteOlderThanAsync(DateTime cutoffUtc, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            await using var cmd = db.CreateCommand("""
                DELETE FROM job_history WHERE id IN (
                    SELECT id FROM job_history WHERE finished_at IS NOT NULL AND finished_at < @cutoff
                    ORDER BY finished_at LIMIT @batch)
                """);
            cmd.Parameters.AddWithValue("cutoff", cutoffUtc);
            cmd.Parameters.AddWithValue("batch", BatchSize);
            var deleted = await cmd.ExecuteNonQueryAsync(ct);
            total += deleted;
            if (deleted < BatchSize)
            {
                return total;
            }
        }
    }
}
