using System.Net;
using Npgsql;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// Two nodes registering the cron triggers at the same moment, with the overlap forced: the test holds what a
/// registration waits for in a transaction of its own while both nodes start, until both wait, then lets go. Two nodes
/// merely started side by side (LegacyCronTriggersTests) rarely overlap at all: one is usually done before the other
/// begins. The lock held is never Quartz's TRIGGER_ACCESS: each node takes it when its scheduler is created (storing the
/// cron jobs, before the registration), so holding it stops both nodes before they register.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class CronRegistrationOverlapTests
{
    public TestContext TestContext { get; set; } = null!;

    private const string Analyses = "agensium";
    private const string Maintenance = "agensium-maintenance";
    private const string CronJobs = "'cleanup-expired-tasks', 'health-check'";

    // What a registration waits in: Quartz's insert of a new trigger, the move of an earlier version's triggers, and since
    // stop 44 the registration's own lock (CronRegistrationLock), which a second node waits for before it reads anything.
    private static readonly string[] DeclareStatements = ["INSERT INTO qrtz_TRIGGERS", "pg_advisory_xact_lock($1, hashtext("];
    private static readonly string[] MoveStatements = ["qrtz_job_details", "pg_advisory_xact_lock($1, hashtext("];

    /// <summary>
    /// Stop 43's review: registrations were not serialised between nodes. Two nodes with different settings that both
    /// found no trigger both inserted one; the second insert failed on the primary key and that node took it for its own
    /// (ObjectAlreadyExistsException, "another node declared it"), silently running the other's schedule: neither "the
    /// node that registers last wins" nor its warning and audit row held. Here the test holds the trigger's row as an
    /// uncommitted insert (which a node's existence check does not see) until both nodes' inserts wait, then rolls it back.
    /// </summary>
    [TestMethod]
    public async Task CronTrigger_ShouldGetTheSettingOfTheNodeThatRegistersLast_WhenTwoNodesWithDifferentSettingsDeclareItAtOnce()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_cron_overlap", [5195], null, ct);
        await cluster.Nodes[0].StopAsync(TimeSpan.FromSeconds(60));
        // The health check's trigger is gone (a cron job this version adds, or a store cleared by hand): both nodes declare it.
        await cluster.Db.ExecuteAsync($"""
            CREATE TABLE test_saved_trigger AS SELECT * FROM qrtz_triggers WHERE sched_name = '{Maintenance}' AND trigger_name = 'health-check-cron';
            DELETE FROM qrtz_triggers WHERE sched_name = '{Maintenance}' AND trigger_name = 'health-check-cron';
            """, ct);
        var settings = new[] { "10 * * * * ?", "20 * * * * ?" };

        await using var holder = await HoldAsync(cluster, "INSERT INTO qrtz_triggers SELECT * FROM test_saved_trigger", ct);
        var starting = Task.WhenAll(
            cluster.StartNodeAsync(5195, ct, new() { ["Scheduler__HealthCheckCron"] = settings[0] }),
            cluster.StartNodeAsync(5196, ct, new() { ["Scheduler__HealthCheckCron"] = settings[1] }));
        await WaitUntilBothWaitAsync(cluster, starting, DeclareStatements, TestContext, ct);
        await holder.RollBackAsync(ct);
        var nodes = await starting;

        var stored = await HealthCronAsync(cluster, ct);
        var warned = nodes.Select((n, i) => (Setting: settings[i], Log: n.ReadLog()))
            .Where(n => n.Log.Contains($"Scheduler:HealthCheckCron on this node is {n.Setting}", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, warned, $"the node that registered second found the other's schedule and said it replaces it (stored: {stored})");
        Assert.AreEqual(warned[0].Setting, stored, "the node that registers last wins");
        Assert.AreEqual(1L, await cluster.Db.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'reschedule-cron' AND target = 'health-check'", ct), "the change is audited");
    }

    /// <summary>
    /// LegacyCronTriggers' own lock, with the overlap forced: both nodes wait for the earlier version's job rows, which
    /// the move locks first. It held before (the rows it locks are the rows it moves, so they exist whenever there is
    /// anything to move; the second mover, woken when the first commits, finds them deleted and moves nothing); this keeps
    /// it so. Without the row locks both nodes copied the triggers and both said they moved them.
    /// </summary>
    [TestMethod]
    public async Task LegacyCronTriggers_ShouldBeMovedOnce_WhenTwoNodesMoveThemAtOnce()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PausedHealthCheckClusterAsync(ct);
        await AsAnEarlierVersionLeftItAsync(cluster, ct);

        await using var holder = await HoldAsync(cluster,
            $"SELECT count(*) FROM (SELECT 1 FROM qrtz_job_details WHERE sched_name = '{Analyses}' AND job_name IN ({CronJobs}) FOR UPDATE) j", ct);
        Assert.AreEqual(2L, holder.Result, "the earlier version's job rows");
        var starting = Task.WhenAll(cluster.StartNodeAsync(5195, ct), cluster.StartNodeAsync(5196, ct));
        await WaitUntilBothWaitAsync(cluster, starting, MoveStatements, TestContext, ct);
        await holder.ReleaseAsync(ct);
        var nodes = await starting;

        Assert.AreEqual(0L, await cluster.Db.ScalarAsync<long>(
            $"SELECT count(*) FROM qrtz_triggers WHERE sched_name = '{Analyses}' AND job_name IN ({CronJobs})", ct), "nothing left under the analyses' name");
        Assert.AreEqual(2L, await cluster.Db.ScalarAsync<long>(
            $"SELECT count(*) FROM qrtz_triggers WHERE sched_name = '{Maintenance}' AND job_name IN ({CronJobs})", ct), "each cron trigger once");
        Assert.AreEqual("PAUSED", await cluster.Db.ScalarAsync<string>(
            $"SELECT trigger_state FROM qrtz_triggers WHERE sched_name = '{Maintenance}' AND trigger_name = 'health-check-cron'", ct));
        Assert.AreEqual(1, nodes.Count(n => n.ReadLog().Contains("Moved 2 trigger(s) of the cron jobs", StringComparison.Ordinal)),
            "one node moved them, the other found nothing to move");
    }

    /// <summary>A cluster whose health-check cron trigger is paused, with no node running.</summary>
    private async Task<PrivateCluster> PausedHealthCheckClusterAsync(CancellationToken ct)
    {
        var cluster = await PrivateCluster.StartAsync("agensium_test_cron_overlap", [5195], null, ct);
        using (var api = new ApiClient(cluster.Nodes[0]))
        using (var pause = await api.PostJsonAsync("/api/jobs/health-check/pause", "", ct))
        {
            Assert.AreEqual(HttpStatusCode.OK, pause.StatusCode, await pause.Content.ReadAsStringAsync(ct));
        }
        await Poll.UntilAsync(async () => await cluster.Db.ScalarAsync<string>(
            $"SELECT trigger_state FROM qrtz_triggers WHERE sched_name = '{Maintenance}' AND trigger_name = 'health-check-cron'", ct) is "PAUSED" ? "" : null,
            TimeSpan.FromSeconds(60), ct);
        await cluster.Nodes[0].StopAsync(TimeSpan.FromSeconds(60));
        return cluster;
    }

    /// <summary>The store as an earlier version left it: the cron jobs and their triggers under the analyses' name only.</summary>
    private static async Task AsAnEarlierVersionLeftItAsync(PrivateCluster cluster, CancellationToken ct)
    {
        foreach (var table in new[] { "job_details", "triggers", "cron_triggers" })
        {
            await cluster.Db.ExecuteAsync($"""
                INSERT INTO qrtz_{table}
                SELECT (jsonb_populate_record(NULL::qrtz_{table}, to_jsonb(r) || jsonb_build_object('sched_name', '{Analyses}'))).*
                  FROM qrtz_{table} r WHERE r.sched_name = '{Maintenance}'
                ON CONFLICT DO NOTHING
                """, ct);
        }
        await cluster.Db.ExecuteAsync($"DELETE FROM qrtz_triggers WHERE sched_name = '{Maintenance}'", ct);
        await cluster.Db.ExecuteAsync($"DELETE FROM qrtz_job_details WHERE sched_name = '{Maintenance}'", ct);
    }

    private static async Task<string?> HealthCronAsync(PrivateCluster cluster, CancellationToken ct) =>
        await cluster.Db.ScalarAsync<string>(
            $"SELECT cron_expression FROM qrtz_cron_triggers WHERE sched_name = '{Maintenance}' AND trigger_name = 'health-check-cron'", ct);

    /// <summary>
    /// Waits until two registrations wait for a lock: two sessions of the cluster's database blocked in one of
    /// <paramref name="statements"/>. A node that fails meanwhile ends the wait with its error.
    /// </summary>
    private static async Task WaitUntilBothWaitAsync(PrivateCluster cluster, Task starting, string[] statements, TestContext log, CancellationToken ct)
    {
        var patterns = statements.Select(s => "%" + s + "%").ToArray();
        await Poll.UntilAsync(async () =>
        {
            if (starting.IsFaulted)
            {
                await starting; // its exception
            }
            var waiting = await cluster.Db.QueryAsync("""
                SELECT wait_event, left(query, 100) AS query FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE ANY(@patterns)
                """, ct, ("patterns", patterns));
            if (waiting.Count < 2)
            {
                return null;
            }
            log.WriteLine("waiting: " + string.Join(" | ", waiting.Select(w => $"{w["wait_event"]}: {w["query"]}")));
            return "";
        }, TimeSpan.FromSeconds(120), ct);
    }

    /// <summary>Runs <paramref name="sql"/> in a transaction left open, holding its locks until released.</summary>
    private static async Task<Holder> HoldAsync(PrivateCluster cluster, string sql, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(cluster.Db.ConnectionString);
        await connection.OpenAsync(ct);
        var transaction = await connection.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, connection, transaction);
        var result = await cmd.ExecuteScalarAsync(ct);
        return new Holder(connection, transaction, result is long n ? n : 0);
    }

    private sealed class Holder(NpgsqlConnection connection, NpgsqlTransaction transaction, long result) : IAsyncDisposable
    {
        public long Result => result;

        public Task ReleaseAsync(CancellationToken ct) => transaction.CommitAsync(ct);

        public Task RollBackAsync(CancellationToken ct) => transaction.RollbackAsync(ct);

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
