using System.Text.Json.Nodes;

namespace Agensium.Analysis.Reporting;

/// <summary>An executive summary card {summary_id, title, value, status, description}.</summary>
internal static class ExecutiveCard
{
    public static JsonObject Create(string id, string title, string value, string status, string description) => new()
    {
        ["summary_id"] = id,
        ["title"] = title,
        ["value"] = value,
        ["status"] = status,
        ["description"] = description,
    };
}
