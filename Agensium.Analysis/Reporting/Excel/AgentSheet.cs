using System.Text.Json.Nodes;

namespace Agensium.Analysis.Reporting.Excel;

/// <summary>One agent's sheet: who ran and for how long, its summary metrics, then its data laid out as tables.</summary>
internal static class AgentSheet
{
    public static IEnumerable<IReadOnlyList<object?>> Rows(AgentReport agent)
    {
        yield return [agent.AgentName, agent.AgentId];
        yield return ["Execution time (ms)", agent.ExecutionTimeMs];
        yield return ["Finished at", agent.Timestamp];
        yield return ["Row-level issues counted", agent.RowIssues.Total];
        yield return [];
        foreach (var row in JsonTableLayout.Section("Summary metrics", agent.SummaryMetrics))
        {
            yield return row;
        }

        foreach (var (key, value) in agent.Data)
        {
            yield return [];
            foreach (var row in JsonTableLayout.Section(key, value))
            {
                yield return row;
            }
        }
    }
}
