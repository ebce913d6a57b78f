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

    /// <summary>
    /// Where the next pass goes on: the updated_at of the last task looked at, back to the start when a pass reaches
    /// the end of the queue. (Tasks sharing that exact timestamp beyond a slice wait for the next round.) Each node
    /// walks the queue on its own; nothing here is needed by another node.
    /// </summary>
    private DateTime _from = DateTime.MinValue;

    /// <summary>
    /// Schedules the missing trigger of the stranded QUEUED tasks among the next <see cref="SchedulerOptions.QueuedRepairBatch"/>
    /// that have been QUEUED long enough (oldest first); returns how many were repaired. A pass is one index range over
    /// the queue, one index lookup per task (sql/009) and at most one read of the fired table and of the recovery group
    /// (<see cref="QueuedRepairQuery"/>), so it costs the same with 100,000 queued tasks as with 100 and whatever the
    /// fired table's bloat; a backlog larger than one slice is covered in consecutive passes.
    /// </summary>
    public async Task<int> RepairAsync(CancellationToken ct)
    {
        var stranded = new List<(string TaskId, long UserId, string ToolId, string Queue, int Attempt, DateTime? NextRetryAt)>();
        var batch = options.Value.QueuedRepairBatch;
        var looked = 0;
        var last = _from;
        await using (var cmd = db.CreateCommand(QueuedRepairQuery.Sql))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = options.Value.QueuedRepairAfter });
            cmd.Parameters.Add(new NpgsqlParameter { Value = DateTime.SpecifyKind(_from, DateTimeKind.Utc) });
            cmd.Parameters.Add(new NpgsqlParameter { Value = batch });
            cmd.Parameters.Add(new NpgsqlParameter { Value = options.Value.InstanceName });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                looked++;
                last = reader.GetDateTime(6);
                if (reader.GetBoolean(7))
                {
                    stranded.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                        reader.IsDBNull(5) ? null : reader.GetDateTime(5)));
                }
            }
        }
        // A short slice reached the end of the queue: the next pass starts again from the oldest task.
        _from = looked < batch ? DateTime.MinValue : last;
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
