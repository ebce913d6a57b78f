using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Tasks;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Re-creates the trigger of a task that is QUEUED without one. Queuing is two commits: the task row becomes QUEUED
/// (POST /process, or a retry planned at the end of an attempt), then its trigger goes into the Quartz store. A node
/// killed between the two left a QUEUED task that nothing would ever run (found by the chaos runner: SIGKILL during a
/// submission). Every <see cref="SchedulerOptions.QueuedRepairInterval"/> each node looks for tasks QUEUED for longer
/// than <see cref="SchedulerOptions.QueuedRepairAfter"/> with no trigger of theirs in the store (in any queue's group,
/// waiting, paused or fired, or recovering from a dead node) and schedules the missing attempt; two nodes doing it at once collide on the trigger's
/// key and one of them wins.
/// </summary>
public sealed class QueuedTaskRepair(NpgsqlDataSource db, TaskSubmitter submitter, IOptions<SchedulerOptions> options,
    ILogger<QueuedTaskRepair> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(options.Value.QueuedRepairInterval, RepairAsync, logger.QueuedRepairFailed, stoppingToken);

    /// <summary>Schedules the missing trigger of every stranded QUEUED task; returns how many were repaired.</summary>
    public async Task<int> RepairAsync(CancellationToken ct)
    {
        var stranded = new List<(string TaskId, long UserId, string ToolId, string Queue, int Attempt, DateTime? NextRetryAt)>();
        // Job data is stored as JSON strings (StoreJobDataAsStrings + the System.Text.Json serializer), so a recovery
        // trigger of a dead node's firing is found by the task id in its job data.
        await using (var cmd = db.CreateCommand($"""
            SELECT t.task_id, t.user_id, t.tool_id, coalesce(t.queue, 'default'), t.attempt, t.next_retry_at
              FROM tasks t
             WHERE t.status = 'QUEUED' AND t.updated_at < now() - @after
               AND NOT EXISTS (SELECT 1 FROM {QuartzSetup.TablePrefix}triggers g
                                WHERE g.sched_name = @sched
                                  AND (g.trigger_name = t.task_id OR g.trigger_name LIKE t.task_id || '.retry%'))
               AND NOT EXISTS (SELECT 1 FROM {QuartzSetup.TablePrefix}fired_triggers f
                                WHERE f.sched_name = @sched AND (f.trigger_name = t.task_id OR f.trigger_name LIKE t.task_id || '.retry%'))
               AND NOT EXISTS (SELECT 1 FROM {QuartzSetup.TablePrefix}triggers r
                                WHERE r.sched_name = @sched AND r.trigger_group = @recovering
                                  AND position(t.task_id IN convert_from(r.job_data, 'UTF8')) > 0)
             ORDER BY t.updated_at
             LIMIT 100
            """))
        {
            cmd.Parameters.AddWithValue("after", options.Value.QueuedRepairAfter);
            cmd.Parameters.AddWithValue("sched", options.Value.InstanceName);
            cmd.Parameters.AddWithValue("recovering", RecoveryPromoter.RecoveryGroup);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                stranded.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetDateTime(5)));
            }
        }
        var repaired = 0;
        foreach (var t in stranded)
        {
            try
            {
                // tasks.attempt is the last attempt that started (0 before the first): the missing one is the next.
                DateTimeOffset? due = t.NextRetryAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
                await submitter.ScheduleAsync(t.TaskId, t.UserId, t.ToolId, t.Queue, t.Attempt + 1, due, ct);
                repaired++;
                logger.QueuedTaskRepaired(t.TaskId, t.Attempt + 1);
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another node (or the request itself, late) scheduled it meanwhile.
            }
        }
        return repaired;
    }
}
