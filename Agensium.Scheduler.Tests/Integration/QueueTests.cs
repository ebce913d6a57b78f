namespace Agensium.Scheduler.Tests.Integration;

/// <summary>Queues, priorities, per-node queue limits and fair claiming (two nodes × 4 slots).</summary>
[TestClass]
[DoNotParallelize] // on the shared TestCluster: its two nodes, slots, queues and users are shared state
[TestCategory("Integration")]
public sealed class QueueTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public Task StartAsync() => TestCluster.EnsureStartedAsync(TestContext.CancellationToken);

    private static async Task<List<(string Task, string Node, string Queue, DateTime Start, DateTime End)>> RunsAsync(IEnumerable<string> ids, CancellationToken ct) =>
        (await Db.QueryAsync("SELECT task_id, node_instance_id, queue, started_at, finished_at FROM job_history WHERE task_id = ANY(@ids)", ct, ("ids", ids.ToArray())))
        .Select(r => ((string)r["task_id"]!, (string)r["node_instance_id"]!, (string)r["queue"]!, (DateTime)r["started_at"]!, (DateTime)r["finished_at"]!))
        .ToList();

    private static int MaxOverlap(IEnumerable<(DateTime Start, DateTime End)> runs)
    {
        var edges = runs.SelectMany(r => new[] { (r.Start, 1), (r.End, -1) }).OrderBy(e => e.Item1).ThenBy(e => e.Item2);
        int now = 0, max = 0;
        foreach (var (_, delta) in edges)
        {
            now += delta;
            max = Math.Max(max, now);
        }
        return max;
    }

    [TestMethod]
    public async Task EightLongJobs_ShouldRunFourOnEachNode_WhenTwoNodesHaveFourSlots()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(await api.SubmitFaultAsync("sleep:4", "default", ct));
        }
        foreach (var id in ids)
        {
            Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(60), ct))["status"]!.GetValue<string>());
        }
        var perNode = (await RunsAsync(ids, ct)).GroupBy(r => r.Node).ToDictionary(g => g.Key, g => g.Count());
        Assert.HasCount(2, perNode);
        Assert.IsTrue(perNode.Values.All(n => n == 4), string.Join(", ", perNode.Select(p => $"{p.Key}={p.Value}")));
    }

    [TestMethod]
    public async Task HighPriorityJob_ShouldStartAheadOfQueuedDefaultAndLowJobs_WhenAllSlotsAreBusy()
    {
        var ct = TestContext.CancellationToken;
        using var api = new ApiClient(TestCluster.NodeA);
        var low = new List<string>();
        var normal = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            low.Add(await api.SubmitFaultAsync("sleep:4", "low_priority", ct));
        }
        for (var i = 0; i < 8; i++)
        {
            normal.Add(await api.SubmitFaultAsync("sleep:4", "default", ct));
        }
        // Wait until every slot of both nodes is busy and work is still queued.
        await Poll.UntilAsync(async () =>
            await Db.ScalarAsync<long>("SELECT count(*) FROM tasks WHERE status = 'PROCESSING' AND task_id = ANY(@ids)", ct,
                ("ids", low.Concat(normal).ToArray())) == 8 ? "" : null, TimeSpan.FromSeconds(30), ct);
        var submitted = DateTime.UtcNow;
        var high = await api.SubmitFaultAsync("sleep:0.5", "high_priority", ct);

        var all = low.Concat(normal).Append(high).ToList();
        foreach (var id in all)
        {
            Assert.AreEqual("COMPLETED", (await api.WaitForFinalAsync(id, TimeSpan.FromSeconds(90), ct))["status"]!.GetValue<string>());
        }
        var runs = await RunsAsync(all, ct);
        var highStart = runs.Single(r => r.Task == high).Start;
        var startedLater = runs.Where(r => r.Task != high && r.Start > submitted).ToList();
        Assert.IsNotEmpty(startedLater, "some default/low work was still queued when the high job came");
        Assert.IsTrue(startedLater.All(r => r.Start >= highStart),
            $"high started {highStart:O}; queued work started before it: {string.Join(", ", startedLater.Where(r => r.Start < highStart).Select(r => $"{r.Queue}@{r.Start:O}"))}");

        // Per node, low_priority never used more than half of the 4 slots.
        foreach (var node in runs.GroupBy(r => r.Node))
        {
            Assert.IsLessThanOrEqualTo(2, MaxOverlap(node.Where(r => r.Queue == "low_priority").Select(r => (r.Start, r.End))), $"low on {node.Key}");
            Assert.IsLessThanOrEqualTo(4, MaxOverlap(node.Select(r => (r.Start, r.End))), $"all on {node.Key}");
        }
    }
}
