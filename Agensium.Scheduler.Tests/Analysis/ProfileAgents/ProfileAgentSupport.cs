using System.Text.Json.Nodes;
using Agensium.Analysis;
using Agensium.Analysis.Input;
using Agensium.Analysis.Profile;

namespace Agensium.Scheduler.Tests.Analysis.ProfileAgents;

/// <summary>Helpers to run the profile agents directly and to find the copied sample files.</summary>
internal static class ProfileAgentSupport
{
    public static readonly TimeProvider Clock = new FixedTimeProvider(AnalysisTestSupport.FixedNow);

    private static readonly string[] Known = ["unified-profiler", "drift-detector", "score-risk", "test-coverage-agent", "readiness-rater"];

    /// <summary>The parameters of <paramref name="agentId"/> parsed from a JSON object text.</summary>
    public static AgentParameters Params(string agentId, string json = "{}") =>
        ToolParameters.Parse($"{{\"{agentId}\": {json}}}", Known).For(agentId);

    /// <summary>A sample file copied to the test output folder.</summary>
    public static InputFile Sample(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "samples", name);
        Assert.IsTrue(File.Exists(path), $"sample {name} is missing from the test output");
        return new InputFile(name, path);
    }

    /// <summary>The data object of a column entry of an agent's data.columns array.</summary>
    public static JsonObject ColumnOf(AgentReport report, string column) =>
        report.Data["columns"]!.AsArray().Single(c => (string?)c!["column"] == column)!.AsObject();

    /// <summary>True when an alert with this id is present.</summary>
    public static JsonObject? AlertOf(AgentReport report, string alertId) =>
        report.Alerts.SingleOrDefault(a => (string?)a!["alert_id"] == alertId)?.AsObject();
}
