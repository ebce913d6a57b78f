using Agensium.Analysis;
using Agensium.Analysis.Clean;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// Work that blocks for long runs on threads of its own, not the thread pool's: on a 2-core machine the pool starts with
/// two threads, so a tool's run, its parser and its profile thread queued there left the third waiting ~0.7 s for the
/// pool to add a thread (clean-my-data used no CPU for that long at its start), and left none for the agents' parallel work.
/// </summary>
[TestClass]
public sealed class DedicatedThreadsTests
{
    private const string Csv = "id,name,email\n1,Ann Lee,ann@lee.com\n2,Bob Ray,bob@ray.org\n3,Ann Lee,ann@lee.com\n";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("profile-my-data")]
    [DataRow("clean-my-data")]
    [DataRow("master-my-data")]
    public async Task EachToolRunsOnAThreadOfItsOwn(string toolId)
    {
        using var files = new AnalysisTestSupport();
        files.AddText("people.csv", Csv);
        Assert.IsTrue(new ToolCatalog(TimeProvider.System).TryGet(toolId, out var tool), toolId);
        var onPool = new List<bool>();
        var progress = new RecordingProgress(_ => onPool.Add(Thread.CurrentThread.IsThreadPoolThread));

        var result = await tool.RunAsync(new AnalysisRequest("task-1", files.Inputs, null, files.OutputDir), progress, TestContext.CancellationToken);

        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        Assert.IsNotEmpty(onPool);
        Assert.IsFalse(onPool.Any(p => p), "a tool's run reported progress from a thread-pool thread");
    }

    [TestMethod]
    public void RowScanParsesOnAThreadOfItsOwn()
    {
        using var files = new AnalysisTestSupport();
        var keyer = new ThreadRecordingKeyer();
        using (var scan = RowScan.Open(files.AddText("people.csv", Csv)))
        {
            scan.Keyer = keyer;
            Assert.AreEqual(3, scan.Rows(TestContext.CancellationToken).Count());
        }

        Assert.HasCount(3, keyer.OnPool);
        Assert.IsFalse(keyer.OnPool.Any(p => p), "the parser ran on a thread-pool thread");
    }

    [TestMethod]
    public void ProfileBuilderWritesOnAThreadOfItsOwn()
    {
        var onPool = new List<bool>();
        using (var builder = new ProfileBuilder(["a"], _ => onPool.Add(Thread.CurrentThread.IsThreadPoolThread)))
        {
            builder.Add(["x"]);
            builder.Add(["y"]);
        }

        Assert.HasCount(2, onPool);
        Assert.IsFalse(onPool.Any(p => p), "the profile's writer ran on a thread-pool thread");
    }

    private sealed class ThreadRecordingKeyer : IRowKeyer
    {
        public List<bool> OnPool { get; } = [];

        public int Width => 1;

        public void Keys(string[] fields, Span<UInt128> keys)
        {
            OnPool.Add(Thread.CurrentThread.IsThreadPoolThread);
            keys[0] = (UInt128)fields.Length;
        }
    }
}
