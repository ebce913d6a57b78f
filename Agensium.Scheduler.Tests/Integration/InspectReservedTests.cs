using System.Text.Json.Nodes;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// `inspect reserved` names the task of a trigger Quartz's recovery wrote for a dead node's run (recover_&lt;node&gt;_&lt;n&gt;
/// in group RECOVERING_JOBS, the task id only in its job data): it showed the trigger's name, which says nothing of the
/// task an operator looks for.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class InspectReservedTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Reserved_ShouldNameTheTask_OfATriggerOfQuartzsRecovery()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_inspect_reserved", [5188], null, ct);
        var node = cluster.Nodes[0];
        using (var api = new ApiClient(node))
        {
            // Held by the pause, so the node never fires it; then the node stops and nothing else can.
            using (var pause = await api.Http.PostAsync("/api/queues/low_priority/pause", null, ct))
            {
                Assert.IsTrue(pause.IsSuccessStatusCode, await pause.Content.ReadAsStringAsync(ct));
            }
            var id = await api.SubmitFaultAsync("ok", "low_priority", ct);
            await node.StopAsync(TimeSpan.FromSeconds(60));

            // The trigger as Quartz's recovery writes it for a run of a dead node: another name in RECOVERING_JOBS, the
            // same job data (Quartz adds the original trigger's name to it).
            const string recovery = "recover_deadnode_1";
            foreach (var table in new[] { "qrtz_triggers", "qrtz_simple_triggers" })
            {
                await cluster.Db.ExecuteAsync($"""
                    CREATE TEMP TABLE moved_{table} AS SELECT * FROM {table} WHERE trigger_name = @id;
                    UPDATE moved_{table} SET trigger_name = @name, trigger_group = 'RECOVERING_JOBS';
                    INSERT INTO {table} SELECT * FROM moved_{table};
                    DROP TABLE moved_{table};
                    """, ct, ("id", id), ("name", recovery));
            }
            await cluster.Db.ExecuteAsync("DELETE FROM qrtz_simple_triggers WHERE trigger_name = @id; DELETE FROM qrtz_triggers WHERE trigger_name = @id", ct, ("id", id));
            Assert.AreEqual(1L, await cluster.Db.ScalarAsync<long>("SELECT count(*) FROM qrtz_triggers WHERE trigger_name = @n", ct, ("n", recovery)));

            var (exit, output, error) = await SchedulerCommand.RunAsync(new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = cluster.Db.ConnectionString,
            }, ct, "inspect", "reserved", "--json");
            Assert.AreEqual(0, exit, error);
            var rows = JsonNode.Parse(output)!.AsArray();
            var row = rows.SingleOrDefault(r => r!["task_or_trigger"]!.GetValue<string>() == id);
            Assert.IsNotNull(row, $"the recovery trigger is shown by its task {id}: {rows.ToJsonString()}");
            Assert.AreEqual("low_priority", row["queue"]!.GetValue<string>());
        }
    }
}
