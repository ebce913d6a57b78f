using System.Text.Json.Nodes;

namespace Agensium.Analysis.Reporting.Excel;

/// <summary>The Summary sheet: the run (tool, task, time), its input files, one line per agent run (rows, columns, scores, failures), totals and the executive cards.</summary>
internal static class SummarySheet
{
    public static IEnumerable<IReadOnlyList<object?>> Rows(JsonObject report, IReadOnlyList<AgentReport> succeeded, IReadOnlyList<ReportInput> inputs)
    {
        var metadata = report["metadata"]!.AsObject();
        var failed = metadata["failed_agents"]?.AsArray() ?? [];
        yield return ["Agensium analysis report"];
        yield return ["tool", metadata["tool"]];
        yield return ["analysis id", metadata["analysis_id"]];
        yield return ["generated at", metadata["timestamp"]];
        yield return ["execution time (ms)", metadata["execution_time_ms"]];
        yield return ["agents run", succeeded.Count + failed.Count];
        yield return ["agents succeeded", succeeded.Count];
        yield return ["agents failed", failed.Count];
        yield return [];
        yield return ["Input files"];
        yield return ["file", "role", "size (bytes)"];
        foreach (var input in inputs)
        {
            yield return [input.Name, input.Role, input.SizeBytes];
        }

        yield return [];
        yield return ["Agents"];
        yield return ["agent", "name", "status", "execution time (ms)", "rows", "columns", "row-level issues counted", "row-level issues listed", "error code", "error"];
        int[] listed = RowIssueLog.Listed([.. succeeded.Select(a => a.RowIssues)]);
        foreach (var (agent, i) in succeeded.Select((a, i) => (a, i)))
        {
            var m = agent.SummaryMetrics;
            yield return [agent.AgentId, agent.AgentName, "success", agent.ExecutionTimeMs,
                agent.InputRows ?? (object?)(m["total_rows"] ?? m["rows_before"] ?? m["total_records"] ?? m["total_input_records"]),
                agent.InputColumns ?? (object?)(m["total_columns"] ?? m["columns"]), agent.RowIssues.Total, listed[i], null, null];
        }

        foreach (var failure in failed)
        {
            yield return [failure?["agent_id"], null, "error", null, null, null, null, null, failure?["error_code"], failure?["error"]];
        }

        foreach (var skipped in metadata["skipped_agents"]?.AsArray() ?? [])
        {
            yield return [skipped?["agent_id"], null, "skipped", null, null, null, null, null, null, skipped?["reason"]];
        }

        yield return [];
        yield return ["Scores"];
        yield return ["agent", "metric", "value"];
        foreach (var agent in succeeded)
        {
            foreach (var (key, value) in agent.SummaryMetrics.Where(p => IsScore(p.Key)))
            {
                yield return [agent.AgentId, key, value];
            }
        }

        foreach (var row in JsonTableLayout.Section("Totals", report["summary"]).Prepend([]))
        {
            yield return row;
        }

        foreach (var row in JsonTableLayout.Section("Executive summary", report["executive_summary"]).Prepend([]))
        {
            yield return row;
        }
    }

    private static bool IsScore(string key) =>
        key.Contains("score", StringComparison.Ordinal) || key.Contains("grade", StringComparison.Ordinal) || key.EndsWith("_status", StringComparison.Ordinal);
}
