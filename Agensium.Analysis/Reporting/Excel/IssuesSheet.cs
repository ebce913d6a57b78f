namespace Agensium.Analysis.Reporting.Excel;

/// <summary>One row per finding across agents: each agent's issues, then its row-level issues (the entries its report keeps).</summary>
internal static class IssuesSheet
{
    public static readonly IReadOnlyList<object?> Header = ["agent", "kind", "severity", "issue type", "column", "row index (0-based)", "message", "value"];

    public static IEnumerable<IReadOnlyList<object?>> Rows(IReadOnlyList<AgentReport> agents)
    {
        yield return Header;
        foreach (var agent in agents)
        {
            foreach (var issue in agent.Issues)
            {
                yield return [agent.AgentId, "issue", issue?["severity"], issue?["issue_type"], issue?["field_name"], null, issue?["message"], null];
            }

            foreach (var entry in agent.RowIssues.Kept)
            {
                yield return [agent.AgentId, "row", entry["severity"], entry["issue_type"], entry["column"], entry["row_index"], entry["message"], entry["value"]];
            }
        }
    }
}
