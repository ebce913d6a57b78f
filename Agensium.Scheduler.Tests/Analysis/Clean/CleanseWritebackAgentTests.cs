using Agensium.Analysis;
using Agensium.Analysis.Clean;
using Agensium.Analysis.Input;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

[TestClass]
public sealed class CleanseWritebackAgentTests
{
    private CleanTestFiles _files = null!;

    [TestInitialize]
    public void Init() => _files = new CleanTestFiles();

    [TestCleanup]
    public void Cleanup() => _files.Dispose();

    [TestMethod]
    public void Run_ShouldScoreIntegrityChecksAndWriteNoFile_WhenFileHasNullsDuplicatesAndMixedTypes()
    {
        // 4 rows × 2 columns: 1 null cell (12.5%), 1 exact duplicate (25%), column b mixed (1 of 2 columns = 50%).
        var result = _files.RunAgent(CleanseWritebackAgent.AgentId, "a,b\n1,x\n1,x\n2,3\n3,\n");

        Assert.IsNull(result.CleanedFilePath);
        var checks = CleanTestFiles.Data(result)["integrity_checks"]!.AsArray();
        CollectionAssert.AreEqual(new[] { 50.0, 87.5, 75.0, 100.0 }, checks.Select(c => (double)c!["score"]!).ToArray());
        // 0.25·(50 + 87.5 + 75 + 100) = 78.13 → below good (85) → needs_improvement.
        Assert.AreEqual(78.13, (double)CleanTestFiles.Metrics(result)["integrity_score"]!, 1e-9);
        Assert.AreEqual("needs_improvement", (string?)CleanTestFiles.Metrics(result)["status"]);
    }

    [TestMethod]
    public void Run_ShouldCompareWithOriginalAndListTheChain_WhenCleanedFileGiven()
    {
        var original = _files.AddText("orig.csv", "a,b\n1,x\n2,y\n3,z\n4,w\n");
        var cleaned = _files.AddText("cleaned_orig.csv", "a\n1\n2\n3\n");
        var tool = _files.Tool;
        var context = new CleanAgentContext(cleaned, original, Path.Combine(_files.OutputDir, "x.csv"), [new CleanStep("null-handler", "cleaned_orig.csv", 3, 1)]);

        var result = tool.CreateAgent(CleanseWritebackAgent.AgentId).Run(context, ToolParameters.None().For(CleanseWritebackAgent.AgentId), default);

        var data = CleanTestFiles.Data(result);
        Assert.AreEqual(75.0, (double)data["integrity_checks"]![3]!["score"]!, 1e-9);
        var manifest = data["manifest"]!;
        Assert.AreEqual("orig.csv", (string?)manifest["source_file"]);
        Assert.AreEqual("b", (string?)manifest["columns_removed"]![0]);
        Assert.AreEqual("null-handler", (string?)manifest["transformations"]![0]!["agent_id"]);
        Assert.AreEqual(64, ((string?)manifest["sha256"])!.Length);
        // 0.25·(100 + 100 + 100 + 75) = 93.75 → good (85 ≤ 93.75 < 95).
        Assert.AreEqual("good", (string?)CleanTestFiles.Metrics(result)["status"]);
    }

    [TestMethod]
    public void Run_ShouldTakeTheOriginalRowsTheChainHandsOver_InsteadOfReadingTheOriginal()
    {
        var original = _files.AddText("orig.csv", "a,b\n1,x\n2,y\n3,z\n4,w\n");
        var cleaned = _files.AddText("cleaned_orig.csv", "a,b\n1,x\n2,y\n");
        // A count that is not the file's: only the one handed over can give it.
        var context = new CleanAgentContext(cleaned, original, Path.Combine(_files.OutputDir, "x.csv"), [new CleanStep("outlier-remover", "cleaned_orig.csv", 2, 2)]) { OriginalRows = 8 };

        var result = _files.Tool.CreateAgent(CleanseWritebackAgent.AgentId).Run(context, ToolParameters.None().For(CleanseWritebackAgent.AgentId), default);

        var data = CleanTestFiles.Data(result);
        Assert.AreEqual(8L, (long)CleanTestFiles.Metrics(result)["original_rows"]!);
        Assert.AreEqual(25.0, (double)data["integrity_checks"]![3]!["score"]!, 1e-9);
        Assert.AreEqual(2, (int)data["manifest"]!["source_columns"]!);
    }

    [TestMethod]
    public void Chain_ShouldHandTheOriginalRowsOfThePreviewersProfile_AsTheWritebackWouldCountThem()
    {
        // Blank lines, a short row, a trailing note and a quoted line break: counted as the reader reads rows.
        const string file = "id,name,city\n1,Ann,Oslo\n\n2,Bob\n3,\"Cy\nD\",Rome\n3,\"Cy\nD\",Rome\n\n4,Eve,Oslo\nTotal: 5 rows\n";
        var input = _files.AddText("rows.csv", file);
        long?[] handed = new long?[2];
        foreach (bool previewFirst in new[] { true, false })
        {
            string scratch = Directory.CreateDirectory(Path.Combine(_files.OutputDir, $"scratch{previewFirst}")).FullName;
            var chain = new CleanChain(input, scratch);
            var tool = _files.Tool;
            var none = ToolParameters.None();
            int position = 0;
            if (previewFirst)
            {
                chain.Run(tool.CreateAgent(CleansePreviewerAgent.AgentId), position++, none.For(CleansePreviewerAgent.AgentId), CancellationToken.None);
            }

            chain.Run(tool.CreateAgent(DuplicateResolverAgent.AgentId), position++, none.For(DuplicateResolverAgent.AgentId), CancellationToken.None);
            chain.Run(new Probe(tool.CreateAgent(CleanseWritebackAgent.AgentId), handed, previewFirst ? 0 : 1), position, none.For(CleanseWritebackAgent.AgentId), CancellationToken.None);

            Assert.IsEmpty(chain.Failed, string.Join(" | ", chain.Failed.Select(f => f.ToString())));
            var writeback = chain.Succeeded.Single(r => r.AgentId == CleanseWritebackAgent.AgentId);
            Assert.AreEqual(5L, (long)writeback.SummaryMetrics["original_rows"]!, $"previewer first: {previewFirst}");
        }

        Assert.AreEqual(5L, handed[0], "the previewer's profile of the original");
        Assert.IsNull(handed[1], "no profile of the original: the writeback counts it itself");
    }

    // Records the original rows the chain hands to an agent.
    private sealed class Probe(ICleanAgent inner, long?[] seen, int slot) : ICleanAgent
    {
        public string Id => inner.Id;

        public string DisplayName => inner.DisplayName;

        public CleanAgentResult Run(CleanAgentContext context, AgentParameters parameters, CancellationToken cancellationToken)
        {
            seen[slot] = context.OriginalRows;
            return inner.Run(context, parameters, cancellationToken);
        }
    }
}
