using System.Text;
using System.Text.Json.Nodes;
using Agensium.Analysis;
using Agensium.Analysis.Clean;
using Agensium.Analysis.Input;

namespace Agensium.Scheduler.Tests.Analysis.Clean;

/// <summary>A temp folder for clean-agent tests: writes input CSVs, runs one agent or the whole tool, reads CSV output back.</summary>
internal sealed class CleanTestFiles : IDisposable
{
    public static readonly DateTimeOffset FixedNow = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public CleanTestFiles()
    {
        Root = Path.Combine(Path.GetTempPath(), "agensium-clean-tests", Guid.NewGuid().ToString("N"));
        InputDir = Directory.CreateDirectory(Path.Combine(Root, "inputs")).FullName;
        OutputDir = Directory.CreateDirectory(Path.Combine(Root, "outputs")).FullName;
    }

    public string Root { get; }

    public string InputDir { get; }

    public string OutputDir { get; }

    public List<InputFile> Inputs { get; } = [];

    public TimeProvider Clock { get; } = new FixedTimeProvider(FixedNow);

    public CleanMyDataTool Tool => new(Clock);

    public string ReportPath => Path.Combine(OutputDir, CleanMyDataTool.ReportFileName);

    public static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    public InputFile AddText(string name, string content)
    {
        string path = Path.Combine(InputDir, name);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(content));
        var input = new InputFile(name, path);
        Inputs.Add(input);
        return input;
    }

    public InputFile AddSample(string name)
    {
        var input = new InputFile(name, SamplePath(name));
        Inputs.Add(input);
        return input;
    }

    /// <summary>Runs one agent of the tool on a CSV text, with optional parameters JSON for that agent.</summary>
    public CleanAgentResult RunAgent(string agentId, string csv, string? parametersJson = null, CancellationToken ct = default)
    {
        var input = AddText($"{agentId}_input.csv", csv);
        var tool = Tool;
        var parameters = parametersJson is null
            ? ToolParameters.None()
            : ToolParameters.Parse($"{{\"{agentId}\":{parametersJson}}}", tool.Agents);
        var context = new CleanAgentContext(input, input, Path.Combine(OutputDir, $"{agentId}_out.csv"), []);
        return tool.CreateAgent(agentId).Run(context, parameters.For(agentId), ct);
    }

    public Task<AnalysisResult> RunToolAsync(CancellationToken ct, IReadOnlyList<string>? agents = null, IProgress<AnalysisProgress>? progress = null) =>
        Tool.RunAsync(new AnalysisRequest("task-1", Inputs, agents, OutputDir), progress, ct);

    public async Task<JsonObject> RunReportAsync(CancellationToken ct, IReadOnlyList<string>? agents = null)
    {
        var result = await RunToolAsync(ct, agents);
        Assert.IsTrue(result.Succeeded, $"{result.ErrorCode}: {result.ErrorMessage}");
        return JsonNode.Parse(await File.ReadAllTextAsync(ReportPath, ct))!.AsObject();
    }

    /// <summary>Reads a CSV back with the shared reader: header and rows.</summary>
    public static (IReadOnlyList<string> Header, List<string[]> Rows) ReadCsv(string path)
    {
        using var reader = CsvTableReader.Open(path, Path.GetFileName(path));
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.Columns.Count).Select(i => reader.GetField(i).ToString())]);
        }

        return (reader.Columns, rows);
    }

    /// <summary>The agent's data as parsed from its JSON text (numbers then read as any numeric type).</summary>
    public static JsonObject Data(CleanAgentResult result) => JsonNode.Parse(result.Report.Data.ToJsonString())!.AsObject();

    /// <summary>The agent's summary_metrics as parsed from its JSON text.</summary>
    public static JsonObject Metrics(CleanAgentResult result) => JsonNode.Parse(result.Report.SummaryMetrics.ToJsonString())!.AsObject();

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
