namespace Agensium.Analysis.Clean;

/// <summary>Which order a numeric date (x/y/yyyy) can only be read in, if any.</summary>
public enum DateOrder
{
    /// <summary>Not such a date (ISO, month names, …): the order is not in question.</summary>
    Unknown,

    /// <summary>Month first (the second number is above 12).</summary>
    MonthFirst,

    /// <summary>Day first (the first number is above 12).</summary>
    DayFirst,

    /// <summary>Either order gives a different date (01/02/2021: 2 January or 1 February).</summary>
    Ambiguous,
}
