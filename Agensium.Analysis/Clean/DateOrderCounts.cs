namespace Agensium.Analysis.Clean;

/// <summary>
/// What a column's numeric dates say about their order, and the order they are read in: x/y/yyyy (or x-y-yyyy) dates
/// that can only be day-first, only month-first, or either (<see cref="DateValues.OrderOf"/>), and dotted d.M.yyyy dates,
/// always read day-first (<see cref="DateValues.IsDotted"/>). One rule for every agent that rewrites dates.
/// </summary>
internal readonly record struct DateOrderCounts(long DayFirstDates, long MonthFirstDates, long AmbiguousDates, long DottedDates)
{
    /// <summary>True when the x/y/yyyy dates are day-first: some can only be read so and none only month-first.</summary>
    public bool DayFirst => DayFirstDates > 0 && MonthFirstDates == 0;

    /// <summary>True when some x/y/yyyy dates can only be day-first and others only month-first: the ambiguous ones are read month-first.</summary>
    public bool Mixed => DayFirstDates > 0 && MonthFirstDates > 0;

    /// <summary>
    /// The order the numeric dates were read in, for reports: day_first when the x/y/yyyy dates are, or when all numeric
    /// dates are dotted ones; month_first otherwise; null when there are no numeric dates (ISO, month names): no order was read.
    /// </summary>
    public string? OrderRead =>
        DayFirstDates + MonthFirstDates + AmbiguousDates + DottedDates == 0 ? null
        : DayFirst || (DottedDates > 0 && DayFirstDates + MonthFirstDates + AmbiguousDates == 0) ? "day_first" : "month_first";

    /// <summary>"day_first" when x/y/yyyy dates were read month-first beside dotted ones, read day-first: two orders in one column; else null.</summary>
    public string? DottedOrder => DottedDates > 0 && OrderRead == "month_first" ? "day_first" : null;

    /// <summary>Counts one date-like <paramref name="value"/> (already known to parse as a date) <paramref name="times"/> times.</summary>
    public DateOrderCounts With(string value, long times)
    {
        var order = DateValues.OrderOf(value);
        return new(DayFirstDates + (order == DateOrder.DayFirst ? times : 0), MonthFirstDates + (order == DateOrder.MonthFirst ? times : 0),
            AmbiguousDates + (order == DateOrder.Ambiguous ? times : 0), DottedDates + (DateValues.IsDotted(value) ? times : 0));
    }

    /// <summary>
    /// The issue a rewrite of column <paramref name="column"/> owes the user, if any: both orders among its x/y/yyyy dates
    /// (mixed_date_order); x/y/yyyy dates that can only be month-first beside dotted ones read day-first (mixed_date_order
    /// too); or only dates either order would read (01/02/2024) read month-first, pandas' default (ambiguous_date_order).
    /// Each names the dotted dates read day-first beside x/y/yyyy dates read month-first.
    /// </summary>
    public (string Type, string Message, string Recommendation)? Finding(string column)
    {
        string dotted = DottedOrder is null ? "" : $"; its {DottedDates} dotted date(s) (d.M.yyyy, such as 31.12.2024) were read day-first";
        if (Mixed)
        {
            return ("mixed_date_order",
                $"'{column}' has {DayFirstDates} date(s) that can only be day-first and {MonthFirstDates} that can only be month-first; the ambiguous ones were read month-first{dotted}",
                $"Write the dates of '{column}' in one order (ISO yyyy-MM-dd) at the source.");
        }

        if (AmbiguousDates > 0 && DayFirstDates == 0 && MonthFirstDates == 0)
        {
            return ("ambiguous_date_order",
                $"'{column}' has {AmbiguousDates} date(s) such as 01/02/2024 that are another date read day-first, and none that shows the order; they were read month-first{dotted}",
                $"Check that the dates of '{column}' are month-first, or write them as ISO yyyy-MM-dd at the source.");
        }

        return DottedOrder is null ? null : ("mixed_date_order",
            $"'{column}' holds dates in two orders: {MonthFirstDates} x/y/yyyy date(s) that can only be month-first (such as 12/31/2024), so its x/y/yyyy dates were read month-first{dotted}",
            $"Write the dates of '{column}' in one order (ISO yyyy-MM-dd) at the source, or check which order each source wrote.");
    }
}
