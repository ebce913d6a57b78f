using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Agensium.Analysis.Clean;

/// <summary>Assembles a clean agent's <see cref="AgentReport"/> from its parts; times it with the injected clock.</summary>
internal sealed class CleanReport(TimeProvider timeProvider, string agentId, string displayName, string key)
{
    private readonly long _started = timeProvider.GetTimestamp();

    public AgentFindings Findings { get; } = new(agentId, key);

    public RowIssueLog Log { get; } = new();

    public JsonArray Cards { get; } = [];

    public void Card(string id, string title, string value, string status, string description) =>
        Cards.Add(ExecutiveCard.Create($"{key}_{id}", title, value, status, description));

    /// <summary>Counts one row-level issue, marks its row and keeps the entry while there is room.</summary>
    public void RowIssue(int row, string column, string type, string severity, string message, string? value)
    {
        Log.Count(column, type, severity);
        Log.AffectedRows.Set(row);
        Log.Keep(row, column, type, severity, message, value);
    }

    /// <summary>As <see cref="RowIssue(int, string, string, string, string, string?)"/>; the message is only built while there is room.</summary>
    public void RowIssue(int row, string column, string type, string severity, [InterpolatedStringHandlerArgument("")] RowIssueMessage message, string? value)
    {
        Log.Count(column, type, severity);
        Log.AffectedRows.Set(row);
        if (Log.HasRoom)
        {
            Log.Keep(row, column, type, severity, message.ToStringAndClear(), value);
        }
    }

    /// <summary>Adds the score card and returns the finished report.</summary>
    public AgentReport Build(JsonObject summaryMetrics, JsonObject data, double score, string status, string narrative)
    {
        Cards.Insert(0, ExecutiveCard.Create($"{key}_score", $"{displayName} Score", $"{Figures.F(score)}/100",
            CleanScore.CardStatus(status), $"Weighted score of {displayName} ({status})."));
        return new AgentReport
        {
            AgentId = agentId,
            AgentName = displayName,
            ExecutionTimeMs = (long)timeProvider.GetElapsedTime(_started).TotalMilliseconds,
            Timestamp = timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            SummaryMetrics = summaryMetrics,
            Data = data,
            Alerts = Findings.Alerts,
            Issues = Findings.Issues,
            Recommendations = Findings.Recommendations,
            ExecutiveSummary = Cards,
            AiAnalysisText = narrative,
            RowIssues = Log,
        };
    }
}
