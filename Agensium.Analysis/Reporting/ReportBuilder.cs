using System.Globalization;
using System.Text.Json.Nodes;

namespace Agensium.Analysis.Reporting;

/// <summary>Merges agent envelopes into {tool}_analysis.json (AGENSIUM section 4).</summary>
internal static class ReportBuilder
{
    public static JsonObject Build(
        string analysisId,
        string toolId,
        string timestamp,
        long executionTimeMs,
        IReadOnlyList<string> agentsRun,
        IReadOnlyList<string> canonicalOrder,
        IReadOnlyDictionary<string, string> displayNames,
        IReadOnlyList<AgentReport> succeeded,
        IReadOnlyList<AgentFailure> failed)
    {
        var alerts = Concat(succeeded.Select(a => a.Alerts));
        var issues = Concat(succeeded.Select(a => a.Issues));
        var recommendations = Concat(succeeded.Select(a => a.Recommendations));
        var logs = succeeded.Select(a => a.RowIssues).ToList();
        int[] listed = RowIssueLog.Listed(logs);
        var rowIssues = new JsonArray([.. logs.SelectMany((l, i) => l.Kept.Take(listed[i])).Select(e => e.DeepClone())]);
        var cards = FixedCards(succeeded.Count, agentsRun.Count, executionTimeMs, alerts.Count, issues.Count, recommendations.Count);
        foreach (var card in succeeded.SelectMany(a => a.ExecutiveSummary))
        {
            cards.Add(card!.DeepClone());
        }

        var agentResults = new JsonObject();
        foreach (var agent in succeeded)
        {
            agentResults[agent.AgentId] = new JsonObject
            {
                ["status"] = "success",
                ["execution_time_ms"] = agent.ExecutionTimeMs,
                ["summary_metrics"] = agent.SummaryMetrics.DeepClone(),
                ["data"] = agent.Data.DeepClone(),
                ["timestamp"] = agent.Timestamp,
            };
        }

        var succeededIds = succeeded.Select(a => a.AgentId).ToHashSet(StringComparer.Ordinal);
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["analysis_id"] = analysisId,
                ["tool"] = toolId,
                ["timestamp"] = timestamp,
                ["execution_time_ms"] = executionTimeMs,
                ["report_version"] = "1.0",
                ["agents_name"] = new JsonArray([.. agentsRun.Select(a => (JsonNode)a)]),
                ["lineage"] = new JsonArray([.. canonicalOrder.Where(succeededIds.Contains).Select(a => (JsonNode)displayNames[a])]),
                ["failed_agents"] = new JsonArray([.. failed.Select(f => (JsonNode)new JsonObject
                {
                    ["agent_id"] = f.AgentId,
                    ["status"] = "error",
                    ["error_code"] = f.ErrorCode,
                    ["error"] = f.Error,
                })]),
            },
            ["executive_summary"] = cards,
            ["analysis_summary"] = new JsonObject
            {
                ["status"] = succeeded.Count > 0 ? "success" : "error",
                ["summary"] = string.Join(" ", succeeded.Select(a => a.AiAnalysisText).Append(FailureText(failed))).Trim(),
                ["execution_time_ms"] = 0,
                ["model_used"] = "fallback-rule-based",
            },
            ["summary"] = Summary(alerts, issues.Count, recommendations.Count),
            ["alerts"] = alerts,
            ["issues"] = issues,
            ["recommendations"] = recommendations,
            ["row_level_issues"] = rowIssues,
            ["issue_summary"] = IssueSummary.Of(logs),
            ["routing_decisions"] = new JsonArray(),
            ["agent_results"] = agentResults,
        };
    }

    private static JsonArray FixedCards(int ok, int total, long ms, int alerts, int issues, int recommendations)
    {
        double seconds = ms / 1000.0;
        return
        [
            ExecutiveCard.Create("exec_agents_used", "Agents Used", $"{ok}/{total}", ok > 0 ? "success" : "warning", "Agents that completed successfully."),
            ExecutiveCard.Create("exec_execution_time", "Execution Time", seconds.ToString("0.00", CultureInfo.InvariantCulture) + "s",
                seconds < 30 ? "excellent" : seconds < 60 ? "good" : "fair", "Total processing time."),
            ExecutiveCard.Create("exec_total_alerts", "Total Alerts", alerts.ToString(CultureInfo.InvariantCulture),
                alerts == 0 ? "success" : alerts < 5 ? "warning" : "critical", "Alerts raised by all agents."),
            ExecutiveCard.Create("exec_total_issues", "Total Issues", issues.ToString(CultureInfo.InvariantCulture),
                issues == 0 ? "success" : issues < 10 ? "warning" : "critical", "Issues found by all agents."),
            ExecutiveCard.Create("exec_total_recommendations", "Recommendations", recommendations.ToString(CultureInfo.InvariantCulture),
                "info", "Recommendations from all agents."),
        ];
    }

    private static JsonObject Summary(JsonArray alerts, int issues, int recommendations)
    {
        int Severity(string s) => alerts.Count(a => (string?)a!["severity"] == s);
        return new JsonObject
        {
            ["total_alerts"] = alerts.Count,
            ["total_issues"] = issues,
            ["total_recommendations"] = recommendations,
            ["critical_alerts"] = Severity("critical"),
            ["high_severity_alerts"] = Severity("high"),
            ["medium_severity_alerts"] = Severity("medium"),
        };
    }

    private static string FailureText(IReadOnlyList<AgentFailure> failed) =>
        failed.Count == 0 ? "" : $"{failed.Count} agent(s) failed: {string.Join(", ", failed.Select(f => f.AgentId))}.";

    private static JsonArray Concat(IEnumerable<JsonArray> lists) =>
        new([.. lists.SelectMany(l => l).Select(n => n!.DeepClone())]);
}
