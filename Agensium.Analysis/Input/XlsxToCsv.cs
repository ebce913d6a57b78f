using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Agensium.Analysis.Input;

/// <summary>
/// Converts the first worksheet of an XLSX file (also one named .xls, as the original backend tries) into a CSV
/// beside it, as AGENSIUM section 2 does: cell text as shown, dates as yyyy-MM-dd, formulas by their cached value
/// (never the formula), merged cells in their top-left cell, error values (#DIV/0!, #N/A) as empty cells, counted.
/// Streams the rows of the sheet; the result names the sheet read and the others (<see cref="SheetSource"/>).
/// </summary>
public static class XlsxToCsv
{
    /// <summary>Number formats Excel treats as dates (built-in ids).</summary>
    private static readonly HashSet<uint> BuiltInDateFormats = [14, 15, 16, 17, 22];

    /// <summary>Built-in number formats of a time of day or a duration (h:mm AM/PM, h:mm:ss, mm:ss, [h]:mm:ss, …).</summary>
    private static readonly HashSet<uint> BuiltInTimeFormats = [18, 19, 20, 21, 45, 46, 47];

    /// <summary>Writes the CSV to <paramref name="csvPath"/> and returns the input it stands for, renamed to .csv.</summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE when the file is not a readable XLSX workbook.</exception>
    public static InputFile Convert(InputFile input, string csvPath)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(input.Path, isEditable: false);
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook part");
            var sheets = workbook.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            var firstSheet = sheets.FirstOrDefault() ?? throw new InvalidDataException("no sheet");
            var sheet = (WorksheetPart)workbook.GetPartById(firstSheet.Id!.Value!);
            var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var dateStyles = DateStyles(workbook);
            long errorCells = 0;
            using (var writer = new StreamWriter(csvPath, false, new UTF8Encoding(false)))
            using (var reader = OpenXmlReader.Create(sheet))
            {
                while (reader.Read())
                {
                    if (reader.ElementType == typeof(Row) && reader.IsStartElement)
                    {
                        var row = (Row)reader.LoadCurrentElement()!;
                        errorCells += WriteRow(writer, row, strings, dateStyles);
                    }
                }
            }

            var source = new SheetSource(Path.GetFileName(input.Name), firstSheet.Name?.Value ?? "",
                [.. sheets.Skip(1).Select(s => s.Name?.Value ?? "")], errorCells);
            return new InputFile(Path.ChangeExtension(input.Name, ".csv"), csvPath) { Sheet = source };
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or ArgumentException or InvalidOperationException)
        {
            File.Delete(csvPath);
            throw new AnalysisException(AnalysisErrorCodes.InvalidInputFile,
                $"Input file '{input.Name}' is not a readable XLSX workbook (legacy binary .xls is not supported; save it as .xlsx or CSV).");
        }
    }

    // Returns the row's error cells (#DIV/0!, #N/A, …), written empty: an error is a missing value, not data.
    private static int WriteRow(StreamWriter writer, Row row, List<string> strings, Dictionary<uint, (SerialKind Kind, int Digits)> dateStyles)
    {
        var values = new List<string>();
        int errors = 0;
        foreach (var cell in row.Elements<Cell>())
        {
            var column = ColumnIndex(cell.CellReference?.Value) ?? values.Count;
            while (values.Count < column)
            {
                values.Add("");
            }
            if (cell.DataType?.Value == CellValues.Error)
            {
                errors++;
                values.Add("");
                continue;
            }

            values.Add(CellText(cell, strings, dateStyles));
        }
        writer.Write(string.Join(',', values.Select(Quote)));
        writer.Write('\n');
        return errors;
    }

    private static string CellText(Cell cell, List<string> strings, Dictionary<uint, (SerialKind Kind, int Digits)> dateStyles)
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
            if (cell.StyleIndex?.Value is { } style && dateStyles.TryGetValue(style, out var format))
            {
                if (format.Kind == SerialKind.ZeroPadded)
                {
                    return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out long whole)
                        ? whole.ToString(CultureInfo.InvariantCulture).PadLeft(format.Digits, '0') : raw;
                }

                if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && ExcelSerial.Format(serial, format.Kind) is { } text)
                {
                    return text;
                }
            }
        }
        return raw; // numbers, formula results (cached)
    }

    /// <summary>Indexes of cell formats whose number format is a date or a time, with which.</summary>
    private static Dictionary<uint, (SerialKind Kind, int Digits)> DateStyles(WorkbookPart workbook)
    {
        var styles = workbook.WorkbookStylesPart?.Stylesheet;
        var custom = new Dictionary<uint, (SerialKind Kind, int Digits)>();
        foreach (var f in styles?.NumberingFormats?.Elements<NumberingFormat>() ?? [])
        {
            if (f.NumberFormatId?.Value is { } id && KindOf(f.FormatCode?.Value) is { } kind)
            {
                custom[id] = kind;
            }
        }

        var result = new Dictionary<uint, (SerialKind Kind, int Digits)>();
        uint index = 0;
        foreach (var format in styles?.CellFormats?.Elements<CellFormat>() ?? [])
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (custom.TryGetValue(id, out var kind))
            {
                result[index] = kind;
            }
            else if (BuiltInDateFormats.Contains(id) || BuiltInTimeFormats.Contains(id))
            {
                result[index] = (BuiltInDateFormats.Contains(id) ? SerialKind.Date : SerialKind.Time, 0);
            }

            index++;
        }
        return result;
    }

    // A custom format with a day or year is a date; with hours or seconds but neither, a time; of zeros only ("00000"),
    // an integer padded to that many digits; else a plain number.
    private static (SerialKind Kind, int Digits)? KindOf(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        // Quoted text and bracketed parts ([Red], [$-409]) are not date or time codes; [h], [mm], [ss] (elapsed time) are.
        var bare = new StringBuilder();
        for (int i = 0; i < code.Length; i++)
        {
            char c = code[i];
            if (c == '"')
            {
                int close = code.IndexOf('"', i + 1);
                i = close < 0 ? code.Length : close;
            }
            else if (c == '[')
            {
                int close = code.IndexOf(']', i + 1);
                var inside = close < 0 ? "" : code[(i + 1)..close].ToLowerInvariant();
                if (inside.Length > 0 && inside.All(ch => ch == inside[0]) && inside[0] is 'h' or 'm' or 's')
                {
                    bare.Append(inside);
                }

                i = close < 0 ? code.Length : close;
            }
            else
            {
                bare.Append(char.ToLowerInvariant(c));
            }
        }

        var text = bare.ToString();
        if (text.Length >= 2 && text.All(c => c == '0'))
        {
            return (SerialKind.ZeroPadded, text.Length);
        }

        if (text.Contains('#') || (text.Contains('0') && !text.Contains('s')))
        {
            return null;
        }

        return text.Contains('d') || text.Contains('y') ? (SerialKind.Date, 0)
            : text.Contains('h') || text.Contains('s') ? (SerialKind.Time, 0)
            : null;
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

    internal static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
