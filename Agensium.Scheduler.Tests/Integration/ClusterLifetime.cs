namespace Agensium.Scheduler.Tests.Integration;

[TestClass]
public static class ClusterLifetime
{
    [AssemblyCleanup]
    public static async Task StopClusterAsync()
    {
        await Dashboard.Chromium.CloseAsync();
        await TestCluster.DisposeNodesAsync();
    }
}
