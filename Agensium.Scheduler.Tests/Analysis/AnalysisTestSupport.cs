using System.Text;
using System.Text.Json.Nodes;
using Agensium.Analysis;
using Agensium.Analysis.Profile;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>A temp folder with input files, and helpers to run profile-my-data on it and read the report.</summary>
internal sealed class AnalysisTestSupport : IDisposable
{
    public static readonly DateTimeOffset FixedNow = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public AnalysisTestSupport()
    {
        Root = Path.Combine(Path.GetTempPath(), "agensium-analysis-tests", Guid.NewGuid().ToString("N"));
        InputDir = Directory.CreateDirectory(Path.Combine(Root, "inputs")).FullName;
        OutputDir = Directory.CreateDirectory(Path.Combine(Root, "outputs")).FullName;
    }

    public string Root { get; }
    public string InputDir { get; }
    public string OutputDir { get; }
    public List<InputFile> Inputs { get; } = [];
    public ProfileMyDataTool Tool { get; } = new(new FixedTimeProvider(FixedNow));

    public string ReportPath => Path.Combine(OutputDir, ProfileMyDataTool.ReportFileName);

    public InputFile AddText(string name, string content) => AddBytes(name, Encoding.UTF8.GetBytes(content));

    public InputFile AddBytes(string name, byte[] content)
    {
        string path = Path.Combine(InputDir, name);
        File.WriteAllBytes(path, content);
        var input = new InputFile(name, path);
        Inputs.Add(input);
        return input;
    }

    public Task<AnalysisResult> RunAsync(CancellationToken ct, IReadOnlyList<string>? agents = null, IProgress<AnalysisProgress>? progress = null) =>
        Tool.RunAsync(new AnalysisRequest("task-1", Inputs, agents, OutputDir), progress, ct);

    /// <summary>Runs the tool, asserts success and returns the parsed report.</summary>
    public async Task<JsonObject> RunReportAsync(CancellationToken ct, IReadOnlyList<string>? agents = null)
    {
        var result = await RunAsync(ct, agents);
        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        return JsonNode.Parse(await File.ReadAllTextAsync(ReportPath, ct))!.AsObject();
    }

    public static JsonObject Profiler(JsonObject report) => report["agent_results"]!["unified-profiler"]!.AsObject();

    public static JsonObject Column(JsonObject report, string name) =>
        Profiler(report)["data"]!["columns"]!.AsArray().Single(c => (string?)c!["name"] == name)!.AsObject();

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
