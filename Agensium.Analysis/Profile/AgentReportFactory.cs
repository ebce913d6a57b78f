using System.Globalization;
using System.Text.Json.Nodes;

namespace Agensium.Analysis.Profile;

/// <summary>Assembles an <see cref="AgentReport"/> with the timing and timestamp of a <see cref="TimeProvider"/>.</summary>
internal static class AgentReportFactory
{
    public static AgentReport Create(
        TimeProvider time, long started, string agentId, string agentName, JsonObject metrics, JsonObject data,
        AgentFindings findings, JsonArray cards, string narrative, RowIssueLog? log = null) => new()
        {
            AgentId = agentId,
            AgentName = agentName,
            ExecutionTimeMs = (long)time.GetElapsedTime(started).TotalMilliseconds,
            Timestamp = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            SummaryMetrics = metrics,
            Data = data,
            Alerts = findings.Alerts,
            Issues = findings.Issues,
            Recommendations = findings.Recommendations,
            ExecutiveSummary = cards,
            AiAnalysisText = narrative,
            RowIssues = log ?? new RowIssueLog(),
        };

    /// <summary>A figure for report text: up to 2 decimals, invariant culture.</summary>
    public static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
