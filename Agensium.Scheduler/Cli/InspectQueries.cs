namespace Agensium.Scheduler.Cli;

/// <summary>
/// The SQL behind `inspect` and `history`, against the shared Quartz store and job_history. @s is the analyses' scheduler,
/// @cron the cron jobs' (<see cref="Jobs.MaintenanceScheduler"/>): jobs, runs and claims are read from both.
/// </summary>
public static class InspectQueries
{
    // Quartz keeps times as .NET ticks (UTC); this turns them into timestamptz.
    private const string Ts = "to_timestamp(({0} - 621355968000000000) / 10000000.0)";

    private static string T(string column) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Ts, column);

    public static readonly string Registered = """
        SELECT job_group AS "group", job_name AS job, description, is_durable AS durable, requests_recovery AS recoverable
          FROM qrtz_job_details WHERE sched_name IN (@s, @cron) ORDER BY job_group, job_name
        """;

    /// <summary>
    /// Runs executing now. The task of a run is its attempt's (job_history keeps the firing's id, Quartz's entry_id): a
    /// run recovered from a dead node fires a trigger named recover_&lt;node&gt;_&lt;n&gt; (group RECOVERING_JOBS), not
    /// the task's, so the trigger's name alone found no task for it. The name is the fallback for the moment between
    /// the firing and its attempt's row.
    /// </summary>
    public static readonly string Active = $"""
        SELECT f.instance_name AS node, f.job_name AS job, f.execution_group AS queue, t.task_id, t.tool_id AS tool,
               t.progress, t.current_agent, t.attempt, {T("f.fired_time")} AS started
          FROM qrtz_fired_triggers f
          LEFT JOIN job_history h ON h.fire_instance_id = f.entry_id
          LEFT JOIN tasks t ON t.status = 'PROCESSING'
                AND (t.task_id = h.task_id
                     OR (h.task_id IS NULL AND (t.task_id = f.trigger_name OR f.trigger_name LIKE t.task_id || '.retry%')))
         WHERE f.sched_name IN (@s, @cron) AND f.state = 'EXECUTING'
         ORDER BY f.fired_time
        """;

    /// <summary>
    /// Firings claimed and triggers waiting. A trigger of Quartz's recovery (recover_&lt;node&gt;_&lt;n&gt;, group
    /// RECOVERING_JOBS: a run of a dead node, to start again) is shown by the task it carries in its job data, which is
    /// what an operator looks for; its own name said nothing of the task.
    /// </summary>
    public static readonly string Reserved = $"""
        SELECT 'claimed' AS state, f.instance_name AS node, f.execution_group AS queue,
               {TaskOrTrigger("f.trigger_name", "f.trigger_group", "t.job_data")} AS task_or_trigger, {T("f.fired_time")} AS since
          FROM qrtz_fired_triggers f
          LEFT JOIN qrtz_triggers t USING (sched_name, trigger_name, trigger_group)
         WHERE f.sched_name IN (@s, @cron) AND f.state = 'ACQUIRED'
        UNION ALL
        SELECT CASE WHEN t.trigger_state LIKE 'PAUSED%' THEN 'paused' ELSE 'waiting' END, NULL, t.execution_group,
               {TaskOrTrigger("t.trigger_name", "t.trigger_group", "t.job_data")}, NULL
          FROM qrtz_triggers t WHERE t.sched_name = @s AND t.job_name = 'process-analysis'
                                 AND t.trigger_state IN ('WAITING', 'BLOCKED', 'PAUSED', 'PAUSED_BLOCKED')
         ORDER BY 1, 5
        """;

    // The task id (a UUID) a recovery trigger's job data carries under task_id, else the trigger's own name.
    private static string TaskOrTrigger(string name, string group, string jobData) =>
        $$"""
        CASE WHEN {{group}} = '{{Jobs.RecoveryPromoter.RecoveryGroup}}'
             THEN coalesce(substring(convert_from({{jobData}}, 'UTF8') FROM '"{{Jobs.JobDataKeys.TaskId}}"\D*?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})'), {{name}})
             ELSE {{name}} END
        """;

    public static readonly string Scheduled = $"""
        SELECT t.trigger_name AS "trigger", t.job_name AS job, c.cron_expression AS cron, t.trigger_state AS state,
               {T("t.next_fire_time")} AS next_fire, {T("t.prev_fire_time")} AS previous_fire
          FROM qrtz_triggers t LEFT JOIN qrtz_cron_triggers c USING (sched_name, trigger_name, trigger_group)
         WHERE t.sched_name IN (@s, @cron) AND (c.cron_expression IS NOT NULL OR t.trigger_name LIKE '%.retry%')
         ORDER BY t.next_fire_time
        """;

    /// <summary>
    /// Every node seen in the last 7 days, alive, stopped or dead. Quartz deletes a dead node's scheduler_state row
    /// once another node has recovered its work, so the nodes table (each node's heartbeat) is the list. Quartz's
    /// check-in decides "alive" where the node has one, the later of its two schedulers' (a stopping node's analyses'
    /// scheduler may stop checking in while its maintenance scheduler still runs a cleanup: it was shown dead, judged by
    /// the analyses' check-in alone); a job-running node whose check-in rows are gone was recovered
    /// (dead); an API-only node (no check-in) goes by its heartbeat (20 s, the dashboard's default). Quartz keeps the
    /// check-in interval in milliseconds: a node is dead after three missed check-ins and 6 s more. processed, failed
    /// and lost count the node's runs of the last 24 hours (as the dashboard does), of every job, in one grouped pass
    /// over job_history's (node, started_at) index.
    /// </summary>
    public static readonly string Nodes = $"""
        SELECT coalesce(n.instance_id, s.instance_name) AS node, n.host, n.pid,
               CASE WHEN n.stopped_at IS NOT NULL THEN 'stopped'
                    WHEN s.instance_name IS NOT NULL THEN
                         CASE WHEN {T("s.last_checkin_time")} > now() - make_interval(secs => s.checkin_interval / 1000.0 * 3 + 6)
                              THEN 'alive' ELSE 'dead' END
                    WHEN n.run_jobs AND n.started_at < now() - interval '1 minute' THEN 'dead'
                    WHEN n.last_seen > now() - interval '20 seconds' THEN 'alive'
                    ELSE 'dead' END AS state,
               {T("s.last_checkin_time")} AS last_checkin, n.last_seen, n.stopped_at AS stopped,
               (SELECT count(*) FROM qrtz_fired_triggers f WHERE f.sched_name IN (@s, @cron) AND f.instance_name = coalesce(n.instance_id, s.instance_name) AND f.state = 'EXECUTING') AS busy,
               coalesce(h.processed, 0) AS processed_24h, coalesce(h.failed, 0) AS failed_24h, coalesce(h.lost, 0) AS lost_24h
          FROM nodes n
          FULL JOIN (SELECT instance_name, max(last_checkin_time) AS last_checkin_time, max(checkin_interval) AS checkin_interval
                       FROM qrtz_scheduler_state WHERE sched_name IN (@s, @cron) GROUP BY instance_name) s ON s.instance_name = n.instance_id
          LEFT JOIN (SELECT node_instance_id, count(*) FILTER (WHERE status = 'COMPLETED') AS processed,
                            count(*) FILTER (WHERE status = 'FAILED') AS failed, count(*) FILTER (WHERE status = 'LOST') AS lost
                       FROM job_history WHERE started_at > now() - interval '24 hours' GROUP BY node_instance_id) h
            ON h.node_instance_id = coalesce(n.instance_id, s.instance_name)
         WHERE s.instance_name IS NOT NULL OR n.last_seen > now() - interval '7 days'
         ORDER BY 4, 1
        """;

    /// <summary>Tasks by status, runs of the last 24 h, and queue depth: analyses waiting to run, those held by a paused queue included.</summary>
    public static readonly string Stats = """
        SELECT 'tasks' AS what, status AS key, count(*) AS count FROM tasks GROUP BY status
        UNION ALL
        SELECT 'runs (24 h)', status, count(*) FROM job_history WHERE started_at > now() - interval '24 hours' GROUP BY status
        UNION ALL
        SELECT 'queued', coalesce(execution_group, '-'), count(*) FROM qrtz_triggers
         WHERE sched_name = @s AND job_name = 'process-analysis' AND trigger_state IN ('WAITING', 'BLOCKED', 'PAUSED', 'PAUSED_BLOCKED') GROUP BY execution_group
        ORDER BY 1, 2
        """;
}
