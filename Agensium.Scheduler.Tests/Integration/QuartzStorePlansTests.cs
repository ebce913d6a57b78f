using Agensium.Scheduler.Data;
using Agensium.Scheduler.Jobs;
using Npgsql;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// Quartz's statements on the store's connections are planned once per connection, not at every execution, and those
/// plans stay index scans with a backlog (docs/benchmarks.md, Scheduler, "PostgreSQL's CPU per job"): its trigger read
/// with the continuation lookup, prepared as Npgsql prepares it, gets generic plans only (before: a custom plan at every
/// execution), and its continuation branch probes sql/019's index instead of scanning the table; the count of due triggers
/// that prefer this node probes sql/020's index (a generic plan cannot see its state and time bound, and without the
/// index it could scan the whole table: docs/benchmarks.md, Scheduler, "Quartz's generic plans at 100,000 queued").
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class QuartzStorePlansTests
{
    private const string Database = "agensium_quartz_plans_test";

    // Quartz 4.7.3's StdAdoDelegate: a trigger's state with the triggers that continue it (text as PostgreSQL receives it).
    private const string TriggerWithContinuations = """
        SELECT TRIGGER_NAME, TRIGGER_GROUP, TRIGGER_STATE, NEXT_FIRE_TIME, JOB_NAME, JOB_GROUP, TRIGGER_TYPE, 0 FROM qrtz_TRIGGERS
         WHERE SCHED_NAME = $1 AND TRIGGER_NAME = $2 AND TRIGGER_GROUP = $3
        UNION ALL
        SELECT TRIGGER_NAME, TRIGGER_GROUP, TRIGGER_STATE, NEXT_FIRE_TIME, JOB_NAME, JOB_GROUP, TRIGGER_TYPE, 1 FROM qrtz_TRIGGERS
         WHERE SCHED_NAME = $4 AND TRIGGER_STATE = $5 AND CONTINUES_TRIGGER_NAME = $6 AND CONTINUES_TRIGGER_GROUP = $7
        """;

    // Quartz 4.7.3's StdAdoDelegate: the due triggers that prefer a node (text as PostgreSQL receives it).
    private const string PreferredNodeCount = """
        SELECT COUNT(t.TRIGGER_NAME), MAX(f.FIRED_TIME)
          FROM qrtz_TRIGGERS t
          LEFT JOIN qrtz_FIRED_TRIGGERS f ON (f.SCHED_NAME = t.SCHED_NAME AND f.JOB_NAME = t.JOB_NAME AND f.JOB_GROUP = t.JOB_GROUP AND f.IS_NONCONCURRENT = $1)
          WHERE t.SCHED_NAME = $2 AND t.TRIGGER_STATE = $3 AND t.NEXT_FIRE_TIME <= $4 AND t.PREFERRED_NODE = $5
            AND NOT EXISTS (SELECT o.ENTRY_ID FROM qrtz_FIRED_TRIGGERS o WHERE o.SCHED_NAME = t.SCHED_NAME AND o.JOB_NAME = t.JOB_NAME AND o.JOB_GROUP = t.JOB_GROUP AND o.INSTANCE_NAME = $6)
        """;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task TriggerRead_ShouldUseOneGenericIndexPlan_WithABacklogOfWaitingTriggers()
    {
        var ct = TestContext.CancellationToken;
        await OnBacklogAsync($"PREPARE read_trigger (text, text, text, text, text, text, text) AS {TriggerWithContinuations}", async connection =>
        {
            for (var i = 0; i < 8; i++)
            {
                await using var execute = new NpgsqlCommand(
                    $"EXECUTE read_trigger ('agensium', 'task-{i + 1}', 'analysis', 'agensium', 'AWAITING', 'task-{i + 1}', 'analysis')", connection);
                Assert.AreEqual(1, await CountRowsAsync(execute, ct), "the trigger itself, no continuation");
            }

            await using (var plans = new NpgsqlCommand("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'read_trigger'", connection))
            await using (var reader = await plans.ExecuteReaderAsync(ct))
            {
                Assert.IsTrue(await reader.ReadAsync(ct));
                Assert.AreEqual(0L, reader.GetInt64(1), "custom plans: each one is the statement planned again");
                Assert.AreEqual(8L, reader.GetInt64(0));
            }
            var text = await PlanAsync(connection,
                "EXPLAIN EXECUTE read_trigger ('agensium', 'task-1', 'analysis', 'agensium', 'AWAITING', 'task-1', 'analysis')", ct);
            StringAssert.Contains(text, "$6", "a generic plan (parameters, not values)");
            Assert.DoesNotContain("Seq Scan", text, text);
            StringAssert.Contains(text, "idx_qrtz_t_continues", text);
        });
    }

    [TestMethod]
    public async Task PreferredNodeCount_ShouldProbeAnEmptyIndex_WithABacklogOfWaitingTriggers()
    {
        var ct = TestContext.CancellationToken;
        await OnBacklogAsync($"PREPARE preferred_count (boolean, text, text, bigint, text, text) AS {PreferredNodeCount}", async connection =>
        {
            // As the maintenance scheduler asks it beside a backlog of the analysis scheduler's triggers (values from the log).
            const string Execute = "EXECUTE preferred_count (true, 'agensium-maintenance', 'BLOCKED', 640000000000000000, 'node-1', 'node-1')";
            for (var i = 0; i < 8; i++)
            {
                await using var execute = new NpgsqlCommand(Execute, connection);
                await using var reader = await execute.ExecuteReaderAsync(ct);
                Assert.IsTrue(await reader.ReadAsync(ct));
                Assert.AreEqual(0L, reader.GetInt64(0), "no trigger prefers node-1");
            }

            var text = await PlanAsync(connection, "EXPLAIN " + Execute, ct);
            StringAssert.Contains(text, "$5", "a generic plan (parameters, not values)");
            StringAssert.Contains(text, "idx_qrtz_t_preferred", text);
            Assert.DoesNotContain("Seq Scan on qrtz_triggers", text, text);
        });
    }

    /// <summary>
    /// On a scratch database with a backlog of waiting triggers, opens a connection as Quartz's store connects (its plan
    /// cache mode), runs <paramref name="prepare"/> on it, then <paramref name="check"/>; drops the database after.
    /// </summary>
    private async Task OnBacklogAsync(string prepare, Func<NpgsqlConnection, Task> check)
    {
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync(Database, ct);
        try
        {
            await FillWaitingTriggersAsync(cs, ct);

            var database = new DatabaseOptions { ConnectionString = cs };
            await using var store = NpgsqlDataSource.Create(QuartzSetup.StoreConnectionString(database));
            await using var connection = await store.OpenConnectionAsync(ct);
            await using (var command = new NpgsqlCommand(prepare, connection))
            {
                await command.ExecuteNonQueryAsync(ct);
            }
            await check(connection);
        }
        finally
        {
            await SqlClient.DropDatabaseAsync(Database, CancellationToken.None);
        }
    }

    /// <summary>20,000 waiting one-shot triggers of the analysis job, analysed: a backlog as the planner sees it.</summary>
    private static async Task FillWaitingTriggersAsync(string cs, CancellationToken ct)
    {
        await using (var admin = NpgsqlDataSource.Create(cs))
        await using (var fill = admin.CreateCommand("""
            INSERT INTO qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery)
            VALUES ('agensium', 'process-analysis', 'analysis', 'x', true, false, false, true);
            INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, next_fire_time, priority,
                                       trigger_state, trigger_type, start_time, misfire_instr)
            SELECT 'agensium', 'task-' || g, 'analysis', 'process-analysis', 'analysis', 639000000000000000 + g, 5,
                   'WAITING', 'SIMPLE', 639000000000000000, 0
              FROM generate_series(1, 20000) g;
            ANALYZE qrtz_triggers;
            """))
        {
            await fill.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task<string> PlanAsync(NpgsqlConnection connection, string explain, CancellationToken ct)
    {
        var plan = new List<string>();
        await using var command = new NpgsqlCommand(explain, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            plan.Add(reader.GetString(0));
        }
        return string.Join('\n', plan);
    }

    private static async Task<int> CountRowsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var rows = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows++;
        }
        return rows;
    }
}
