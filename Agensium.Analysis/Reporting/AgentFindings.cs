using System.Text.Json.Nodes;

namespace Agensium.Analysis.Reporting;

/// <summary>Alerts, issues and recommendations of one agent (any tool), in the AGENSIUM shapes, with ids prefixed by the agent key.</summary>
internal sealed class AgentFindings(string agentId, string key)
{
    public JsonArray Alerts { get; } = [];

    public JsonArray Issues { get; } = [];

    public JsonArray Recommendations { get; } = [];

    public void Alert(string id, string severity, string category, int fields, string message, string recommendation) =>
        Alerts.Add(new JsonObject
        {
            ["alert_id"] = $"alert_{key}_{id}",
            ["severity"] = severity,
            ["category"] = category,
            ["message"] = message,
            ["affected_fields_count"] = fields,
            ["recommendation"] = recommendation,
        });

    /// <summary>Adds an issue and, when <paramref name="recommendation"/> is given, a matching recommendation.</summary>
    public void Issue(string? field, string type, string severity, string message, string? recommendation = null)
    {
        Issues.Add(new JsonObject
        {
            ["issue_id"] = $"issue_{key}_{Issues.Count + 1}",
            ["agent_id"] = agentId,
            ["field_name"] = field,
            ["issue_type"] = type,
            ["severity"] = severity,
            ["message"] = message,
        });
        if (recommendation is not null)
        {
            Recommend(field, severity, recommendation);
        }
    }

    public void Recommend(string? field, string priority, string recommendation) =>
        Recommendations.Add(new JsonObject
        {
            ["recommendation_id"] = $"rec_{key}_{Recommendations.Count + 1}",
            ["agent_id"] = agentId,
            ["field_name"] = field,
            ["priority"] = priority,
            ["recommendation"] = recommendation,
            ["timeline"] = priority switch { "critical" or "high" => "immediate", "medium" => "1-2 weeks", _ => "1 month" },
        });
}
