using Agensium.Scheduler.Data;
using Agensium.Scheduler.Jobs;
using Agensium.Scheduler.Tasks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agensium.Scheduler.Api;

/// <summary>
/// The seed's "tasks stuck in PENDING" troubleshooting, answered from the shared store: the task's triggers and their
/// state, which node holds a firing, which nodes are alive, how busy the task's queue is and what is ahead of it.
/// </summary>
public sealed class TaskDiagnostics(Data.Database db, IOptions<SchedulerOptions> scheduler, IOptions<QueueOptions> queues, TimeProvider time)
{
    private const string P = QuartzSetup.TablePrefix;

    public async Task<TaskExplanation> ExplainAsync(AnalysisTask task, CancellationToken ct)
    {
        var sched = scheduler.Value.InstanceName;
        var triggers = await ReadAsync($"""
            SELECT trigger_name, trigger_group, trigger_state, next_fire_time, execution_group, priority
              FROM {P}triggers
             WHERE sched_name = @s AND job_name = @job
               AND (trigger_name = @t OR trigger_name LIKE @retry
                    OR (trigger_group = '{RecoveryPromoter.RecoveryGroup}' AND encode(job_data, 'escape') LIKE @inData))
            """, r => new TriggerInfo(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : DueAt(r.GetString(0), r.GetString(1), r.IsDBNull(4) ? null : r.GetString(4), r.GetInt64(3)),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? 0 : r.GetInt32(5)), ct,
            ("s", sched), ("job", ProcessAnalysisJob.Key.Name), ("t", task.TaskId), ("retry", task.TaskId + ".retry%"), ("inData", "%" + task.TaskId + "%"));

        var firings = await ReadAsync($"""
            SELECT f.instance_name, f.state, f.fired_time FROM {P}fired_triggers f
             WHERE f.sched_name = @s AND (f.trigger_name = @t OR f.trigger_name LIKE @retry OR f.trigger_name IN
                   (SELECT trigger_name FROM {P}triggers WHERE sched_name = @s AND trigger_group = '{RecoveryPromoter.RecoveryGroup}'
                       AND encode(job_data, 'escape') LIKE @inData))
            """, r => new FiringInfo(r.GetString(0), r.GetString(1), FromTicks(r.GetInt64(2))), ct,
            ("s", sched), ("t", task.TaskId), ("retry", task.TaskId + ".retry%"), ("inData", "%" + task.TaskId + "%"));

        var queue = task.Queue ?? QueueOptions.Default;
        var now = time.GetUtcNow().UtcDateTime;
        var deadAfter = scheduler.Value.ClusterCheckinInterval + scheduler.Value.ClusterCheckinMisfireThreshold;
        var nodes = await ReadAsync($"""
            SELECT s.instance_name, s.last_checkin_time,
                   (SELECT count(*) FROM {P}fired_triggers f WHERE f.sched_name = s.sched_name AND f.instance_name = s.instance_name
                       AND f.execution_group = @q AND f.state = 'EXECUTING')::int
              FROM {P}scheduler_state s WHERE s.sched_name = @s ORDER BY s.instance_name
            """, r =>
            {
                var checkin = FromTicks(r.GetInt64(1));
                return new NodeInfo(r.GetString(0), checkin, now - checkin <= deadAfter, r.GetInt32(2));
            }, ct, ("s", sched), ("q", queue));

        var waiting = triggers.FirstOrDefault(t => t.State is "WAITING" or "ACQUIRED" or "PAUSED" or "BLOCKED" or "ERROR");
        var ahead = waiting is null ? 0 : await CountAheadAsync(sched, waiting, ct);
        var reason = Reason(task, triggers, firings, nodes, queue, ahead, now);
        return new TaskExplanation(task.TaskId, task.Status, task.Queue, task.Attempt, task.NextRetryAt, triggers, firings, nodes, ahead, reason);
    }

    private string Reason(AnalysisTask task, IReadOnlyList<TriggerInfo> triggers, IReadOnlyList<FiringInfo> firings,
        IReadOnlyList<NodeInfo> nodes, string queue, int ahead, DateTime now)
    {
        if (task.Status == TaskStatuses.Processing)
        {
            return firings.FirstOrDefault(f => f.State == "EXECUTING") is { } running
                ? $"Running on node {running.Node} since {running.FiredAt:O} (attempt {task.Attempt})."
                : nodes.Any(n => !n.Alive)
                    ? "PROCESSING, but no node holds a firing: the node that ran it stopped; recovery will start it again."
                    : "PROCESSING, but no node holds a firing.";
        }
        if (task.Status != TaskStatuses.Queued)
        {
            return $"The task is {task.Status}; nothing is scheduled for it.";
        }
        if (triggers.Count == 0 && firings.Count == 0)
        {
            return "QUEUED but no trigger exists for it in the job store: it will not run. Cancel it and submit it again.";
        }
        if (firings.FirstOrDefault() is { } claimed)
        {
            return $"Claimed by node {claimed.Node} ({claimed.State}) at {claimed.FiredAt:O}; it is about to start.";
        }
        var trigger = triggers[0];
        if (trigger.State is "PAUSED" or "PAUSED_BLOCKED")
        {
            // A paused queue pauses its trigger group: say what an operator does about it.
            return trigger.Group == queue
                ? $"Its queue '{queue}' is paused: resume it with POST /api/queues/{queue}/resume (or Resume on the dashboard's overview); {ahead} queued task(s) are ahead of it."
                : $"Its trigger {trigger.Name} is paused: resume the trigger or its group.";
        }
        if (trigger.State == "ERROR")
        {
            return $"Its trigger {trigger.Name} is in ERROR state (the job could not be started); see the node logs.";
        }
        if (task.NextRetryAt is { } retryAt && retryAt > now)
        {
            return $"Waiting to retry: attempt {task.Attempt + 1} is due at {retryAt:O} (backoff after {task.ErrorCode}).";
        }
        var alive = nodes.Where(n => n.Alive).ToList();
        if (alive.Count == 0)
        {
            return "No scheduler node is alive (no check-in recently): start a node.";
        }
        var limit = queues.Value.SlotsFor(queue, scheduler.Value.Concurrency);
        if (alive.All(n => n.RunningInQueue >= limit))
        {
            return $"Every live node runs its limit of {limit} {queue} task(s); {ahead} queued task(s) are ahead of it.";
        }
        return ahead > 0
            ? $"Waiting for a free slot: {ahead} queued task(s) are ahead of it."
            : $"Due now; an idle node picks it up within Scheduler:IdleWaitTime ({scheduler.Value.IdleWaitTime.TotalSeconds:0.#} s).";
    }

    private async Task<int> CountAheadAsync(string sched, TriggerInfo trigger, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT count(*) FROM {P}triggers t, {P}triggers me
             WHERE me.sched_name = @s AND me.trigger_name = @n AND me.trigger_group = @g
               AND t.sched_name = @s AND t.trigger_state IN ('WAITING', me.trigger_state) AND t.job_name = me.job_name
               AND (t.next_fire_time < me.next_fire_time OR (t.next_fire_time = me.next_fire_time AND t.priority > me.priority))
            """);
        cmd.Parameters.AddWithValue("s", sched);
        cmd.Parameters.AddWithValue("n", trigger.Name);
        cmd.Parameters.AddWithValue("g", trigger.Group);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<List<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct, params (string, object)[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(map(reader));
        }
        return list;
    }

    /// <summary>Quartz stores times as .NET ticks (UTC).</summary>
    private static DateTime FromTicks(long ticks) => new(ticks, DateTimeKind.Utc);

    /// <summary>
    /// The real due time. A first attempt's fire time carries its queue's head start and a recovered one the recovery
    /// head start; a retry is dated at its real due time.
    /// </summary>
    private static DateTime DueAt(string name, string group, string? queue, long ticks)
    {
        var at = FromTicks(ticks);
        if (group == RecoveryPromoter.RecoveryGroup)
        {
            return at < DateTime.UtcNow - RecoveryPromoter.RecoveredHeadStart / 2 ? at + RecoveryPromoter.RecoveredHeadStart : at;
        }
        return name.Contains(".retry", StringComparison.Ordinal) ? at : at + QueueOptions.HeadStart(queue ?? QueueOptions.Default);
    }
}
