namespace Agensium.Scheduler.Jobs;

/// <summary>
/// The statement of a <see cref="QueuedTaskRepair"/> pass: the next slice of tasks QUEUED long enough, each with whether
/// it is stranded (no trigger of its own in any group, no fired row, and no recovery trigger naming it in its job data).
/// Parameters, by position: $1 how long a task must have been QUEUED (interval), $2 the updated_at the slice starts
/// after, $3 the slice's size, $4 the scheduler's name.
/// </summary>
/// <remarks>
/// The statement is auto-prepared, so after a few passes it runs a generic plan that lives as long as the connection.
/// With the fired and recovery checks as one LATERAL … LIMIT 1 per task, a plan made while <c>qrtz_fired_triggers</c>
/// held one page scanned that table once per task, still when a drain's churn had bloated it to ~1,000 pages of dead
/// rows (2.2 M buffers, 4–9 s a pass; a generic plan also scanned the whole trigger table per task for the recovery
/// group, a parameter it could not see): docs/benchmarks.md, Scheduler, "QueuedTaskRepair's pass". Both are now read at
/// most once per pass, into a materialised list the tasks are checked against (the fired table holds a few rows per
/// running job; the recovery group is empty but for a dead node's firings); their reads only run if some task of the
/// slice has no trigger. The trigger check stays one lookup per task on sql/009's index (the trigger table holds one row
/// per queued task). Job data is stored as JSON strings (StoreJobDataAsStrings + the System.Text.Json serializer), so a
/// recovery trigger of a dead node's firing is found by the task id in its job data. The recovery group is written into
/// the text (a constant), so the planner sees it and probes Quartz's group index even in a generic plan.
/// </remarks>
public static class QueuedRepairQuery
{
    public const string Sql = $"""
        WITH slice AS (
          SELECT t.task_id, t.user_id, t.tool_id, coalesce(t.queue, 'default') AS queue, t.attempt, t.next_retry_at, t.updated_at
            FROM tasks t
           WHERE t.status = 'QUEUED' AND t.updated_at < now() - $1 AND t.updated_at > $2
           ORDER BY t.updated_at
           LIMIT $3),
        fired AS MATERIALIZED (
          SELECT DISTINCT split_part(f.trigger_name, '.', 1) AS task_id
            FROM {QuartzSetup.TablePrefix}fired_triggers f
           WHERE f.sched_name = $4),
        recovering AS MATERIALIZED (
          SELECT convert_from(r.job_data, 'UTF8') AS job_data
            FROM {QuartzSetup.TablePrefix}triggers r
           WHERE r.sched_name = $4 AND r.trigger_group = '{RecoveryPromoter.RecoveryGroup}')
        SELECT s.task_id, s.user_id, s.tool_id, s.queue, s.attempt, s.next_retry_at, s.updated_at,
               g.x IS NULL
               AND NOT EXISTS (SELECT 1 FROM fired WHERE fired.task_id = s.task_id)
               AND NOT EXISTS (SELECT 1 FROM recovering WHERE position(s.task_id IN recovering.job_data) > 0) AS stranded
          FROM slice s
          LEFT JOIN LATERAL (SELECT 1 AS x FROM {QuartzSetup.TablePrefix}triggers g
                              WHERE g.sched_name = $4 AND split_part(g.trigger_name, '.', 1) = s.task_id LIMIT 1) g ON true
         ORDER BY s.updated_at
        """;
}
