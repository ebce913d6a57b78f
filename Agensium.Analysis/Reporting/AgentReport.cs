using System.Text.Json.Nodes;

namespace Agensium.Analysis.Reporting;

/// <summary>The envelope of one successful agent run (AGENSIUM section 4), ready to be merged into the tool report.</summary>
public sealed class AgentReport
{
    /// <summary>Rows of the table the agent read, when its tool knows them (the Summary sheet's "rows").</summary>
    public long? InputRows { get; set; }

    /// <summary>Columns of the table the agent read, when its tool knows them (the Summary sheet's "columns").</summary>
    public int? InputColumns { get; set; }

    /// <summary>Agent id, e.g. unified-profiler.</summary>
    public required string AgentId { get; init; }

    /// <summary>Display name, e.g. Unified Profiler.</summary>
    public required string AgentName { get; init; }

    /// <summary>Wall time of the agent.</summary>
    public required long ExecutionTimeMs { get; init; }

    /// <summary>When the agent finished, ISO-8601 UTC.</summary>
    public required string Timestamp { get; init; }

    /// <summary>Headline figures of the agent.</summary>
    public required JsonObject SummaryMetrics { get; init; }

    /// <summary>Agent-specific data, including defaults, overrides and parameters.</summary>
    public required JsonObject Data { get; init; }

    /// <summary>Alert objects {alert_id, severity, category, message, affected_fields_count, recommendation}.</summary>
    public required JsonArray Alerts { get; init; }

    /// <summary>Issue objects {issue_id, agent_id, field_name, issue_type, severity, message}.</summary>
    public required JsonArray Issues { get; init; }

    /// <summary>Recommendation objects {recommendation_id, agent_id, field_name, priority, recommendation, timeline}.</summary>
    public required JsonArray Recommendations { get; init; }

    /// <summary>Executive summary cards {summary_id, title, value, status, description}.</summary>
    public required JsonArray ExecutiveSummary { get; init; }

    /// <summary>A short rule-based narrative of the findings.</summary>
    public required string AiAnalysisText { get; init; }

    /// <summary>All row-level issues counted, the first ones kept.</summary>
    public required RowIssueLog RowIssues { get; init; }

    /// <summary>The agent envelope as JSON: {status, agent_id, agent_name, execution_time_ms, summary_metrics, data, …}.</summary>
    public JsonObject ToEnvelope() => new()
    {
        ["status"] = "success",
        ["agent_id"] = AgentId,
        ["agent_name"] = AgentName,
        ["execution_time_ms"] = ExecutionTimeMs,
        ["summary_metrics"] = SummaryMetrics.DeepClone(),
        ["data"] = Data.DeepClone(),
        ["alerts"] = Alerts.DeepClone(),
        ["issues"] = Issues.DeepClone(),
        ["recommendations"] = Recommendations.DeepClone(),
        ["executive_summary"] = ExecutiveSummary.DeepClone(),
        ["ai_analysis_text"] = AiAnalysisText,
        ["row_level_issues"] = new JsonArray([.. RowIssues.Kept.Select(e => e.DeepClone())]),
        ["issue_summary"] = IssueSummary.Of([RowIssues]),
    };
}
