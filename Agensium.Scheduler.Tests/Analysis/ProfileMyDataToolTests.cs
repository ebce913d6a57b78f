using Agensium.Analysis;
using Agensium.Analysis.Profile;
using static Agensium.Scheduler.Tests.Analysis.AnalysisTestSupport;

namespace Agensium.Scheduler.Tests.Analysis;

[TestClass]
public sealed class ProfileMyDataToolTests
{
    private AnalysisTestSupport _files = null!;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Ct => TestContext.CancellationToken;

    [TestInitialize]
    public void Init() => _files = new AnalysisTestSupport();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    public void Tool_ShouldDefaultToAllFiveAgents_WhenAskedForDefaults()
    {
        CollectionAssert.AreEqual(new[] { "unified-profiler", "drift-detector", "score-risk", "test-coverage-agent", "readiness-rater" },
            _files.Tool.DefaultAgents.ToArray());
        Assert.HasCount(5, _files.Tool.Agents);
        Assert.AreEqual("profile-my-data", _files.Tool.Id);
    }

    [TestMethod]
    public async Task RunAsync_ShouldReportProgressInOrder_WhenThreeAgentsRun()
    {
        _files.AddText("data.csv", "a,b\n1,x\n2,y\n");
        var progress = new RecordingProgress();

        var result = await _files.RunAsync(Ct, ["unified-profiler", "drift-detector", "score-risk"], progress);

        Assert.IsTrue(result.Succeeded);
        CollectionAssert.AreEqual(new[] { 15, 41, 68, 95 }, progress.Reports.Select(p => p.Progress).ToArray());
        CollectionAssert.AreEqual(new[] { "unified-profiler", "drift-detector", "score-risk", null },
            progress.Reports.Select(p => p.CurrentAgent).ToArray());
    }

    [TestMethod]
    public async Task RunAsync_ShouldRecordFailedAgents_WhenDriftDetectorHasNoBaseline()
    {
        _files.AddText("data.csv", "a,b\n1,x\n2,y\n");

        var report = await _files.RunReportAsync(Ct, ["unified-profiler", "drift-detector"]);

        var failed = report["metadata"]!["failed_agents"]!.AsArray();
        Assert.HasCount(1, failed);
        Assert.AreEqual("drift-detector", (string?)failed[0]!["agent_id"]);
        Assert.AreEqual("error", (string?)failed[0]!["status"]);
        Assert.AreEqual(DriftDetectorAgent.BaselineRequiredMessage, (string?)failed[0]!["error"]);
        Assert.HasCount(1, report["agent_results"]!.AsObject());
        Assert.AreEqual("1/2", (string?)report["executive_summary"]![0]!["value"]);
        Assert.AreEqual("Unified Profiler", (string?)report["metadata"]!["lineage"]![0]);
    }

    [TestMethod]
    public async Task RunAsync_ShouldFailWithUnknownAgent_WhenRequestNamesAnotherToolsAgent()
    {
        _files.AddText("data.csv", "a\n1\n");

        var result = await _files.RunAsync(Ct, ["unified-profiler", "key-identifier"]);

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual(AnalysisErrorCodes.UnknownAgent, result.ErrorCode);
        Assert.IsEmpty(result.Outputs);
    }

    [TestMethod]
    public async Task RunAsync_ShouldNameAFewUnknownAgentsAndCountTheRest_WhenThousandsAreRequested()
    {
        // 5,000 unknown names were all repeated: a ~40 KB message stored with the task.
        _files.AddText("data.csv", "a\n1\n");

        var result = await _files.RunAsync(Ct, [.. Enumerable.Range(0, 5000).Select(i => $"no-such-agent-{i}")]);

        Assert.AreEqual(AnalysisErrorCodes.UnknownAgent, result.ErrorCode);
        StringAssert.Contains(result.ErrorMessage, "'no-such-agent-0', 'no-such-agent-1', 'no-such-agent-2', 'no-such-agent-3', 'no-such-agent-4' and 4995 more");
        Assert.DoesNotContain("no-such-agent-5,", result.ErrorMessage!);
        Assert.IsLessThan(600, result.ErrorMessage!.Length, result.ErrorMessage);
    }

    [TestMethod]
    public async Task RunAsync_ShouldThrowOperationCanceled_WhenCancelledDuringTheRun()
    {
        _files.AddText("data.csv", "a\n1\n2\n");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var progress = new RecordingProgress(_ => cts.Cancel());

        await Assert.ThrowsAsync<OperationCanceledException>(() => _files.RunAsync(cts.Token, null, progress));

        Assert.IsFalse(File.Exists(_files.ReportPath));
        Assert.IsEmpty(Directory.GetFiles(_files.OutputDir));
    }

    [TestMethod]
    public async Task RunAsync_ShouldFailWithStorageErrorAndWriteNothing_WhenTheInputFolderIsLostMidRun()
    {
        // The disk failed score-risk alone (its folder gone while it ran, back for the next agent): the agent was
        // reported failed with PROCESSING_ERROR and the task COMPLETED, as if the data had been at fault.
        _files.AddText("data.csv", "a,b\n1,x\n2,y\n");
        var loseDisk = RecordingProgress.LosingFolderWhile(RiskScorerAgent.AgentId, _files.InputDir);

        var result = await _files.RunAsync(Ct, null, loseDisk);

        Assert.IsFalse(result.Succeeded, "the run went on past the disk failure");
        Assert.AreEqual(AnalysisErrorCodes.StorageError, result.ErrorCode, result.ErrorMessage);
        Assert.IsEmpty(Directory.GetFileSystemEntries(_files.OutputDir));
        Assert.AreEqual(RiskScorerAgent.AgentId, loseDisk.Reports[^1].CurrentAgent); // no agent ran after it
    }

    [TestMethod]
    public async Task RunAsync_ShouldFailWithInvalidInputFile_WhenAnAgentMeetsAnInvalidBytePastTheFirstRows()
    {
        // Bad data an agent reads is INVALID_INPUT_FILE, never taken for a failing disk: the byte lies past the sniffed
        // start and the first row, which the tool checks before any agent runs.
        var text = new System.Text.StringBuilder("a,b\n");
        for (int i = 0; text.Length < 2 * Agensium.Analysis.Input.TextFileSniffer.SniffBytes; i++)
        {
            text.Append(i).Append(",x\n");
        }

        _files.AddBytes("data.csv", [.. System.Text.Encoding.UTF8.GetBytes(text.ToString()), 0xFF, (byte)',', (byte)'y', (byte)'\n']);

        var result = await _files.RunAsync(Ct);

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, result.ErrorCode, result.ErrorMessage);
        StringAssert.Contains(result.ErrorMessage, "not valid UTF-8");
    }

    [TestMethod]
    public void Run_ShouldThrowOperationCanceled_WhenProfilerTokenIsCancelled()
    {
        var input = _files.AddText("data.csv", "a\n1\n2\n");
        var agent = new UnifiedProfilerAgent(TimeProvider.System);

        Assert.ThrowsExactly<OperationCanceledException>(() =>
            agent.Run(input, Agensium.Analysis.Input.ToolParameters.None().For("unified-profiler"), new CancellationToken(canceled: true)));
    }

    [TestMethod]
    public async Task RunAsync_ShouldWriteTheReportContract_WhenProfilingSucceeds()
    {
        _files.AddText("data.csv", "a,b\n1,x\n2,y\n");

        var result = await _files.RunAsync(Ct);
        var report = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(_files.ReportPath, Ct))!.AsObject();

        Assert.HasCount(2, result.Outputs, "the JSON and the Excel report");
        Assert.AreEqual(new OutputFile(ProfileMyDataTool.ReportFileName, _files.ReportPath, "application/json"), result.Outputs[0]);
        Assert.AreEqual("profile_my_data_analysis.xlsx", result.Outputs[1].Name);
        CollectionAssert.AreEqual(
            new[] { "metadata", "executive_summary", "analysis_summary", "summary", "alerts", "issues", "recommendations",
                "row_level_issues", "issue_summary", "routing_decisions", "agent_results" },
            report.Select(p => p.Key).ToArray());
        var metadata = report["metadata"]!;
        Assert.AreEqual("task-1", (string?)metadata["analysis_id"]);
        Assert.AreEqual("profile-my-data", (string?)metadata["tool"]);
        Assert.AreEqual("2025-01-02T03:04:05.000Z", (string?)metadata["timestamp"]);
        Assert.AreEqual("1.0", (string?)metadata["report_version"]);
        // No baseline: the default chain leaves drift-detector out and says why.
        Assert.AreEqual("drift-detector", (string?)metadata["skipped_agents"]![0]!["agent_id"]);
        StringAssert.Contains((string?)metadata["skipped_agents"]![0]!["reason"], "baseline");
        Assert.IsNull(report["agent_results"]!["drift-detector"]);
        CollectionAssert.AreEqual(
            new[] { "exec_agents_used", "exec_execution_time", "exec_total_alerts", "exec_total_issues", "exec_total_recommendations" },
            report["executive_summary"]!.AsArray().Take(5).Select(c => (string?)c!["summary_id"]).ToArray());
        Assert.AreEqual("fallback-rule-based", (string?)report["analysis_summary"]!["model_used"]);
        CollectionAssert.AreEqual(new[] { "status", "execution_time_ms", "summary_metrics", "data", "timestamp" },
            Profiler(report).Select(p => p.Key).ToArray());
        Assert.IsEmpty(report["routing_decisions"]!.AsArray());
        CollectionAssert.AreEquivalent(new[] { ProfileMyDataTool.ReportFileName, "profile_my_data_analysis.xlsx" }, Directory.GetFiles(_files.OutputDir).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public async Task RunAsync_ShouldWriteIdenticalBytes_WhenRunTwiceOnTheSameInput()
    {
        _files.AddText("data.csv", "a,b,email\n1,x,a@b.co\n2,,c@d.io\n300,y,\n");

        await _files.RunReportAsync(Ct);
        byte[] first = await File.ReadAllBytesAsync(_files.ReportPath, Ct);
        await _files.RunReportAsync(Ct);
        byte[] second = await File.ReadAllBytesAsync(_files.ReportPath, Ct);

        CollectionAssert.AreEqual(first, second);
    }

    [TestMethod]
    public async Task RunAsync_ShouldProfileEveryColumn_WhenRunOnSampleCsv()
    {
        string sample = Path.Combine(AppContext.BaseDirectory, "samples", "sample.csv");
        _files.Inputs.Add(new InputFile("sample.csv", sample));

        var report = await _files.RunReportAsync(Ct);

        string header = File.ReadLines(sample).First();
        var columns = Profiler(report)["data"]!["columns"]!.AsArray();
        CollectionAssert.AreEqual(header.Split(','), columns.Select(c => (string?)c!["name"]).ToArray());
        Assert.AreEqual(100, (long)Profiler(report)["summary_metrics"]!["total_rows"]!);
        Assert.AreEqual(12, (int)Profiler(report)["summary_metrics"]!["total_columns"]!);
        Assert.IsTrue(columns.All(c => (long)c!["total_count"]! == 100));
        Assert.AreEqual("integer", (string?)Column(report, "OrderID")["inferred_type"]);
        Assert.AreEqual(100, (long)Column(report, "OrderID")["distinct_count"]!);
    }
}
