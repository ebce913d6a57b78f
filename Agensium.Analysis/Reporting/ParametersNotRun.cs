using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Reporting;

/// <summary>
/// Names, in the report's metadata, the agents of this tool that parameters.json gives parameters for but that this run
/// did not include (an --agents selection, or drift-detector without a baseline): their parameters were neither checked
/// nor used, which a user tuning them should be told rather than find out from unchanged figures.
/// </summary>
public static class ParametersNotRun
{
    /// <summary>Adds <c>metadata.parameters_for_agents_not_run</c> when there are such agents.</summary>
    public static void Note(JsonObject report, ToolParameters parameters, IReadOnlyCollection<string> agentsRun)
    {
        var notRun = parameters.AgentIds.Where(id => !agentsRun.Contains(id, StringComparer.Ordinal)).ToList();
        if (notRun.Count > 0)
        {
            report["metadata"]!["parameters_for_agents_not_run"] = new JsonObject
            {
                ["agents"] = new JsonArray([.. notRun.Select(id => (JsonNode)id)]),
                ["note"] = "parameters.json gives these agents parameters, but this run did not include them: the parameters were neither checked nor used",
            };
        }
    }
}
