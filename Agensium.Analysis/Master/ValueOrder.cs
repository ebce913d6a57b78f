namespace Agensium.Analysis.Master;

/// <summary>
/// The order of two cells of one column, as survivorship min/max and stewardship's business rules compare them: as
/// amounts when both are (<see cref="Amounts"/>, in the column's number notation: "$1,200.00" &gt; "900" and, in a
/// column that writes decimal commas, "12,50" &gt; "3,75"), else as dates when both are (day-first when the column's
/// dates are: "15/01/2024" &gt; "31/12/2023"), else as ordinal text.
/// </summary>
internal readonly record struct ValueOrder(Clean.ColumnNotation Numbers, bool DayFirst)
{
    /// <summary>The order of <paramref name="column"/>'s cells (its notation and date order are judged once, then kept).</summary>
    public static ValueOrder Of(MasterColumn column) => new(column.NumberNotation, column.DayFirstDates);

    /// <summary>Reads a cell of the column as an amount.</summary>
    public bool TryAmount(string text, out double value) => Amounts.TryRead(text, Numbers, out value);

    /// <summary>Negative, zero or positive as <paramref name="a"/> comes before, with or after <paramref name="b"/>.</summary>
    public int Compare(string a, string b) =>
        TryAmount(a, out double x) && TryAmount(b, out double y) ? x.CompareTo(y)
        : Clean.DateValues.TryParseMoment(a, out var da, DayFirst) && Clean.DateValues.TryParseMoment(b, out var db, DayFirst) ? da.CompareTo(db)
        : string.CompareOrdinal(a.Trim(), b.Trim());
}
