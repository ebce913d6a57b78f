using System.Text.Json.Nodes;

namespace Agensium.Analysis.Profile;

/// <summary>Alerts, issues and recommendations of one agent, with ids prefixed by the agent's short key.</summary>
internal sealed class AgentFindings(string agentId, string key)
{
    public JsonArray Alerts { get; } = [];
    public JsonArray Issues { get; } = [];
    public JsonArray Recommendations { get; } = [];

    /// <summary>Adds alert alert_{key}_{name}.</summary>
    public void Alert(string name, string severity, string category, int fields, string message, string recommendation) =>
        Alerts.Add(new JsonObject
        {
            ["alert_id"] = $"alert_{key}_{name}",
            ["severity"] = severity,
            ["category"] = category,
            ["message"] = message,
            ["affected_fields_count"] = fields,
            ["recommendation"] = recommendation,
        });

    /// <summary>Adds an issue and its recommendation (timeline by severity).</summary>
    public void Issue(string? field, string type, string severity, string message, string recommendation)
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
        Recommendations.Add(new JsonObject
        {
            ["recommendation_id"] = $"rec_{key}_{Recommendations.Count + 1}",
            ["agent_id"] = agentId,
            ["field_name"] = field,
            ["priority"] = severity,
            ["recommendation"] = recommendation,
            ["timeline"] = severity switch { "critical" or "high" => "immediate", "medium" => "1-2 weeks", _ => "1 month" },
        });
    }
}
