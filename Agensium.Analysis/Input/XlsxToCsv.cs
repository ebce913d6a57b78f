using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Agensium.Analysis.Input;

/// <summary>
/// Converts the first worksheet of an XLSX file (also one named .xls, as the original backend tries) into a CSV
/// beside it, as AGENSIUM section 2 does: cell text as shown (<see cref="XlsxStrings"/>), dates as yyyy-MM-dd in the
/// workbook's date system (1900 or 1904), formulas by their cached value (never the formula; one without a cached value
/// is empty, counted), a merged area's value in its first cell and the others empty (<see cref="MergedAreas"/>), error
/// values (#DIV/0!, #N/A) and date cells of serial 0 (Excel's 1900-01-00, no date) as empty cells, counted. The sheet read is the first worksheet the user sees: chart sheets
/// are not tables, and a hidden sheet (a lookup list) is passed over while a visible worksheet follows.
/// A cell with only a format (a border, a fill) and no value is no data: rows are as wide as their last value, and the
/// header widened by the columns right of it that hold values in at least half the table's rows (a column whose header
/// cell is empty or merged away keeps its values; a note beside the table stays an extra field of its row).
/// Streams the rows of the sheet; the result names the sheet read and the others (<see cref="SheetSource"/>).
/// </summary>
public static class XlsxToCsv
{
    /// <summary>Number formats Excel treats as dates (built-in ids).</summary>
    /// <remarks>27–31, 36 and 50–54, 57, 58 are the dates of Chinese, Japanese and Korean Excel, which writes no format code for them.</remarks>
    private static readonly HashSet<uint> BuiltInDateFormats = [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58];

    /// <summary>Built-in number formats of a time of day or a duration (h:mm AM/PM, h:mm:ss, mm:ss, [h]:mm:ss, …; 32–35, 55, 56 in East Asian Excel).</summary>
    private static readonly HashSet<uint> BuiltInTimeFormats = [18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56];

    /// <summary>The built-in [h]:mm:ss: elapsed time in total hours, not a time of day.</summary>
    private const uint ElapsedHours = 46;

    /// <summary>A sheet may expand to this many times its workbook's size as CSV (at least <see cref="MinExpansionCap"/>).</summary>
    public const int MaxExpansion = 100;

    /// <summary>The least cap on a sheet's CSV, whatever the workbook's size.</summary>
    public const long MinExpansionCap = 1L << 30;

    /// <summary>
    /// Writes the CSV to <paramref name="csvPath"/> and returns the input it stands for, renamed to .csv. The CSV may
    /// not pass <paramref name="maxBytes"/> (default: <see cref="MaxExpansion"/> times the workbook, at least
    /// <see cref="MinExpansionCap"/>): an 8.5 MB workbook of 250 million repeated cells is valid and would expand to
    /// 34 GB, filling a node's disk (an outside probe saw it grow at 2.5 MB/s until the hard time limit).
    /// </summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE when the file is not a readable XLSX workbook, or its sheet expands past the cap.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled (a time limit, a cancel); checked every row.</exception>
    /// <exception cref="IOException">When the CSV cannot be written (no space left on the device): the local disk's failure, not the workbook's; no CSV is left.</exception>
    public static InputFile Convert(InputFile input, string csvPath, long? maxBytes = null, CancellationToken cancellationToken = default)
    {
        long cap = maxBytes ?? MinExpansionCap;
        try
        {
            cap = maxBytes ?? Math.Max(MinExpansionCap, new FileInfo(input.Path).Length * MaxExpansion);
            using var document = SpreadsheetDocument.Open(input.Path, isEditable: false);
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("it has no workbook part");
            var sheets = workbook.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            if (sheets.Count == 0)
            {
                throw new InvalidDataException("it has no sheet");
            }

            var (firstSheet, sheet) = SheetToRead(workbook, sheets);
            var book = new BookFormats(
                workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(XlsxStrings.Of).ToList() ?? [],
                ShownStyles(workbook),
                workbook.Workbook.WorkbookProperties?.Date1904?.Value == true);
            // Merged areas are stored after the rows: a sheet that has some is written again with their hidden cells empty
            // (report-like sheets are small; a large data sheet seldom has any and is read once).
            var counts = new CellCounts();
            var written = WriteSheet(sheet, csvPath, book, new MergedAreas([]), counts, cap, skipColumns: 0, cancellationToken: cancellationToken);
            var mergeReferences = written.MergeReferences;
            if (mergeReferences.Count > 0)
            {
                counts = new CellCounts();
                written = WriteSheet(sheet, csvPath, book, new MergedAreas(mergeReferences), counts, cap, skipColumns: 0, cancellationToken: cancellationToken);
            }

            // A table placed right of column A (a report sheet with its title in A1 and the table from B3) is written from
            // its first column: an empty column A would otherwise hide the header under the title (a header names every column).
            // Columns right of the header that most rows fill (the header cell of the last column empty, or merged away)
            // widen the header: the column is kept with a name of its own, as pandas keeps "Unnamed: 3", instead of its
            // values being dropped as extra fields of every row.
            if (written.TableFirstColumn > 0 || written.TableWidth > written.HeaderWidth)
            {
                counts = new CellCounts();
                // A new MergedAreas: one is used up as the rows go by.
                written = WriteSheet(sheet, csvPath, book, new MergedAreas(mergeReferences), counts, cap, written.TableFirstColumn, written.TableWidth, cancellationToken) with
                {
                    TableFirstColumn = written.TableFirstColumn,
                };
            }

            var source = new SheetSource(Path.GetFileName(input.Name), firstSheet.Name?.Value ?? "",
                [.. sheets.Where(s => !ReferenceEquals(s, firstSheet)).Select(s => s.Name?.Value ?? "")], counts.Errors)
            {
                FormulasWithoutValue = counts.FormulasWithoutValue,
                FictitiousLeapDays = counts.FictitiousLeapDays,
                DayZeroDates = counts.DayZeroDates,
                FirstColumn = written.TableFirstColumn > 0 ? CellReference.ColumnName(written.TableFirstColumn) : null,
                FooterRows = written.FooterRows,
            };
            return new InputFile(Path.ChangeExtension(input.Name, ".csv"), csvPath) { Sheet = source };
        }
        catch (OperationCanceledException)
        {
            File.Delete(csvPath);
            throw;
        }
        catch (SheetTooLargeException)
        {
            File.Delete(csvPath);
            throw new AnalysisException(AnalysisErrorCodes.InvalidInputFile,
                $"Input file '{input.Name}': its sheet expands to more than {cap / (1024 * 1024)} MB of CSV ({MaxExpansion} times the workbook, at least {MinExpansionCap >> 30} GB), which is not read; export the sheet as CSV or split it.");
        }
        catch (Exception e) when (LocalWriteStream.IsItsFailure(e))
        {
            // The CSV's own file failed (no space left on the device, its folder removed): the local disk's failure, passed
            // on as it is (STORAGE_ERROR). It was caught with the package's IOExceptions below and reported as a damaged
            // workbook, INVALID_INPUT_FILE (s44 review).
            File.Delete(csvPath);
            throw;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or ArgumentException
            or InvalidOperationException or XmlException or KeyNotFoundException)
        {
            File.Delete(csvPath);
            throw new AnalysisException(AnalysisErrorCodes.InvalidInputFile, !IsLegacyXls(input.Path)
                ? OtherOfficeDocument(input.Path) is { } other
                    ? $"Input file '{input.Name}' is {other} saved under a workbook's name, not a workbook; save the table as .xlsx or CSV."
                    : $"Input file '{input.Name}' is not a readable XLSX workbook: {Reason(e)}"
                : IsEncrypted(input.Path)
                    ? $"Input file '{input.Name}' is a password-protected (encrypted) workbook, which cannot be read; remove the password in Excel (File > Info > Protect Workbook) and upload it again."
                    : $"Input file '{input.Name}' is a legacy binary Excel workbook (.xls), which is not supported; save it as .xlsx or CSV.");
        }
    }

    // The first worksheet a user sees: chart and dialog sheets hold no table, a hidden sheet comes after any visible
    // one (Excel opens on a visible sheet; a veryHidden one cannot even be shown), and a sheet without a single cell
    // (the empty "Sheet1" left in front of the data) after any that has one.
    private static (Sheet Sheet, WorksheetPart Part) SheetToRead(WorkbookPart workbook, List<Sheet> sheets)
    {
        var worksheets = sheets
            .Select(s => (Sheet: s, Part: s.Id?.Value is { } id ? workbook.GetPartById(id) as WorksheetPart : null))
            .Where(s => s.Part is not null)
            .ToList();
        if (worksheets.Count == 0)
        {
            throw new InvalidDataException("it has no worksheet (only chart sheets)");
        }

        var visible = worksheets.Where(s => s.Sheet.State is null || s.Sheet.State.Value == SheetStateValues.Visible).ToList();
        var chosen = visible.FirstOrDefault(s => HasCells(s.Part!));
        chosen = chosen.Part is not null ? chosen : visible.FirstOrDefault();
        return chosen.Part is null ? (worksheets[0].Sheet, worksheets[0].Part!) : (chosen.Sheet, chosen.Part);
    }

    // Whether the sheet stores a cell with a value, read up to the first one.
    private static bool HasCells(WorksheetPart part)
    {
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.IsStartElement && (reader.ElementType == typeof(CellValue) || reader.ElementType == typeof(InlineString)))
            {
                return true;
            }
        }

        return false;
    }

    // Writes the sheet's rows as CSV, the cells hidden by merged areas empty and the first skipColumns columns left out
    // (a value there, in a title line above the table, is moved right to stay the line's text); returns the merged
    // areas the sheet lists and the first column the table uses (see TableStart).
    private static SheetWrite WriteSheet(WorksheetPart sheet, string csvPath, BookFormats book, MergedAreas merged, CellCounts counts, long maxBytes, int skipColumns, int tableWidth = 0,
        CancellationToken cancellationToken = default)
    {
        var mergeReferences = new List<string>();
        var table = new TableStart();
        var footer = new SheetFooter();
        long position = 0; // bytes written: where each row starts, so the rows at the table's foot can be cut off
        using var writer = new StreamWriter(LocalWriteStream.Create(csvPath), new UTF8Encoding(false));
        using var reader = OpenXmlReader.Create(sheet);
        int rowNumber = 0;
        var values = new List<string>();
        while (reader.Read())
        {
            if (!reader.IsStartElement)
            {
                continue;
            }

            if (reader.ElementType == typeof(Row))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var row = (Row)reader.LoadCurrentElement()!;
                rowNumber = row.RowIndex?.Value is uint index && index > rowNumber ? (int)index : rowNumber + 1;
                merged.Enter(rowNumber);
                ReadRow(values, row, rowNumber, book, merged, counts);
                bool below = table.HeaderWidth > 0;
                table.Add(values);
                var (line, cells) = RowText(values, skipColumns, table.HeaderWidth > 0 ? Math.Max(table.HeaderWidth, tableWidth) - skipColumns : 0);
                if (below && cells.Any(v => !string.IsNullOrWhiteSpace(v)))
                {
                    footer.Add(position, cells);
                }

                writer.Write(line);
                writer.Write('\n');
                position += Encoding.UTF8.GetByteCount(line) + 1;
                if (position > maxBytes)
                {
                    throw new SheetTooLargeException();
                }
            }
            else if (reader.ElementType == typeof(MergeCell) && ((MergeCell)reader.LoadCurrentElement()!).Reference?.Value is { } reference)
            {
                mergeReferences.Add(reference);
            }
        }

        // Notes and a totals row at the table's foot (SheetFooter) are cut off the CSV and listed.
        var (footerRows, tableEnd) = footer.Find();
        if (tableEnd is long end)
        {
            writer.Flush();
            writer.BaseStream.SetLength(end);
        }

        return new SheetWrite(mergeReferences, table.FirstColumn, table.HeaderWidth, table.Width, footerRows);
    }

    // A row is written up to its last cell with text (a cell with only a border or a fill is no field), and a row of the table
    // (the header and the rows below it) at least as wide as the table: a sheet stores no cell for an empty last cell,
    // and such a row has an empty value there, not a missing field (a short, ragged row). Rows above the header (titles)
    // and empty rows (spacers, skipped as blank lines) are written as they are.
    // Returns the line (without its line break) and the cells it holds.
    private static (string Line, List<string> Cells) RowText(List<string> values, int skipColumns, int padTo)
    {
        // Only cells without text: a cell of spaces is a value (counted as white space), as it was before trimming.
        int end = values.Count;
        while (end > 0 && values[end - 1].Length == 0)
        {
            end--;
        }

        var filled = values.Take(end);
        var kept = skipColumns == 0 || end == 0
            ? filled.ToList()
            : [.. filled.Take(skipColumns).Where(v => !string.IsNullOrWhiteSpace(v)), .. filled.Skip(skipColumns)];
        string line = string.Join(',', kept.Select(Quote));
        if (kept.Any(v => !string.IsNullOrWhiteSpace(v)) && padTo > kept.Count)
        {
            line += new string(',', padTo - kept.Count);
        }

        return (line, kept);
    }

    private sealed class SheetTooLargeException : Exception;

    private sealed record SheetWrite(List<string> MergeReferences, int TableFirstColumn, int HeaderWidth, int TableWidth, IReadOnlyList<string> FooterRows);

    /// <summary>What a file named as a workbook holds, judged from its first bytes.</summary>
    public enum Content
    {
        /// <summary>A ZIP package: an XLSX workbook (or a damaged one).</summary>
        Workbook,

        /// <summary>An OLE2 compound file (D0 CF 11 E0): Excel 97–2003's binary .xls, or an encrypted .xlsx.</summary>
        LegacyXls,

        /// <summary>HTML or XML ("Export to Excel" pages, SpreadsheetML 2003): text, but no table the CSV reader can read.</summary>
        Markup,

        /// <summary>Anything else: a CSV saved under a workbook's name (or empty, or text in an encoding the CSV reader names).</summary>
        Text,
    }

    /// <summary>
    /// Tells a workbook from a CSV saved under a workbook's name, which AGENSIUM section 2 reads as CSV when the workbook
    /// readers fail; the CSV reader then refuses what is not text it reads (binary, UTF-16, empty) with its own message.
    /// </summary>
    public static Content Sniff(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var head = new byte[512];
            var bytes = head.AsSpan(0, stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false));
            if (bytes.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]))
            {
                return Content.Workbook;
            }

            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
            {
                return Content.LegacyXls;
            }

            var text = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;
            int first = text.IndexOfAnyExcept((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n']);
            return first >= 0 && text[first] == (byte)'<' ? Content.Markup : Content.Text;
        }
        catch (IOException)
        {
            return Content.Workbook; // the workbook reader says why it cannot be read
        }
    }

    private static bool IsLegacyXls(string path) => Sniff(path) == Content.LegacyXls;

    // An encrypted .xlsx is an OLE2 compound file, like a .xls, whose directory names the stream "EncryptedPackage"
    // (UTF-16 in the directory, which may lie anywhere in the file): read in blocks, overlapping by the name's length.
    private static bool IsEncrypted(string path)
    {
        ReadOnlySpan<byte> name = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0"u8;
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[1 << 20];
            int carried = 0;
            int read;
            while ((read = stream.Read(buffer, carried, buffer.Length - carried)) > 0)
            {
                int length = carried + read;
                if (buffer.AsSpan(0, length).IndexOf(name) >= 0)
                {
                    return true;
                }

                carried = Math.Min(name.Length - 1, length);
                buffer.AsSpan(length - carried, carried).CopyTo(buffer);
            }
        }
        catch (IOException)
        {
            return false;
        }

        return false;
    }

    // A Word or PowerPoint file is a ZIP package too, which the workbook reader only calls damaged ("Cannot load the
    // root element from the part"): named by its main part, so the user knows which file was uploaded.
    private static string? OtherOfficeDocument(string path)
    {
        try
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead(path);
            return zip.GetEntry("xl/workbook.xml") is not null ? null
                : zip.GetEntry("word/document.xml") is not null ? "a Word document"
                : zip.GetEntry("ppt/presentation.xml") is not null ? "a PowerPoint presentation"
                : null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Reason(Exception e) => e switch
    {
        InvalidDataException => e.Message.TrimEnd('.') + ".", // the SDK's messages end in one, ours do not
        OpenXmlPackageException or FileFormatException when e.Message.Contains("zip", StringComparison.OrdinalIgnoreCase) => "it is not a ZIP package.",
        XmlException x => $"a part of it is not well-formed XML (line {x.LineNumber}, position {x.LinePosition}).",
        _ => "the package is damaged or a part it refers to is missing (legacy binary .xls is not supported either; save it as .xlsx or CSV).",
    };

    // The cells of a row, with error values (#DIV/0!, #N/A, …) written empty: an error is a missing value, not data.
    private static void ReadRow(List<string> values, Row row, int rowNumber, BookFormats book, MergedAreas merged, CellCounts counts)
    {
        values.Clear();
        int next = 0; // a cell without a reference is the one after the cell before it, also when that was listed out of order
        foreach (var cell in row.Elements<Cell>())
        {
            var column = CellReference.ColumnOf(cell.CellReference?.Value) ?? next;
            next = column + 1;
            while (values.Count < column)
            {
                values.Add("");
            }

            if (!merged.IsEmpty && merged.Hides(rowNumber, column))
            {
                Put(values, column, "");
            }
            else if (cell.DataType?.Value == CellValues.Error)
            {
                counts.Errors++;
                Put(values, column, "");
            }
            else
            {
                // No cached value: no <v> at all, or an empty one (as openpyxl and pandas write a formula they cannot calculate).
                counts.FormulasWithoutValue += cell.CellFormula is not null && string.IsNullOrEmpty(cell.CellValue?.Text) ? 1 : 0;
                string text = CellText(cell, book);
                // A number cell: no type, or t="n" written out, as LibreOffice does.
                bool number = cell.DataType is null || cell.DataType.Value == CellValues.Number;
                counts.FictitiousLeapDays += text.StartsWith(ExcelSerial.FictitiousLeapDayText, StringComparison.Ordinal) && number ? 1 : 0;
                // A number written empty: only a date cell of day 0 (ExcelSerial.IsDayZero) is; a format of words may show
                // nothing for a number too ("";"neg";"zero"), which is no date.
                counts.DayZeroDates += text.Length == 0 && number && !string.IsNullOrEmpty(cell.CellValue?.Text) && !ShownAsWords(cell, book) ? 1 : 0;
                Put(values, column, text);
            }
        }
    }

    private static bool ShownAsWords(Cell cell, BookFormats book) =>
        cell.StyleIndex?.Value is { } style && book.ShownStyles.TryGetValue(style, out var format) && format.Kind == SerialKind.Literal;

    // A cell goes to its own column. One listed after a cell right of it (a writer that orders a row's cells otherwise
    // than by column) was appended at the row's end, a field right of where the sheet shows it.
    private static void Put(List<string> values, int column, string text)
    {
        if (column < values.Count)
        {
            values[column] = text;
        }
        else
        {
            values.Add(text);
        }
    }

    private static string CellText(Cell cell, BookFormats book)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return raw.Length == 0 ? "" : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < book.Strings.Count
                ? book.Strings[i]
                : throw new InvalidDataException($"cell {cell.CellReference?.Value} refers to shared string '{raw}', which the workbook does not have");
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? XlsxStrings.Of(inline) : "";
        }

        if (type == CellValues.Boolean)
        {
            // Excel writes 1/0; some writers (excel4node) write true/false, which Excel reads as well. No value is no value.
            return raw.Length == 0 ? ""
                : raw == "1" || raw.Equals("true", StringComparison.OrdinalIgnoreCase) ? "TRUE" : "FALSE";
        }

        if (type == CellValues.Date)
        {
            // An ISO 8601 date cell (t="d"), written as a serial date would be.
            return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date) ? ExcelSerial.Text(date) : raw;
        }

        if (type == CellValues.String)
        {
            return XlsxStrings.Decode(raw); // a formula's text result
        }

        if (cell.StyleIndex?.Value is { } style && book.ShownStyles.TryGetValue(style, out var format))
        {
            if (format.Kind == SerialKind.ZeroPadded)
            {
                // From the 15 significant digits Excel shows (DigitTemplate.Apply), not from the stored double: 2.4999999999999996
                // (2.5 in Excel) in 00 is 03, as Excel shows it, not 02; a whole number of 16 digits or more ends in zeros.
                return DigitTemplate.Apply(format.Template!, raw) ?? raw;
            }

            if (format.Kind == SerialKind.Literal)
            {
                return LiteralFormat.Apply(format.Sections!, raw) ?? NumberAsShown(raw);
            }

            if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && ExcelSerial.Format(serial, format.Kind, book.Date1904) is { } text)
            {
                return text;
            }
        }

        return NumberAsShown(raw); // numbers, formula results (cached)
    }

    // A number as Excel shows it: a workbook stores 17 significant digits ("2.2999999999999998", "0.30000000000000004",
    // "1.0000000000000001E-5") where Excel computes with and shows 15 ("2.3", "0.3", "1E-05"). Whole numbers written
    // without an exponent (an id of 16+ digits stored as a number) and anything of 15 digits or fewer stay as written.
    private static string NumberAsShown(string raw)
    {
        int digits = 0;
        bool fraction = false;
        bool exponent = false;
        foreach (char c in raw)
        {
            if (c is 'e' or 'E')
            {
                exponent = true;
                break;
            }

            fraction |= c == '.';
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        if (digits <= 15 || !fraction || !double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || double.IsInfinity(value) || (!exponent && Math.Floor(value) == value))
        {
            return raw;
        }

        // 15 significant digits: as a decimal ("0.025" for 2.5000000000000001E-2), or with an exponent when G15 needs
        // one (a very small or very large number: "1E-05", "1.23456789012346E+19", "-4.44089209850063E-16").
        return value.ToString("G15", CultureInfo.InvariantCulture);
    }

    /// <summary>Indexes of cell formats whose number format shows a number otherwise than as it is stored: a date or a time, a digit template, words.</summary>
    private static Dictionary<uint, ShownFormat> ShownStyles(WorkbookPart workbook)
    {
        var styles = workbook.WorkbookStylesPart?.Stylesheet;
        var custom = new Dictionary<uint, ShownFormat>();
        foreach (var f in styles?.NumberingFormats?.Elements<NumberingFormat>() ?? [])
        {
            if (f.NumberFormatId?.Value is { } id && KindOf(f.FormatCode?.Value) is { } kind)
            {
                custom[id] = kind;
            }
        }

        var result = new Dictionary<uint, ShownFormat>();
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
                result[index] = new ShownFormat(BuiltInDateFormats.Contains(id) ? SerialKind.Date : id == ElapsedHours ? SerialKind.Duration : SerialKind.Time);
            }

            index++;
        }
        return result;
    }

    // A custom format with a day or year is a date; with hours or seconds but neither, a time of day, or elapsed time
    // when in brackets ("[h]:mm"); of zeros, separators and literal text only ("00000", "000-00-0000", "00 \"kg\""), the
    // number rounded and shown in that template (DigitTemplate); of words only, by sign ("TRUE";"TRUE";"FALSE"), those words (LiteralFormat); else a plain number.
    private static ShownFormat? KindOf(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        if (LiteralFormat.Of(code) is { } sections)
        {
            return new ShownFormat(SerialKind.Literal, Sections: sections);
        }

        if (DigitTemplate.Of(code) is { } template)
        {
            return new ShownFormat(SerialKind.ZeroPadded, Template: template);
        }

        // Quoted text, a character after '\' (a literal: "0.0\ \s" shows "12.5 s"), after '_' (a space as wide as it) or
        // after '*' (a fill), and bracketed parts ([Red], [$-409]) are not date or time codes; [h], [mm], [ss] (elapsed time) are.
        var bare = new StringBuilder();
        bool elapsed = false;
        for (int i = 0; i < code.Length; i++)
        {
            char c = code[i];
            if (c is '\\' or '_' or '*')
            {
                i++;
            }
            else if (c == '"')
            {
                int close = code.IndexOf('"', i + 1);
                i = close < 0 ? code.Length : close;
            }
            else if (c == '[')
            {
                int close = code.IndexOf(']', i + 1);
                var inside = close < 0 ? "" : Common.SimpleCase.Lower(code[(i + 1)..close]);
                if (inside.Length > 0 && inside.All(ch => ch == inside[0]) && inside[0] is 'h' or 'm' or 's')
                {
                    bare.Append(inside);
                    elapsed = true;
                }

                i = close < 0 ? code.Length : close;
            }
            else
            {
                bare.Append(Common.SimpleCase.LowerChar(c));
            }
        }

        var text = bare.ToString();
        if (text.Contains('#') || (text.Contains('0') && !text.Contains('s')))
        {
            return null;
        }

        return text.Contains('d') || text.Contains('y') ? new ShownFormat(SerialKind.Date)
            : text.Contains('h') || text.Contains('s') ? new ShownFormat(elapsed ? SerialKind.Duration : SerialKind.Time)
            : null;
    }

    // What the whole workbook says about every cell: its shared strings, how styles show numbers, its date system.
    private sealed record BookFormats(List<string> Strings, Dictionary<uint, ShownFormat> ShownStyles, bool Date1904);

    // What a style's number format makes of a number: its kind, and the digit template or the words of each section.
    private sealed record ShownFormat(SerialKind Kind, string? Template = null, string[]? Sections = null);

    private sealed class CellCounts
    {
        public long Errors { get; set; }

        public long FormulasWithoutValue { get; set; }

        public long FictitiousLeapDays { get; set; }

        public long DayZeroDates { get; set; }
    }

    internal static string Quote(string value)
    {
        // A NUL ("\u0000" in JSON, _x0000_ in a workbook) is no text anyone meant: dropped, as the reports drop it,
        // rather than making the converted file look binary and the whole input unreadable.
        value = value.Contains('\0', StringComparison.Ordinal) ? value.Replace("\0", "", StringComparison.Ordinal) : value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
