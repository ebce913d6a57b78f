using System.Text.Json;
using Agensium.Scheduler.Jobs;
using Npgsql;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// A QueuedTaskRepair pass reads the fired table at most once, whatever that table's bloat and whatever the table looked
/// like when its plan was made (docs/benchmarks.md, Scheduler, "QueuedTaskRepair's pass"): the statement is auto-prepared,
/// and its generic plan, made while <c>qrtz_fired_triggers</c> held one page, scanned that table once per task of the
/// slice after a drain's churn had bloated it (2.2 M buffers at ~1,000 pages), and scanned the whole trigger table per
/// task for the recovery group. The pass still finds exactly the stranded tasks.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class QueuedRepairPlanTests
{
    private const string Database = "agensium_test_queued_repair_plan";
    private const int Tasks = 2500;
    private const int Batch = 2000;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task RepairPass_ShouldReadTheFiredTableOnce_WhenItsPlanWasMadeSmallAndTheTableBloatedSince()
    {
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync(Database, ct);
        try
        {
            await using var source = NpgsqlDataSource.Create(cs);
            await FillAsync(source, ct);

            await using var connection = await source.OpenConnectionAsync(ct);
            // The service's connections auto-prepare the pass; after five executions PostgreSQL may keep a generic plan
            // for the connection's life (it did in the drains measured). Forced here so the plan is made now, small.
            await ExecAsync(connection, "SET plan_cache_mode = force_generic_plan", ct);
            await ExecAsync(connection, $"PREPARE repair (interval, timestamptz, int, text) AS {QueuedRepairQuery.Sql}", ct);
            CollectionAssert.AreEqual(new[] { "stranded" }, await StrandedAsync(connection, ct), "before the churn");

            await ChurnFiredTableAsync(connection, ct);
            var firedPages = await ScalarAsync(connection, "SELECT pg_relation_size('qrtz_fired_triggers') / 8192", ct);
            Assert.IsGreaterThan(500L, firedPages, "the fired table bloated by the churn");

            CollectionAssert.AreEqual(new[] { "stranded" }, await StrandedAsync(connection, ct), "after the churn");
            var plan = await ExplainAsync(connection, ct);
            var firedScans = Nodes(plan).Where(n => n.TryGetProperty("Relation Name", out var r) && r.GetString() == "qrtz_fired_triggers")
                .Select(n => n.GetProperty("Actual Loops").GetDouble()).ToList();
            Assert.IsTrue(firedScans.All(loops => loops <= 1), $"fired table read once per pass, not per task: loops {string.Join(", ", firedScans)}\n{plan}");
            var buffers = plan.GetProperty("Shared Hit Blocks").GetInt64() + plan.GetProperty("Shared Read Blocks").GetInt64();
            // One range over the queue and one trigger lookup per task (a few pages each), plus one read of the fired table.
            Assert.IsLessThan(6L * Batch + 2 * firedPages, buffers, $"buffers of one pass\n{plan}");
        }
        finally
        {
            await SqlClient.DropDatabaseAsync(Database, CancellationToken.None);
        }
    }

    /// <summary>
    /// <see cref="Tasks"/> tasks QUEUED for an hour, each with its trigger, but for three among the oldest: one with a
    /// running retry (a fired row named task.retry2 only), one whose dead node's firing waits in the recovery group
    /// (its id in the job data only), and one stranded. The fired table holds two rows and is analysed at one page.
    /// </summary>
    private static async Task FillAsync(NpgsqlDataSource source, CancellationToken ct)
    {
        await using (var fill = source.CreateCommand($"""
            INSERT INTO users (id, email) VALUES (1, 'dev@agensium.local') ON CONFLICT DO NOTHING;
            INSERT INTO tasks (task_id, user_id, tool_id, status, progress, queue, updated_at)
            SELECT md5(g::text)::uuid::text, 1, 'profile-my-data', 'QUEUED', 15, 'default', now() - interval '1 hour' + g * interval '10 ms'
              FROM generate_series(1, {Tasks}) g;
            INSERT INTO tasks (task_id, user_id, tool_id, status, progress, queue, updated_at)
            VALUES ('fired', 1, 'profile-my-data', 'QUEUED', 15, 'default', now() - interval '2 hours'),
                   ('recovering', 1, 'profile-my-data', 'QUEUED', 15, 'default', now() - interval '2 hours'),
                   ('stranded', 1, 'profile-my-data', 'QUEUED', 15, 'default', now() - interval '2 hours');
            INSERT INTO qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery)
            VALUES ('agensium', 'process-analysis', 'analysis', 'x', true, false, false, true);
            INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, next_fire_time, priority,
                                       trigger_state, trigger_type, start_time, misfire_instr)
            SELECT 'agensium', md5(g::text)::uuid::text || CASE WHEN g % 2 = 0 THEN '.retry1' ELSE '' END,
                   CASE WHEN g % 3 = 0 THEN 'gpu' ELSE 'default' END, 'process-analysis', 'analysis', 639000000000000000 + g, 5,
                   'WAITING', 'SIMPLE', 639000000000000000, 0
              FROM generate_series(1, {Tasks}) g;
            INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, next_fire_time, priority,
                                       trigger_state, trigger_type, start_time, misfire_instr, job_data)
            VALUES ('agensium', 'recover_node-2_1', '{RecoveryPromoter.RecoveryGroup}', 'process-analysis', 'analysis', 639000000000000000, 5,
                    'WAITING', 'SIMPLE', 639000000000000000, 0, convert_to('{"{"}"TaskId":"recovering"{"}"}', 'UTF8'));
            INSERT INTO qrtz_fired_triggers (sched_name, entry_id, trigger_name, trigger_group, instance_name, fired_time, sched_time,
                                             priority, state, is_nonconcurrent)
            VALUES ('agensium', 'e-1', 'fired.retry2', 'default', 'node-1', 639000000000000000, 639000000000000000, 5, 'EXECUTING', false),
                   ('agensium', 'e-2', 'other', 'default', 'node-1', 639000000000000000, 639000000000000000, 5, 'EXECUTING', false);
            ALTER TABLE qrtz_fired_triggers SET (autovacuum_enabled = off);
            """))
        {
            await fill.ExecuteNonQueryAsync(ct);
        }
        foreach (var table in new[] { "qrtz_fired_triggers", "qrtz_triggers", "tasks" })
        {
            await using var vacuum = source.CreateCommand($"VACUUM ANALYZE {table}");
            await vacuum.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>A drain's churn: fired rows inserted as triggers are acquired and deleted as their jobs end, no vacuum between.</summary>
    private static Task ChurnFiredTableAsync(NpgsqlConnection connection, CancellationToken ct) => ExecAsync(connection, """
        DO $$
        BEGIN
          FOR i IN 1..40 LOOP
            INSERT INTO qrtz_fired_triggers (sched_name, entry_id, trigger_name, trigger_group, instance_name, fired_time, sched_time,
                                             priority, state, is_nonconcurrent)
            SELECT 'agensium', 'churn-' || i || '-' || g, md5((100000 + i * 1000 + g)::text)::uuid::text, 'default', 'node-1',
                   639000000000000000, 639000000000000000, 5, 'EXECUTING', false
              FROM generate_series(1, 1000) g;
            DELETE FROM qrtz_fired_triggers WHERE entry_id LIKE 'churn-%';
          END LOOP;
        END $$
        """, ct);

    private const string Execute = "EXECUTE repair ('30 seconds', '-infinity', 2000, 'agensium')";

    private static async Task<List<string>> StrandedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var stranded = new List<string>();
        var looked = 0;
        await using var command = new NpgsqlCommand(Execute, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            looked++;
            if (reader.GetBoolean(7))
            {
                stranded.Add(reader.GetString(0));
            }
        }
        Assert.AreEqual(Batch, looked, "one slice");
        return stranded;
    }

    private static async Task<JsonElement> ExplainAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {Execute}", connection);
        var json = (string)(await command.ExecuteScalarAsync(ct))!;
        return JsonDocument.Parse(json).RootElement[0].GetProperty("Plan").Clone();
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement node) =>
        node.TryGetProperty("Plans", out var children)
            ? children.EnumerateArray().SelectMany(Nodes).Prepend(node)
            : [node];

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
