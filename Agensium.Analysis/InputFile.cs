namespace Agensium.Analysis;

/// <summary>A local input file of an analysis: its original name (which decides its role) and where it lies on disk.</summary>
public sealed record InputFile(string Name, string Path)
{
    /// <summary>For a file converted to CSV (a workbook's sheet), what it was converted from; null for a file read as uploaded.</summary>
    public SheetSource? Sheet { get; init; }

    /// <summary>True for a file named as a workbook (.xlsx, .xls) that holds text, read as CSV (AGENSIUM section 2's last fallback).</summary>
    public bool WorkbookReadAsText { get; init; }

    /// <summary>The name to show in messages: the workbook and sheet for a converted sheet, else <see cref="Name"/>.</summary>
    public string DisplayName => Sheet is { } s
        ? $"{s.Workbook} [sheet {s.Name}" + (s.Ignored.Count > 0 ? $"; other sheets, not read: {string.Join(", ", s.Ignored)}]" : "]")
        : Name;
}

/// <summary>The worksheet of a workbook that was converted to CSV (the first), the ones that were not, and error cells left empty.</summary>
/// <param name="Workbook">The workbook's file name as uploaded.</param>
/// <param name="Name">The sheet read.</param>
/// <param name="Ignored">The workbook's other sheets, in order.</param>
/// <param name="ErrorCells">Cells holding an Excel error value (#DIV/0!, #N/A, …), converted as empty (missing) values.</param>
public sealed record SheetSource(string Workbook, string Name, IReadOnlyList<string> Ignored, long ErrorCells)
{
    /// <summary>Formula cells saved without a cached value (a workbook written by a program that does not calculate), read as empty.</summary>
    public long FormulasWithoutValue { get; init; }

    /// <summary>Date cells of serial 60 in the 1900 date system, written as the 1900-02-29 Excel shows (a day that never was).</summary>
    public long FictitiousLeapDays { get; init; }

    /// <summary>Date cells of serial 0 in the 1900 date system (Excel shows 1900-01-00, no date: a blank a formula returned as 0), read as empty.</summary>
    public long DayZeroDates { get; init; }

    /// <summary>The column the table starts in ("B") when the columns left of it were empty below the title lines and were left out; else null.</summary>
    public string? FirstColumn { get; init; }

    /// <summary>Rows at the foot of the table left out of the CSV (notes, a totals row: see <see cref="Input.SheetFooter"/>), in sheet order.</summary>
    public IReadOnlyList<string> FooterRows { get; init; } = [];
}
