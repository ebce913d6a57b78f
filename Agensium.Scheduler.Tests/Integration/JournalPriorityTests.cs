namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// A node whose standard output is journald's (systemd sets JOURNAL_STREAM) prefixes its console lines with their
/// syslog priority, which journald files them by; without JOURNAL_STREAM the lines are as before.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class JournalPriorityTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task ConsoleLines_ShouldCarryTheirSyslogPriority_WhenTheNodeRunsUnderJournald()
    {
        var ct = TestContext.CancellationToken;
        await using var cluster = await PrivateCluster.StartAsync("agensium_test_journal", [5185], new() { ["JOURNAL_STREAM"] = "8:12345" }, ct);
        var node = cluster.Nodes[0];
        await node.StopAsync(TimeSpan.FromSeconds(60));

        var lines = node.ReadLog().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var logLines = lines.Where(l => l.Contains(": INFO/", StringComparison.Ordinal)).ToList();
        Assert.IsNotEmpty(logLines, node.ReadLog());
        Assert.IsTrue(logLines.All(l => l.StartsWith("<6>[", StringComparison.Ordinal)), string.Join('\n', logLines.Take(5)));
    }
}
