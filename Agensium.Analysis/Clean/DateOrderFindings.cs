namespace Agensium.Analysis.Clean;

/// <summary>
/// What an agent that rewrites a date column says about the order it read x/y/yyyy dates in: both orders in one column
/// (mixed_date_order), or only dates either order would read (01/02/2024, and nothing in the column tells which) read
/// month-first, pandas' default (ambiguous_date_order). Whichever agent rewrites the column first says it: after it the
/// dates are ISO and the order can no longer be seen.
/// </summary>
internal static class DateOrderFindings
{
    public static void Report(CleanReport report, ColumnStats s)
    {
        if (s.MixedDateOrder)
        {
            report.Findings.Issue(s.Name, "mixed_date_order", "medium",
                $"'{s.Name}' has {s.DayFirstDates} date(s) that can only be day-first and {s.MonthFirstDates} that can only be month-first; the ambiguous ones were read month-first",
                $"Write the dates of '{s.Name}' in one order (ISO yyyy-MM-dd) at the source.");
        }
        else if (s.AmbiguousOrderDates > 0 && s.DayFirstDates == 0 && s.MonthFirstDates == 0)
        {
            report.Findings.Issue(s.Name, "ambiguous_date_order", "medium",
                $"'{s.Name}' has {s.AmbiguousOrderDates} date(s) such as 01/02/2024 that are another date read day-first, and none that shows the order; they were read month-first",
                $"Check that the dates of '{s.Name}' are month-first, or write them as ISO yyyy-MM-dd at the source.");
        }
    }
}
