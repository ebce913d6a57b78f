namespace Agensium.Analysis.Clean;

/// <summary>
/// What an agent that rewrites a date column says about the order it read its numeric dates in: both orders among its
/// x/y/yyyy dates (mixed_date_order); x/y/yyyy dates that can only be month-first beside dotted d.M.yyyy ones, which are
/// always read day-first (mixed_date_order too: two orders in one column); or only dates either order would read
/// (01/02/2024, and nothing in the column tells which) read month-first, pandas' default (ambiguous_date_order). Each
/// names the dotted dates read day-first beside x/y/yyyy dates read month-first. Whichever agent rewrites the column
/// first says it: after it the dates are ISO and the order can no longer be seen.
/// </summary>
internal static class DateOrderFindings
{
    public static void Report(CleanReport report, ColumnStats s)
    {
        string dotted = s.DottedDateOrder is null ? ""
            : $"; its {s.DottedDates} dotted date(s) (d.M.yyyy, such as 31.12.2024) were read day-first";
        if (s.MixedDateOrder)
        {
            report.Findings.Issue(s.Name, "mixed_date_order", "medium",
                $"'{s.Name}' has {s.DayFirstDates} date(s) that can only be day-first and {s.MonthFirstDates} that can only be month-first; the ambiguous ones were read month-first{dotted}",
                $"Write the dates of '{s.Name}' in one order (ISO yyyy-MM-dd) at the source.");
        }
        else if (s.AmbiguousOrderDates > 0 && s.DayFirstDates == 0 && s.MonthFirstDates == 0)
        {
            report.Findings.Issue(s.Name, "ambiguous_date_order", "medium",
                $"'{s.Name}' has {s.AmbiguousOrderDates} date(s) such as 01/02/2024 that are another date read day-first, and none that shows the order; they were read month-first{dotted}",
                $"Check that the dates of '{s.Name}' are month-first, or write them as ISO yyyy-MM-dd at the source.");
        }
        else if (s.DottedDateOrder is not null)
        {
            report.Findings.Issue(s.Name, "mixed_date_order", "medium",
                $"'{s.Name}' holds dates in two orders: {s.MonthFirstDates} x/y/yyyy date(s) that can only be month-first (such as 12/31/2024), so its x/y/yyyy dates were read month-first{dotted}",
                $"Write the dates of '{s.Name}' in one order (ISO yyyy-MM-dd) at the source, or check which order each source wrote.");
        }
    }
}
