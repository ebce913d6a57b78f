using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Agensium.Scheduler.Tests.Analysis.Reporting;

/// <summary>Reads a produced .xlsx back with DocumentFormat.OpenXml: sheet names in order and each sheet's cells as text.</summary>
internal sealed class WorkbookReader
{
    private WorkbookReader(List<string> sheetNames, Dictionary<string, List<List<string>>> sheets, int formulas, List<string> cellTypes, List<string> quotePrefixed)
    {
        SheetNames = sheetNames;
        Sheets = sheets;
        FormulaCount = formulas;
        CellTypes = cellTypes;
        QuotePrefixed = quotePrefixed;
    }

    /// <summary>The text of every cell whose style has quotePrefix (Excel shows it as written and keeps it text).</summary>
    public IReadOnlyList<string> QuotePrefixed { get; }

    public IReadOnlyList<string> SheetNames { get; }

    public IReadOnlyDictionary<string, List<List<string>>> Sheets { get; }

    /// <summary>CellFormula elements found anywhere in the workbook.</summary>
    public int FormulaCount { get; }

    /// <summary>The distinct cell types used (n for numbers).</summary>
    public IReadOnlyList<string> CellTypes { get; }

    public static WorkbookReader Open(string path)
    {
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        var workbook = document.WorkbookPart!;
        var names = new List<string>();
        var sheets = new Dictionary<string, List<List<string>>>(StringComparer.Ordinal);
        int formulas = 0;
        var types = new HashSet<string>(StringComparer.Ordinal);
        var quotePrefixed = new List<string>();
        var formats = workbook.WorkbookStylesPart?.Stylesheet.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            formulas += part.Worksheet.Descendants<CellFormula>().Count();
            var rows = new List<List<string>>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                while (rows.Count < row.RowIndex!.Value - 1)
                {
                    rows.Add([]);
                }

                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    types.Add(cell.DataType is null ? "n" : cell.DataType.Value == CellValues.InlineString ? "inlineStr"
                        : cell.DataType.Value == CellValues.Boolean ? "b" : cell.DataType.Value == CellValues.String ? "str" : "other");
                    int column = ColumnIndex(cell.CellReference!.Value!);
                    while (cells.Count < column)
                    {
                        cells.Add("");
                    }

                    cells.Add(cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? "");
                    if (cell.StyleIndex?.Value is { } style && style < formats.Count && formats[(int)style].QuotePrefix?.Value == true)
                    {
                        quotePrefixed.Add(cells[^1]);
                    }
                }

                rows.Add(cells);
            }

            names.Add(sheet.Name!.Value!);
            sheets[sheet.Name!.Value!] = rows;
        }

        return new WorkbookReader(names, sheets, formulas, [.. types], quotePrefixed);
    }

    /// <summary>The first row of a sheet whose first cell equals <paramref name="label"/>.</summary>
    public List<string> RowStartingWith(string sheet, string label) =>
        Sheets[sheet].First(r => r.Count > 0 && r[0] == label);

    private static int ColumnIndex(string reference)
    {
        int index = 0;
        foreach (char c in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }

    /// <summary>Schema errors DocumentFormat.OpenXml's validator finds in the file (none means Excel can open it without repair).</summary>
    public static List<string> ValidationErrors(string path)
    {
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        return [.. new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}")];
    }

    public IEnumerable<string> AllText() => Sheets.Values.SelectMany(s => s).SelectMany(r => r);
}
