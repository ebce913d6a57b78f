using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Agensium.Analysis.Input;

/// <summary>
/// Converts the first worksheet of an XLSX file (also one named .xls, as the original backend tries) into a CSV
/// beside it, as AGENSIUM section 2 does: cell text as shown, dates as yyyy-MM-dd, formulas by their cached value
/// (never the formula), merged cells in their top-left cell. Streams the rows of the sheet.
/// </summary>
public static class XlsxToCsv
{
    /// <summary>Number formats Excel treats as dates (built-in ids).</summary>
    private static readonly HashSet<uint> BuiltInDateFormats = [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47];

    /// <summary>Writes the CSV to <paramref name="csvPath"/> and returns the input it stands for, renamed to .csv.</summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE when the file is not a readable XLSX workbook.</exception>
    public static InputFile Convert(InputFile input, string csvPath)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(input.Path, isEditable: false);
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook part");
            var firstSheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("no sheet");
            var sheet = (WorksheetPart)workbook.GetPartById(firstSheet.Id!.Value!);
            var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var dateStyles = DateStyles(workbook);
            using var writer = new StreamWriter(csvPath, false, new UTF8Encoding(false));
            using var reader = OpenXmlReader.Create(sheet);
            while (reader.Read())
            {
                if (reader.ElementType == typeof(Row) && reader.IsStartElement)
                {
                    var row = (Row)reader.LoadCurrentElement()!;
                    WriteRow(writer, row, strings, dateStyles);
                }
            }
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or ArgumentException or InvalidOperationException)
        {
            File.Delete(csvPath);
            throw new AnalysisException(AnalysisErrorCodes.InvalidInputFile,
                $"Input file '{input.Name}' is not a readable XLSX workbook (legacy binary .xls is not supported; save it as .xlsx or CSV).");
        }
        return new InputFile(Path.ChangeExtension(input.Name, ".csv"), csvPath);
    }

    private static void WriteRow(StreamWriter writer, Row row, List<string> strings, HashSet<uint> dateStyles)
    {
        var values = new List<string>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = ColumnIndex(cell.CellReference?.Value) ?? values.Count;
            while (values.Count < column)
            {
                values.Add("");
            }
            values.Add(CellText(cell, strings, dateStyles));
        }
        writer.Write(string.Join(',', values.Select(Quote)));
        writer.Write('\n');
    }

    private static string CellText(Cell cell, List<string> strings, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, out var i) && i >= 0 && i < strings.Count ? strings[i] : "";
        }
        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }
        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }
        if (type is null || type == CellValues.Number)
        {
            if (cell.StyleIndex?.Value is { } style && dateStyles.Contains(style)
                && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
            {
                var date = DateTime.FromOADate(serial);
                return date.TimeOfDay == TimeSpan.Zero
                    ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            }
        }
        return raw; // numbers, formula results (cached), error values
    }

    /// <summary>Indexes of cell formats whose number format is a date.</summary>
    private static HashSet<uint> DateStyles(WorkbookPart workbook)
    {
        var styles = workbook.WorkbookStylesPart?.Stylesheet;
        var custom = styles?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null && LooksLikeDate(f.FormatCode?.Value))
            .Select(f => f.NumberFormatId!.Value).ToHashSet() ?? [];
        var result = new HashSet<uint>();
        uint index = 0;
        foreach (var format in styles?.CellFormats?.Elements<CellFormat>() ?? [])
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (BuiltInDateFormats.Contains(id) || custom.Contains(id))
            {
                result.Add(index);
            }
            index++;
        }
        return result;
    }

    private static bool LooksLikeDate(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }
        var bare = new StringBuilder();
        var quoted = false;
        foreach (var c in code)
        {
            if (c == '"') { quoted = !quoted; continue; }
            if (!quoted) { bare.Append(char.ToLowerInvariant(c)); }
        }
        var text = bare.ToString();
        return (text.Contains('d') || text.Contains('y')) && !text.Contains('#') && !text.Contains('0');
    }

    /// <summary>"C12" → 2 (zero-based column).</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }
        var index = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }
            index = (index * 26) + (c - 'A' + 1);
            letters++;
        }
        return letters == 0 ? null : index - 1;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
