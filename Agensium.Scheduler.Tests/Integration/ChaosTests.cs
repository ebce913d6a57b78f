using Agensium.Chaos;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// The CI version of the chaos runner (scripts/chaos.sh --short): three nodes on database agensium_test_chaos, every
/// scenario once with short outages, under a stream of jobs. It restarts and pauses this checkout's PostgreSQL and
/// stops its Redis and S3 server, so it runs alone (no other test runs in parallel in this assembly).
/// </summary>
[TestClass]
[TestCategory("Integration")]
[DoNotParallelize]
public sealed class ChaosTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [Timeout(1_800_000, CooperativeCancellation = true)]
    public async Task ShortChaosRun_ShouldLoseNothingAndRunNothingTwice_UnderEveryFault()
    {
        var options = new ChaosOptions
        {
            Short = true,
            Database = "agensium_test_chaos",
            ServiceDll = Path.Combine(AppContext.BaseDirectory, "Agensium.Scheduler.dll"),
            Seed = 8,
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
            // The run restarted PostgreSQL: this test process's pooled connections are dead now, and the tests after
            // this one must not be handed one (57P01 "terminating connection due to administrator command").
            SqlClient.ClearEveryPool();
        }
        Assert.IsEmpty(report.Violations, string.Join("\n", report.Violations));
        Assert.AreEqual(0, report.Scenarios.Sum(s => s.Lost));
        Assert.AreEqual(0, report.Scenarios.Sum(s => s.Duplicated));
        Assert.IsGreaterThan(0, report.Scenarios.Sum(s => s.Completed));
    }
}
