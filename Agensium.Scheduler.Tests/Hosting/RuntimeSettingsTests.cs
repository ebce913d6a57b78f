using System.Text.Json;

namespace Agensium.Scheduler.Tests.Hosting;

/// <summary>
/// The runtime settings the service is built with (its runtimeconfig.json, beside the service's assembly in this
/// test's output): a node and its workers read them at start, before any code of ours runs.
/// </summary>
[TestClass]
public sealed class RuntimeSettingsTests
{
    [TestMethod]
    public void ThreadPoolThreads_ShouldBlockWithoutSpinning_WhenTheyRunOutOfWork()
    {
        // Spinning cost a node ~340 sched_yield calls per no-op job on 2 cores shared with PostgreSQL (docs/benchmarks.md).
        Assert.AreEqual(0, ConfigProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit")?.GetInt32());
    }

    private static JsonElement? ConfigProperty(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Agensium.Scheduler.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").TryGetProperty(name, out var value)
            ? value.Clone()
            : null;
    }
}
