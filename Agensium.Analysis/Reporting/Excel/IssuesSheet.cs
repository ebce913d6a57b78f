namespace Agensium.Analysis.Reporting.Excel;

/// <summary>
/// The findings sheets: "Issues" (each agent's column-level issues) and "Row-Level Issues" (the row entries each agent's
/// report keeps, as many as the JSON report lists: 1000 in all), one row per finding, agents in run order (AGENSIUM section 4).
/// </summary>
internal static class IssuesSheet
{
    public static readonly IReadOnlyList<object?> Header = ["agent", "severity", "issue type", "column", "message"];

    public static readonly IReadOnlyList<object?> RowHeader = ["agent", "severity", "issue type", "column", "row index (0-based)", "message", "value"];

    public static IEnumerable<IReadOnlyList<object?>> Rows(IReadOnlyList<AgentReport> agents)
    {
        yield return Header;
        foreach (var agent in agents)
        {
            foreach (var issue in agent.Issues)
            {
                yield return [agent.AgentId, issue?["severity"], issue?["issue_type"], issue?["field_name"], issue?["message"]];
            }
        }
    }

    public static IEnumerable<IReadOnlyList<object?>> RowLevelRows(IReadOnlyList<AgentReport> agents)
    {
        yield return RowHeader;
        int[] listed = RowIssueLog.Listed([.. agents.Select(a => a.RowIssues)]);
        for (int i = 0; i < agents.Count; i++)
        {
            var agent = agents[i];
            foreach (var entry in agent.RowIssues.Kept.Take(listed[i]))
            {
                yield return [agent.AgentId, entry["severity"], entry["issue_type"], entry["column"], entry["row_index"], entry["message"], entry["value"]];
            }
        }

        long shown = listed.Sum();
        long left = agents.Sum(a => a.RowIssues.Total) - shown;
        if (left > 0)
        {
            yield return [null, null, null, null, null,
                $"{left:N0} more row issue(s) are not listed: the report lists the first {shown:N0} (issue_summary.total_issues counts them all).", null];
        }
    }
}
