namespace Agensium.Analysis.Clean;

/// <summary>
/// What an agent that rewrites a date column says about the order it read its numeric dates in (<see cref="DateOrderCounts.Finding"/>:
/// mixed_date_order or ambiguous_date_order). Whichever agent rewrites the column first says it: after it the dates are
/// ISO and the order can no longer be seen.
/// </summary>
internal static class DateOrderFindings
{
    public static void Report(CleanReport report, ColumnStats s)
    {
        if (s.DateOrders.Finding(s.Name) is { } finding)
        {
            report.Findings.Issue(s.Name, finding.Type, "medium", finding.Message, finding.Recommendation);
        }
    }
}
