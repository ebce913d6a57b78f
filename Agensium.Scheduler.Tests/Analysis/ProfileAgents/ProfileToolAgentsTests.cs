using Agensium.Analysis.Profile;

namespace Agensium.Scheduler.Tests.Analysis.ProfileAgents;

/// <summary>profile-my-data's default chain and dispatch to the five agents.</summary>
[TestClass]
public sealed class ProfileToolAgentsTests
{
    private AnalysisTestSupport _files = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void Init() => _files = new AnalysisTestSupport();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    public async Task RunAsync_ShouldRunFourAgentsWithoutDrift_WhenNoBaselineAndNoAgentsNamed()
    {
        _files.AddText("data.csv", "a,b\n1,x\n2,y\n");

        var report = await _files.RunReportAsync(TestContext.CancellationToken);

        CollectionAssert.AreEqual(new[] { "unified-profiler", "score-risk", "test-coverage-agent", "readiness-rater" },
            report["agent_results"]!.AsObject().Select(p => p.Key).ToArray());
        Assert.IsEmpty(report["metadata"]!["failed_agents"]!.AsArray());
        Assert.AreEqual("4/4", (string?)report["executive_summary"]![0]!["value"]);
    }

    [TestMethod]
    public async Task RunAsync_ShouldRunAllFiveAgents_WhenBaselineIsUploaded()
    {
        _files.AddText("data.csv", "a,b\n1,x\n2,y\n");
        _files.AddText("my_BASELINE.csv", "a,b\n1,x\n3,z\n");

        var report = await _files.RunReportAsync(TestContext.CancellationToken);

        CollectionAssert.AreEqual(new[] { "Unified Profiler", "Drift Detector", "Risk Scorer", "Test Coverage Agent", "Readiness Rater" },
            report["metadata"]!["lineage"]!.AsArray().Select(n => (string?)n).ToArray());
        // Both columns have 2 values (< 100): skipped, not drifted.
        Assert.AreEqual(2, (int)report["agent_results"]!["drift-detector"]!["summary_metrics"]!["skipped_columns"]!);
    }

    [TestMethod]
    public async Task RunAsync_ShouldFailOnlyTheDriftAgent_WhenItIsNamedWithoutBaseline()
    {
        _files.AddText("data.csv", "a\n1\n");

        var result = await _files.RunAsync(TestContext.CancellationToken, ["drift-detector", "readiness-rater"]);
        var report = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(_files.ReportPath, TestContext.CancellationToken))!;

        Assert.IsTrue(result.Succeeded);
        var failed = report["metadata"]!["failed_agents"]!.AsArray().Single()!;
        Assert.AreEqual("drift-detector", (string?)failed["agent_id"]);
        Assert.AreEqual(DriftDetectorAgent.BaselineRequiredCode, (string?)failed["error_code"]);
        Assert.AreEqual("drift-detector needs a baseline file (a file whose name contains 'baseline')", (string?)failed["error"]);
        Assert.AreEqual("1/2", (string?)report["executive_summary"]![0]!["value"]);
    }

    [TestMethod]
    public void DefaultAgentsFor_ShouldDropDriftDetector_WhenThereIsNoBaseline()
    {
        var tool = _files.Tool;

        CollectionAssert.AreEqual(tool.Agents.ToArray(), tool.DefaultAgents.ToArray());
        CollectionAssert.AreEqual(tool.Agents.ToArray(), tool.DefaultAgentsFor(true).ToArray());
        CollectionAssert.AreEqual(new[] { "unified-profiler", "score-risk", "test-coverage-agent", "readiness-rater" }, tool.DefaultAgentsFor(false).ToArray());
    }

    [TestMethod]
    public void Run_ShouldThrowOperationCanceled_WhenAnyNewAgentTokenIsCancelled()
    {
        var input = _files.AddText("data.csv", "a\n1\n");
        var cancelled = new CancellationToken(canceled: true);

        Assert.ThrowsExactly<OperationCanceledException>(() => new RiskScorerAgent(ProfileAgentSupport.Clock).Run(input, ProfileAgentSupport.Params("score-risk"), cancelled));
        Assert.ThrowsExactly<OperationCanceledException>(() => new TestCoverageAgent(ProfileAgentSupport.Clock).Run(input, ProfileAgentSupport.Params("test-coverage-agent"), cancelled));
        Assert.ThrowsExactly<OperationCanceledException>(() => new ReadinessRaterAgent(ProfileAgentSupport.Clock).Run(input, ProfileAgentSupport.Params("readiness-rater"), cancelled));
    }
}
