namespace Agensium.Scheduler.Cli;

/// <summary>The SQL behind `inspect` and `history`, against the shared Quartz store and job_history.</summary>
public static class InspectQueries
{
    // Quartz keeps times as .NET ticks (UTC); this turns them into timestamptz.
    private const string Ts = "to_timestamp(({0} - 621355968000000000) / 10000000.0)";

    private static string T(string column) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Ts, column);

    public static readonly string Registered = """
        SELECT job_group AS "group", job_name AS job, description, is_durable AS durable, requests_recovery AS recoverable
          FROM qrtz_job_details WHERE sched_name = @s ORDER BY job_group, job_name
        """;

    public static readonly string Active = $"""
        SELECT f.instance_name AS node, f.job_name AS job, f.execution_group AS queue, t.task_id, t.tool_id AS tool,
               t.progress, t.current_agent, t.attempt, {T("f.fired_time")} AS started
          FROM qrtz_fired_triggers f
          LEFT JOIN tasks t ON t.status = 'PROCESSING' AND (t.task_id = f.trigger_name OR f.trigger_name LIKE t.task_id || '.retry%')
         WHERE f.sched_name = @s AND f.state = 'EXECUTING'
         ORDER BY f.fired_time
        """;

    public static readonly string Reserved = $"""
        SELECT 'claimed' AS state, f.instance_name AS node, f.execution_group AS queue, f.trigger_name AS task_or_trigger,
               {T("f.fired_time")} AS since
          FROM qrtz_fired_triggers f WHERE f.sched_name = @s AND f.state = 'ACQUIRED'
        UNION ALL
        SELECT 'waiting', NULL, t.execution_group, t.trigger_name, NULL
          FROM qrtz_triggers t WHERE t.sched_name = @s AND t.job_name = 'process-analysis' AND t.trigger_state = 'WAITING'
         ORDER BY 1, 5
        """;

    public static readonly string Scheduled = $"""
        SELECT t.trigger_name AS "trigger", t.job_name AS job, c.cron_expression AS cron, t.trigger_state AS state,
               {T("t.next_fire_time")} AS next_fire, {T("t.prev_fire_time")} AS previous_fire
          FROM qrtz_triggers t LEFT JOIN qrtz_cron_triggers c USING (sched_name, trigger_name, trigger_group)
         WHERE t.sched_name = @s AND (c.cron_expression IS NOT NULL OR t.trigger_name LIKE '%.retry%')
         ORDER BY t.next_fire_time
        """;

    public static readonly string Nodes = $"""
        SELECT s.instance_name AS node, {T("s.last_checkin_time")} AS last_checkin,
               CASE WHEN {T("s.last_checkin_time")} > now() - make_interval(secs => s.checkin_interval / 10000000.0 * 3 + 6)
                    THEN 'alive' ELSE 'dead' END AS state,
               (SELECT count(*) FROM qrtz_fired_triggers f WHERE f.sched_name = s.sched_name AND f.instance_name = s.instance_name AND f.state = 'EXECUTING') AS busy,
               (SELECT count(*) FROM job_history h WHERE h.node_instance_id = s.instance_name AND h.status = 'COMPLETED') AS processed,
               (SELECT count(*) FROM job_history h WHERE h.node_instance_id = s.instance_name AND h.status = 'FAILED') AS failed,
               (SELECT count(*) FROM job_history h WHERE h.node_instance_id = s.instance_name AND h.status = 'LOST') AS lost
          FROM qrtz_scheduler_state s WHERE s.sched_name = @s ORDER BY s.instance_name
        """;

    public static readonly string Stats = """
        SELECT 'tasks' AS what, status AS key, count(*) AS count FROM tasks GROUP BY status
        UNION ALL
        SELECT 'runs (24 h)', status, count(*) FROM job_history WHERE started_at > now() - interval '24 hours' GROUP BY status
        UNION ALL
        SELECT 'queued', coalesce(execution_group, '-'), count(*) FROM qrtz_triggers
         WHERE sched_name = @s AND job_name = 'process-analysis' AND trigger_state = 'WAITING' GROUP BY execution_group
        ORDER BY 1, 2
        """;
}
