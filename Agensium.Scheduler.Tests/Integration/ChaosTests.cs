using Agensium.Chaos;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// The CI version of the chaos runner (scripts/chaos.sh --short): three nodes on database agensium_test_chaos, every
/// scenario once with short outages, under a stream of jobs. It restarts and pauses PostgreSQL and stops Redis and the S3
/// server: those of a <see cref="PrivateStack"/> of its own, so the other classes, on the stack's, run beside it.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class ChaosTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(1_800_000, CooperativeCancellation = true)]
    public async Task ShortChaosRun_ShouldLoseNothingAndRunNothingTwice_UnderEveryFault()
    {
        await using var stack = await PrivateStack.StartAsync("chaos", TestContext.CancellationToken);
        var options = stack.Options with
        {
            Short = true,
            Database = "agensium_test_chaos",
            ServiceDll = Path.Combine(AppContext.BaseDirectory, "Agensium.Scheduler.dll"),
            Seed = 8,
            BasePort = 5197, // nodes on 5197, 5198 and 5199 (ChaosRun's three)
        };
        using var output = new StringWriter();
        ChaosReport report;
        try
        {
            report = await ChaosRunner.RunAsync(options, output, TestContext.CancellationToken);
        }
        finally
        {
            TestContext.WriteLine(output.ToString());
        }
        Assert.IsEmpty(report.Violations, string.Join("\n", report.Violations));
        Assert.AreEqual(0, report.Scenarios.Sum(s => s.Lost));
        Assert.AreEqual(0, report.Scenarios.Sum(s => s.Duplicated));
        Assert.IsGreaterThan(0, report.Scenarios.Sum(s => s.Completed));
    }
}
