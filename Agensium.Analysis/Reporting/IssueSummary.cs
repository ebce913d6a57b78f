using System.Text.Json.Nodes;

namespace Agensium.Analysis.Reporting;

/// <summary>
/// Builds issue_summary {total_issues, listed_issues, truncated, by_type, by_severity, affected_rows, affected_columns}
/// over row issue logs: listed_issues are those row_level_issues holds (AGENSIUM caps the list at 1000), truncated says
/// that some were left out of it, so a reader of the list knows it is not every removed or changed row.
/// </summary>
public static class IssueSummary
{
    /// <summary>Totals are counted before the 1000-entry cap; rows and columns are unions over the logs.</summary>
    public static JsonObject Of(IReadOnlyList<RowIssueLog> logs)
    {
        var byType = new JsonObject();
        var bySeverity = new JsonObject { ["critical"] = 0L, ["warning"] = 0L, ["info"] = 0L };
        var rows = new RowBitmap();
        var columns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var log in logs)
        {
            foreach (var (type, count) in log.ByType)
            {
                byType[type] = (byType[type]?.GetValue<long>() ?? 0) + count;
            }

            foreach (var (severity, count) in log.BySeverity)
            {
                bySeverity[severity] = (bySeverity[severity]?.GetValue<long>() ?? 0) + count;
            }

            rows.UnionWith(log.AffectedRows);
            columns.UnionWith(log.Columns);
        }

        long total = logs.Sum(l => l.Total);
        long listed = RowIssueLog.Listed(logs).Sum();
        return new JsonObject
        {
            ["total_issues"] = total,
            ["listed_issues"] = listed,
            ["truncated"] = listed < total,
            ["by_type"] = byType,
            ["by_severity"] = bySeverity,
            ["affected_rows"] = rows.Count(),
            ["affected_columns"] = columns.Count,
        };
    }
}
