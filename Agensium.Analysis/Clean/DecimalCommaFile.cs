namespace Agensium.Analysis.Clean;

/// <summary>
/// Whether a file writes its numbers with a decimal comma, judged over the whole file as type-fixer judges it: a number
/// column shows decimal commas ("0,5", "12,50", "1.234,56") and no column says otherwise (US groups such as "1,200",
/// '.' decimals such as "1.5"). In such a file '.' is a thousands separator, so "1.500" is fifteen hundred in every
/// number column, also one that writes no comma itself. type-fixer rewrites the numbers so; quarantine-agent reads them so.
/// </summary>
internal static class DecimalCommaFile
{
    /// <summary>
    /// What a column says of the file's notation. "1,500" (one group of three digits) says US groups in a column that
    /// shows nothing else, but in a column that writes decimal commas ("1,5", "2,25") it is one of them (3.125 beside
    /// them, as master-my-data and drift-detector read a column): there it does not contradict the column's own notation.
    /// </summary>
    public static NotationCounts ColumnCounts(ColumnStats s, double numericThreshold, bool semicolonFile) =>
        TypeFix.CommaReading(s) is var comma && CommaNotation.Shows(comma, IdentifierColumns.Holds(s), numericThreshold, semicolonFile) ? comma : s.Notation;

    /// <summary>True when the columns of <paramref name="stats"/> show decimal commas and none contradicts them.</summary>
    /// <param name="stats">Every column of the file.</param>
    /// <param name="numericThreshold">Share (%) of a column's values that must be numbers so read (type-fixer's numeric_threshold).</param>
    /// <param name="semicolonFile">True when the task's file is ';'-delimited, which leans to decimal commas.</param>
    public static bool Shows(IReadOnlyList<ColumnStats> stats, double numericThreshold, bool semicolonFile) =>
        CommaNotation.FileShows([.. stats.Select(s => (ColumnCounts(s, numericThreshold, semicolonFile), IdentifierColumns.Holds(s)))], numericThreshold, semicolonFile);

    /// <summary>
    /// The file's number notation as type-fixer decides its conversions (<see cref="TypeFix.Decide"/>): decimal commas
    /// (<see cref="Shows"/>), else US thousands groups when any column writes them ("42,866.56": "1,500" is then fifteen
    /// hundred everywhere).
    /// </summary>
    public static (bool DecimalComma, bool UsGroups) Judge(IReadOnlyList<ColumnStats> stats, double numericThreshold, bool semicolonFile)
    {
        bool decimalComma = Shows(stats, numericThreshold, semicolonFile);
        return (decimalComma, !decimalComma && stats.Any(s => s.GroupedNumbers > 0));
    }
}
