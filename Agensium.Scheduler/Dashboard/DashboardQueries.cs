using Agensium.Scheduler.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agensium.Scheduler.Dashboard;

/// <summary>
/// The SQL behind the dashboard, read straight from the shared store (tasks, job_history, nodes, Quartz's tables), so
/// every node shows the same cluster. Each query is bounded (LIMIT, or a time window served by an index range) so a
/// page costs the same with a million history rows as with a thousand.
/// </summary>
public sealed class DashboardQueries(Data.Database db, IOptions<SchedulerOptions> scheduler, IOptions<DashboardOptions> options)
{
    private const string P = QuartzSetup.TablePrefix;
    private const string AnalysisJob = "process-analysis";

    // Quartz keeps times as .NET ticks (UTC).
    private static string Ts(string column) => $"to_timestamp(({column} - 621355968000000000) / 10000000.0)";

    private string Sched => scheduler.Value.InstanceName;

    /// <summary>The cron jobs' scheduler (<see cref="MaintenanceScheduler"/>): the schedules table, and busy counts every running job.</summary>
    private string CronSched => scheduler.Value.MaintenanceInstanceName;

    public async Task<IReadOnlyList<NodeRow>> NodesAsync(CancellationToken ct)
    {
        var sql = $"""
            SELECT n.instance_id, n.host, n.pid, n.version, n.run_jobs, n.slots, n.started_at, n.last_seen, n.stopped_at, n.load1,
                   n.working_set_mb,
                   CASE WHEN n.stopped_at IS NOT NULL THEN 'stopped'
                        WHEN n.last_seen > now() - @dead THEN 'alive' ELSE 'dead' END,
                   (SELECT count(*) FROM {P}fired_triggers f WHERE f.sched_name IN (@s, @cron) AND f.instance_name = n.instance_id AND f.state = 'EXECUTING'),
                   coalesce(h.completed, 0), coalesce(h.failed, 0), coalesce(h.lost, 0)
              FROM nodes n
              LEFT JOIN (
                SELECT node_instance_id, count(*) FILTER (WHERE status = 'COMPLETED' AND job_name = @job) AS completed,
                       count(*) FILTER (WHERE status = 'FAILED' AND job_name = @job) AS failed, count(*) FILTER (WHERE status = 'LOST' AND job_name = @job) AS lost
                  FROM job_history WHERE started_at > now() - interval '24 hours' GROUP BY node_instance_id) h
                ON h.node_instance_id = n.instance_id
             WHERE n.last_seen > now() - @forget
             ORDER BY (n.stopped_at IS NULL AND n.last_seen > now() - @dead) DESC, n.host, n.started_at
            """;
        return await QueryAsync(sql, r => new NodeRow(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetBoolean(4),
            r.GetInt32(5), r.GetDateTime(6), r.GetDateTime(7), N<DateTime>(r, 8), N<float>(r, 9), N<int>(r, 10), r.GetString(11),
            r.GetInt64(12), r.GetInt64(13), r.GetInt64(14), r.GetInt64(15)), ct,
            ("s", Sched), ("cron", CronSched), ("dead", options.Value.NodeDeadAfter), ("forget", options.Value.ForgetNodesAfter), ("job", AnalysisJob));
    }

    public async Task<IReadOnlyList<QueueRow>> QueuesAsync(CancellationToken ct)
    {
        var sql = $"""
            SELECT q.queue,
                   (SELECT count(*) FROM {P}triggers t WHERE t.sched_name = @s AND t.job_name = @job AND t.trigger_group = q.queue
                       AND t.trigger_state IN ('WAITING', 'ACQUIRED', 'BLOCKED')),
                   (SELECT count(*) FROM {P}triggers t WHERE t.sched_name = @s AND t.job_name = @job AND t.trigger_group = q.queue
                       AND t.trigger_state IN ('PAUSED', 'PAUSED_BLOCKED')),
                   (SELECT count(*) FROM {P}fired_triggers f WHERE f.sched_name = @s AND f.job_name = @job AND f.execution_group = q.queue
                       AND f.state = 'EXECUTING'),
                   EXISTS (SELECT 1 FROM {P}paused_trigger_grps p WHERE p.sched_name = @s AND p.trigger_group = q.queue)
              FROM unnest(@queues) AS q(queue)
            """;
        return await QueryAsync(sql, r => new QueueRow(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetBoolean(4)), ct,
            ("s", Sched), ("job", AnalysisJob), ("queues", QueueOptions.Names.ToArray()));
    }

    public async Task<IReadOnlyList<RunningRow>> RunningAsync(int limit, CancellationToken ct)
    {
        const string sql = """
            SELECT t.task_id, t.user_id, t.tool_id, t.queue, t.progress, t.current_agent, t.attempt, h.started_at, h.node_instance_id
              FROM tasks t
              LEFT JOIN LATERAL (SELECT started_at, node_instance_id FROM job_history h
                                  WHERE h.task_id = t.task_id AND h.status = 'RUNNING' ORDER BY h.started_at DESC LIMIT 1) h ON true
             WHERE t.status = 'PROCESSING'
             ORDER BY t.processing_started_at LIMIT @limit
            """;
        return await QueryAsync(sql, r => new RunningRow(r.GetString(0), r.GetInt64(1), r.GetString(2), S(r, 3), r.GetInt32(4), S(r, 5),
            r.GetInt32(6), N<DateTime>(r, 7), S(r, 8)), ct, ("limit", limit));
    }

    /// <summary>Tasks QUEUED now (the queued table's total, for its pager).</summary>
    public async Task<long> QueuedCountAsync(CancellationToken ct) =>
        (await QueryAsync("SELECT count(*) FROM tasks WHERE status = 'QUEUED'", r => r.GetInt64(0), ct)).Single();

    /// <summary>One page of the QUEUED tasks, oldest first (<paramref name="offset"/> rows skipped).</summary>
    public async Task<IReadOnlyList<QueuedRow>> QueuedAsync(int limit, CancellationToken ct, int offset = 0)
    {
        // The pending trigger of a queued task is its first attempt's or the next retry's (see TaskSubmitter.TriggerKeyFor).
        var sql = $"""
            SELECT t.task_id, t.user_id, t.tool_id, t.queue, t.attempt, t.updated_at, t.next_retry_at, tr.trigger_state
              FROM tasks t
              LEFT JOIN {P}triggers tr ON tr.sched_name = @s AND tr.trigger_group = t.queue
                    AND tr.trigger_name IN (t.task_id, t.task_id || '.retry' || (t.attempt + 1))
             WHERE t.status = 'QUEUED'
             ORDER BY t.updated_at, t.task_id LIMIT @limit OFFSET @offset
            """;
        return await QueryAsync(sql, r => new QueuedRow(r.GetString(0), r.GetInt64(1), r.GetString(2), S(r, 3), r.GetInt32(4),
            r.GetDateTime(5), N<DateTime>(r, 6), S(r, 7)), ct, ("s", Sched), ("limit", limit), ("offset", offset));
    }

    public async Task<IReadOnlyList<CronRow>> CronAsync(CancellationToken ct)
    {
        var sql = $"""
            SELECT t.job_name, t.trigger_name, c.cron_expression, t.trigger_state,
                   {Ts("t.next_fire_time")}, CASE WHEN t.prev_fire_time > 0 THEN {Ts("t.prev_fire_time")} END
              FROM {P}triggers t JOIN {P}cron_triggers c USING (sched_name, trigger_name, trigger_group)
             WHERE t.sched_name = @s ORDER BY t.job_name
            """;
        return await QueryAsync(sql, r => new CronRow(r.GetString(0), r.GetString(1), S(r, 2), r.GetString(3), N<DateTime>(r, 4),
            N<DateTime>(r, 5)), ct, ("s", CronSched));
    }

    /// <summary>One page of history, newest first, continuing below the cursor (keyset: no OFFSET, no count).</summary>
    public async Task<IReadOnlyList<HistoryRow>> HistoryAsync(HistoryFilter f, int limit, CancellationToken ct)
    {
        var (sql, args) = HistorySql(f, limit);
        return await QueryAsync(sql, ReadHistory, ct, [.. args]);
    }

    /// <summary>The history page's statement and parameters (public so that its plans can be checked at scale).</summary>
    public static (string Sql, List<(string Name, object? Value)> Args) HistorySql(HistoryFilter f, int limit)
    {
        var where = new List<string>();
        var args = new List<(string, object?)> { ("limit", limit) };
        void Add(object? value, string clause, string name)
        {
            if (value is not null)
            {
                where.Add(clause);
                args.Add((name, value));
            }
        }
        Add(f.Status, "status = @status", "status");
        Add(f.Tool, "tool_id = @tool", "tool");
        Add(f.Job, "job_name = @job", "job");
        Add(f.User, "user_id = @user", "user");
        Add(f.Node, "node_instance_id = @node", "node");
        Add(f.Queue, "queue = @queue", "queue");
        Add(f.TaskId, "task_id = @task", "task");
        Add(f.From, "started_at >= @from", "from");
        Add(f.To, "started_at < @to", "to");
        if (f.Before is { } cursor)
        {
            where.Add("(started_at, id) < (@bt, @bid)");
            args.Add(("bt", cursor.StartedAt));
            args.Add(("bid", cursor.Id));
        }
        var sql = $"""
            SELECT id, started_at, finished_at, job_name, task_id, user_id, tool_id, queue, node_instance_id, attempt, status,
                   error_code, left(error_message, 300), duration_ms
              FROM job_history {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
             ORDER BY started_at DESC, id DESC LIMIT @limit
            """;
        return (sql, args);
    }

    public async Task<IReadOnlyList<HistoryRow>> AttemptsAsync(string taskId, CancellationToken ct)
    {
        const string sql = """
            SELECT id, started_at, finished_at, job_name, task_id, user_id, tool_id, queue, node_instance_id, attempt, status,
                   error_code, error_message, duration_ms
              FROM job_history WHERE task_id = @task ORDER BY started_at, id LIMIT 500
            """;
        return await QueryAsync(sql, ReadHistory, ct, ("task", taskId));
    }

    /// <summary>Analysis runs finished per minute over the last hour, completed and failed.</summary>
    public async Task<IReadOnlyList<MinuteCount>> ThroughputAsync(CancellationToken ct)
    {
        const string sql = """
            SELECT date_trunc('minute', finished_at) AS m,
                   count(*) FILTER (WHERE status = 'COMPLETED'), count(*) FILTER (WHERE status = 'FAILED')
              FROM job_history
             WHERE finished_at > date_trunc('minute', now()) - interval '59 minutes' AND job_name = @job
             GROUP BY 1 ORDER BY 1
            """;
        return await QueryAsync(sql, r => new MinuteCount(r.GetDateTime(0), r.GetInt64(1), r.GetInt64(2)), ct, ("job", AnalysisJob));
    }

    /// <summary>p50/p95 run time of completed analyses per tool, last 24 hours.</summary>
    public async Task<IReadOnlyList<ToolDuration>> DurationsAsync(CancellationToken ct)
    {
        const string sql = """
            SELECT tool_id, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms),
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms)
              FROM job_history
             WHERE finished_at > now() - interval '24 hours' AND status = 'COMPLETED' AND job_name = @job AND tool_id IS NOT NULL
               AND duration_ms IS NOT NULL
             GROUP BY tool_id ORDER BY tool_id
            """;
        return await QueryAsync(sql, r => new ToolDuration(r.GetString(0), r.GetInt64(1), r.GetDouble(2), r.GetDouble(3)), ct,
            ("job", AnalysisJob));
    }

    /// <summary>
    /// Queued analyses at each minute boundary of the last hour: attempts that were due but not yet started then (from
    /// job_history's scheduled_at/started_at), plus triggers still waiting now.
    /// </summary>
    public async Task<IReadOnlyList<MinuteDepth>> QueueDepthAsync(CancellationToken ct)
    {
        // Each wait adds one to every minute boundary inside it; waits shorter than their minute add nothing.
        var sql = $"""
            WITH w AS (SELECT date_trunc('minute', now()) - interval '59 minutes' AS since),
            waits AS (
              SELECT h.scheduled_at AS due, h.started_at AS began FROM job_history h
               WHERE h.started_at > date_trunc('minute', now()) - interval '59 minutes' AND h.job_name = @job AND h.scheduled_at IS NOT NULL
                 AND date_trunc('minute', h.started_at) >= h.scheduled_at
              UNION ALL
              SELECT {Ts("t.next_fire_time")}, now() FROM {P}triggers t
               WHERE t.sched_name = @s AND t.job_name = @job AND t.trigger_state IN ('WAITING', 'PAUSED', 'BLOCKED', 'PAUSED_BLOCKED')
            ),
            marks AS (
              SELECT generate_series(
                       greatest(w.since, date_trunc('minute', due) + CASE WHEN due = date_trunc('minute', due) THEN interval '0' ELSE interval '1 minute' END),
                       date_trunc('minute', began - interval '1 microsecond'), interval '1 minute') AS m
                FROM waits, w
            ),
            minutes AS (SELECT generate_series(w.since, date_trunc('minute', now()), interval '1 minute') AS m FROM w)
            SELECT minutes.m, count(marks.m) FROM minutes LEFT JOIN marks ON marks.m = minutes.m
             GROUP BY minutes.m ORDER BY minutes.m
            """;
        return await QueryAsync(sql, r => new MinuteDepth(r.GetDateTime(0), r.GetInt64(1)), ct, ("s", Sched), ("job", AnalysisJob));
    }

    private static HistoryRow ReadHistory(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetDateTime(1), N<DateTime>(r, 2), r.GetString(3),
        S(r, 4), N<long>(r, 5), S(r, 6), S(r, 7), r.GetString(8), r.GetInt32(9), r.GetString(10), S(r, 11), S(r, 12), N<long>(r, 13));

    private static string? S(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static T? N<T>(NpgsqlDataReader r, int i) where T : struct => r.IsDBNull(i) ? null : r.GetFieldValue<T>(i);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken ct,
        params (string Name, object? Value)[] args)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var (name, value) in args)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        var rows = new List<T>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }
        return rows;
    }
}
