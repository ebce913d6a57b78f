namespace Agensium.Analysis.Clean;

/// <summary>Which order a numeric date (x/y/yyyy) can only be read in.</summary>
public enum DateOrder
{
    /// <summary>Either order, or not such a date.</summary>
    Unknown,

    /// <summary>Month first (the second number is above 12).</summary>
    MonthFirst,

    /// <summary>Day first (the first number is above 12).</summary>
    DayFirst,
}
