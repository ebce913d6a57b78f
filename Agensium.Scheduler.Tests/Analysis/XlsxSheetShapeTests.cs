using Agensium.Analysis;
using Agensium.Analysis.Input;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>
/// Workbooks as users' tools write them (found by an outside probe): a chart or hidden sheet first, cells with only a
/// format, a column whose header cell is missing, escaped letters in number formats, formulas saved with an empty
/// value, 17-digit numbers, East Asian built-in date formats, an encrypted workbook; digit templates (SSN, ZIP+4),
/// LibreOffice's booleans and t="n" cells, cells listed out of column order, a Word document named .xlsx.
/// </summary>
[TestClass]
public sealed class XlsxSheetShapeTests
{
    private readonly List<string> _paths = [];

    [TestCleanup]
    public void Cleanup()
    {
        foreach (var path in _paths)
        {
            File.Delete(path);
        }
    }

    private static Cell Text(string reference, string text) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };

    private static Cell Number(string reference, string value, uint? style = null) =>
        new() { CellReference = reference, CellValue = new CellValue(value), StyleIndex = style is { } s ? s : null };

    // A cell with only a style (a border): no value.
    private static Cell Styled(string reference) => new() { CellReference = reference, StyleIndex = 1 };

    /// <summary>A workbook of the given sheets; a sheet without rows is a chart sheet. Custom number formats get ids from 164, cell styles from 1.</summary>
    private string Book((string Name, Row[]? Rows, SheetStateValues? State)[] sheets, params string[] formats) => Book(sheets, formats, []);

    private string Book((string Name, Row[]? Rows, SheetStateValues? State)[] sheets, string[] formats, uint[] builtInStyles)
    {
        var path = Path.Combine(Path.GetTempPath(), $"shape-{Guid.NewGuid():N}.xlsx");
        _paths.Add(path);
        using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = doc.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        uint id = 164;
        styles.Stylesheet = new Stylesheet(
            new NumberingFormats([.. formats.Select(f => new NumberingFormat { NumberFormatId = id++, FormatCode = f })]),
            new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
            new CellFormats([new CellFormat(), .. formats.Select((_, i) => new CellFormat { NumberFormatId = (uint)(164 + i) }),
                .. builtInStyles.Select(b => new CellFormat { NumberFormatId = b })]));
        var list = workbook.Workbook.AppendChild(new Sheets());
        uint sheetId = 1;
        foreach (var (name, rows, state) in sheets)
        {
            OpenXmlPart part;
            if (rows is null)
            {
                var chart = workbook.AddNewPart<ChartsheetPart>();
                chart.Chartsheet = new Chartsheet(new ChartSheetViews(new ChartSheetView { WorkbookViewId = 0 }));
                part = chart;
            }
            else
            {
                var sheet = workbook.AddNewPart<WorksheetPart>();
                sheet.Worksheet = new Worksheet(new SheetData(rows));
                part = sheet;
            }

            list.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = sheetId++, Name = name, State = state is { } s ? s : null });
        }

        return path;
    }

    private static Row[] Table(string first) =>
    [
        new Row(Text("A1", "id"), Text("B1", "name")),
        new Row(Number("A2", "1"), Text("B2", first)),
        new Row(Number("A3", "2"), Text("B3", "Bob")),
    ];

    private static (List<string> Lines, SheetSource Sheet) Convert(string path)
    {
        using var set = InputFileSet.Resolve([new InputFile("book.xlsx", path)]);
        return (File.ReadAllLines(set.Primary.Path).ToList(), set.Primary.Sheet!);
    }

    [TestMethod]
    public void Resolve_ShouldReadTheFirstVisibleWorksheetWithCells_WhenAChartSheetAHiddenSheetOrAnEmptySheetComesFirst()
    {
        var emptyFirst = Book([("Sheet1", [], null), ("Data", Table("Ann"), null)]);
        var chartFirst = Book([("Chart1", null, null), ("Data", Table("Ann"), null)]);
        var hiddenFirst = Book([("Lookup", Table("HIDDEN"), SheetStateValues.VeryHidden), ("Data", Table("Ann"), null)]);
        var onlyHidden = Book([("Lookup", Table("Hid"), SheetStateValues.Hidden)]);
        var onlyCharts = Book([("Chart1", null, null)]);

        var (lines, sheet) = Convert(chartFirst);
        CollectionAssert.AreEqual(new[] { "id,name", "1,Ann", "2,Bob" }, lines);
        Assert.AreEqual("Data", sheet.Name);
        CollectionAssert.AreEqual(new[] { "Chart1" }, sheet.Ignored.ToArray());

        (lines, sheet) = Convert(hiddenFirst);
        Assert.AreEqual("1,Ann", lines[1]);
        CollectionAssert.AreEqual(new[] { "Lookup" }, sheet.Ignored.ToArray());

        (lines, sheet) = Convert(emptyFirst);
        Assert.AreEqual("Data", sheet.Name);
        CollectionAssert.AreEqual(new[] { "Sheet1" }, sheet.Ignored.ToArray());

        (lines, _) = Convert(onlyHidden);
        Assert.AreEqual("1,Hid", lines[1], "a workbook of hidden sheets only is read from its first");

        var ex = Assert.ThrowsExactly<AnalysisException>(() => Convert(onlyCharts));
        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("no worksheet", ex.Message);
    }

    [TestMethod]
    public void Resolve_ShouldIgnoreCellsWithOnlyAFormat_AndWidenTheHeaderToTheWidestRow()
    {
        // Borders drawn over A1:F3 store empty styled cells; the header's D1 is missing (a merged C1:D1 "Sales" whose
        // hidden cell was not written), while every row has a value in D.
        var path = Book([("S", [
            new Row(Text("A1", "id"), Text("B1", "name"), Text("C1", "Sales"), Styled("E1"), Styled("F1")),
            new Row(Number("A2", "1"), Text("B2", "Ann"), Number("C2", "10"), Number("D2", "20"), Styled("E2"), Styled("F2")),
            new Row(Number("A3", "2"), Text("B3", "Bob"), Number("C3", "11"), Number("D3", "21"), Styled("E3"), Styled("F3")),
        ], null)]);

        var (lines, _) = Convert(path);

        CollectionAssert.AreEqual(new[] { "id,name,Sales,", "1,Ann,10,20", "2,Bob,11,21" }, lines);
    }

    // A header, three orders, then what a report sheet puts below them.
    private static Row[] Orders(params Row[] foot) =>
    [
        new Row(Text("A1", "order"), Text("B1", "customer"), Text("C1", "amount"), Text("D1", "qty")),
        new Row(Text("A2", "A-1"), Text("B2", "Ann"), Number("C2", "10.25"), Number("D2", "1")),
        new Row(Text("A3", "A-2"), Text("B3", "Bob"), Number("C3", "20"), Number("D3", "2")),
        new Row(Text("A4", "A-3"), Text("B4", "Cy"), Number("C4", "30.3"), Number("D4", "3")),
        .. foot,
    ];

    [TestMethod]
    public void Resolve_ShouldLeaveOutATotalsRowAndNotesBelowTheTable_AndListThem()
    {
        // Read as rows, "Total" doubled the amounts and the note was an order "Generated by WMS 5.2" (a CSV's note is
        // left out already: TrailingNotes; a sheet writes every row with its delimiters, so that rule did not see it).
        var path = Book([("S", Orders(
            new Row(Text("A5", "Total"), Number("C5", "60.55"), Number("D5", "6")),
            new Row(Text("A7", "Generated by WMS 5.2")) { RowIndex = 7 }), null)]);

        var (lines, sheet) = Convert(path);

        Assert.AreEqual("order,customer,amount,qty|A-1,Ann,10.25,1|A-2,Bob,20,2|A-3,Cy,30.3,3", string.Join("|", lines));
        CollectionAssert.AreEqual(new[] { "Total, 60.55, 6", "Generated by WMS 5.2" }, sheet.FooterRows.ToArray());
        using var set = InputFileSet.Resolve([new InputFile("book.xlsx", path)]);
        using var reader = CsvTableReader.Open(set.Primary);
        CollectionAssert.AreEqual(sheet.FooterRows.ToArray(), reader.TrailingLines.ToArray(), "reported as a CSV's footer lines are");
    }

    [TestMethod]
    public void Resolve_ShouldKeepTheLastRow_WhenItIsNoTotalOfTheRowsAbove()
    {
        // A label without sums, sums without a label in one column only (1, 1, 2 in a column is three records), and a
        // one-word last row (a record whose other cells are empty, as a CSV's "Ann" stays a row) are all kept.
        string[] cases =
        [
            Join(Convert(Book([("S", Orders(new Row(Text("A5", "Total"), Number("C5", "62"), Number("D5", "6"))), null)])).Lines),
            Join(Convert(Book([("S", Orders(new Row(Text("A5", "A-4"), Text("B5", "Di"), Number("C5", "60.55"))), null)])).Lines),
            Join(Convert(Book([("S", Orders(new Row(Text("A5", "A-4"))), null)])).Lines),
        ];

        StringAssert.EndsWith(cases[0], "|Total,,62,6");
        StringAssert.EndsWith(cases[1], "|A-4,Di,60.55,");
        StringAssert.EndsWith(cases[2], "|A-4,,,");
    }

    private static string Join(List<string> lines) => string.Join("|", lines);

    // The rows of a one-sheet workbook, row 1 the header: a number is a number cell, a string a text cell, null no cell.
    private string Sheet(params object?[][] rows) => Book([("S", [.. rows.Select((cells, r) => new Row(cells.Select((v, c) =>
    {
        string reference = $"{(char)('A' + c)}{r + 1}";
        return v switch
        {
            null => null,
            string text => Text(reference, text),
            _ => Number(reference, System.Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!),
        };
    }).OfType<Cell>()) { RowIndex = (uint)(r + 1) })], null)]);

    [TestMethod]
    public void Resolve_ShouldKeepTheLastRecord_WhenOnlyColumnsOfZerosOrRowNumbersSumUp()
    {
        // A review found real last records dropped as totals: 0 = 0 + 0 and 3 = 1 + 2 "sum up" in every table, and two
        // such columns were taken for a totals row without any label.
        var ids = Sheet(["id", "name", "discount"], [1, "Ann", 0], [2, "Bob", 0], [3, "Cy", 0]);
        var balances = Sheet(["name", "email", "balance", "overdue"], ["Ann", "ann@x.com", 0, 0], ["Bob", "bob@x.com", 0, 0],
            ["Cy", "cy@x.com", 0, 0], ["Dee", "dee@x.com", 0, 0], ["Eve", "eve@x.com", 0, 0]);
        var labelled = Sheet(["line", "item", "discount"], [1, "Cable", 0], [2, "Plug", 0], [3, "Total", 0]);

        var (lines, sheet) = Convert(ids);
        Assert.AreEqual("id,name,discount|1,Ann,0|2,Bob,0|3,Cy,0", Join(lines));
        Assert.IsEmpty(sheet.FooterRows);
        (lines, sheet) = Convert(balances);
        Assert.AreEqual("Eve,eve@x.com,0,0", lines[^1]);
        Assert.IsEmpty(sheet.FooterRows);
        (lines, _) = Convert(labelled);
        Assert.AreEqual("3,Total,0", lines[^1], "a label over sums of zeros and row numbers only is kept");
    }

    [TestMethod]
    [DataRow("TotalEnergies", DisplayName = "TotalEnergies")]
    [DataRow("Totally Fit Ltd", DisplayName = "Totally Fit Ltd")]
    [DataRow("Sum Holdings", DisplayName = "Sum Holdings")]
    public void Resolve_ShouldKeepTheLastRecord_WhenItsNameOnlyStartsWithATotalsWord(string customer)
    {
        // The amount 30 = 10 + 20 and a name starting with "total" made the last customer a totals row.
        var (lines, sheet) = Convert(Sheet(["customer", "amount"], ["Ann", 10], ["Bob", 20], [customer, 30]));

        Assert.AreEqual($"{customer},30", lines[^1]);
        Assert.IsEmpty(sheet.FooterRows);
    }

    [TestMethod]
    [DataRow("Total", DisplayName = "Total")]
    [DataRow("Grand Total:", DisplayName = "Grand Total:")]
    [DataRow("TOTALS", DisplayName = "TOTALS")]
    [DataRow("Subtotal", DisplayName = "Subtotal")]
    [DataRow("Sum:", DisplayName = "Sum:")]
    public void Resolve_ShouldLeaveOutATotalsRow_WhenALabelCellSaysSoAndAColumnSumsUp(string label)
    {
        // The label may stand in any column; row numbers (6 = 1 + 2 + 3) and zeros sum up too and do not spoil it.
        var (lines, sheet) = Convert(Sheet(["n", "customer", "amount", "discount"], [1, "Ann", 10, 0], [2, "Bob", 20, 0], [3, "Cy", 30.5, 0],
            [6, label, 60.5, 0]));

        Assert.AreEqual("3,Cy,30.5,0", lines[^1]);
        CollectionAssert.AreEqual(new[] { $"6, {label}, 60.5, 0" }, sheet.FooterRows.ToArray());
    }

    [TestMethod]
    public void Resolve_ShouldKeepASparseLastRecord_WhenItsOneFilledCellIsNotInTheFirstColumn()
    {
        // Only the description filled: a record (a CSV's footer notes are whole lines), not a note. One in column A is.
        var path = Sheet(["sku", "description", "qty"], ["A1", "Cable", 3], ["A2", "Plug", 4], ["A3", "Switch", 5], [null, "Spare fuse 5A", null]);
        var noted = Sheet(["sku", "description", "qty"], ["A1", "Cable", 3], ["A2", "Plug", 4], ["Generated by WMS 5.2"]);

        var (lines, sheet) = Convert(path);
        Assert.AreEqual(",Spare fuse 5A,", lines[^1]);
        Assert.IsEmpty(sheet.FooterRows);
        (lines, sheet) = Convert(noted);
        Assert.AreEqual("A2,Plug,4", lines[^1]);
        CollectionAssert.AreEqual(new[] { "Generated by WMS 5.2" }, sheet.FooterRows.ToArray());
    }

    [TestMethod]
    public void Resolve_ShouldReadTheSheet_WhenAColumnsSumIsTooLargeForADecimal()
    {
        // 5E+28 + 5E+28 overflowed the footer's decimal sum: the whole analysis failed (PROCESSING_ERROR). Such a column
        // has no sum, so a "Total" below it cannot be checked and stays a row; so does one past a decimal (1E+30).
        var (lines, sheet) = Convert(Sheet(["id", "value"], ["a", 5E+28], ["b", 5E+28], ["c", 1]));
        Assert.AreEqual("c,1", lines[^1]);
        Assert.IsEmpty(sheet.FooterRows);

        (lines, sheet) = Convert(Sheet(["id", "value"], ["a", 1E+30], ["b", 2E+30], ["Total", 3E+30]));
        Assert.AreEqual("Total,3E+30", lines[^1]);
        Assert.IsEmpty(sheet.FooterRows);
        (lines, _) = Convert(Sheet(["id", "value"], ["a", 7E+28], ["b", 7E+28], ["Total", 1.4E+29]));
        Assert.AreEqual("Total,1.4E+29", lines[^1]);
    }

    [TestMethod]
    public void Open_ShouldSkipATitleAboveTheHeader_WhenTheTableHasOneRow()
    {
        // Title, header and one row: the title was read as the header (two rows below it were needed to agree).
        var path = Book([("S", [
            new Row(Text("A1", "Open orders 2024")),
            new Row(Text("A3", "order"), Text("B3", "customer"), Text("C3", "amount")) { RowIndex = 3 },
            new Row(Text("A4", "A-1"), Text("B4", "Ann"), Number("C4", "10")) { RowIndex = 4 },
        ], null)]);

        using var set = InputFileSet.Resolve([new InputFile("book.xlsx", path)]);
        using var reader = CsvTableReader.Open(set.Primary);

        Assert.AreEqual("order|customer|amount", string.Join("|", reader.Columns));
        CollectionAssert.AreEqual(new[] { "Open orders 2024" }, reader.TitleLines.ToArray());
        Assert.IsTrue(reader.Read());
        Assert.AreEqual("Ann", reader.GetField(1).ToString());
        Assert.IsFalse(reader.Read());
    }

    [TestMethod]
    public void Resolve_ShouldKeepTheHeaderAsItIs_WhenANoteBesideTheTableFillsARowOrTwo()
    {
        // "Checked by QA" two columns right of the table's last row, under a title: an extra field of that row, not a
        // column (widening the header made the title check fail and the whole sheet one column). A row of cells holding
        // a space is a row of values, as before.
        var path = Book([("S", [
            new Row(Text("A1", "Sales report Q1 2024")),
            new Row(Text("A3", "Region"), Text("B3", "Product"), Text("C3", "Channel")) { RowIndex = 3 },
            new Row(Text("A4", "North"), Text("B4", "Tea"), Text("C4", "Web")) { RowIndex = 4 },
            new Row(Text("A5", "South"), Text("B5", "Jam"), Text("C5", "Shop")) { RowIndex = 5 },
            new Row(Text("A6", " "), Text("B6", " "), Text("C6", " ")) { RowIndex = 6 },
            new Row(Text("A7", "East"), Text("B7", "Oil"), Text("C7", "Web"), Text("E7", "Checked by QA")) { RowIndex = 7 },
        ], null)]);

        var (lines, _) = Convert(path);

        Assert.AreEqual("Sales report Q1 2024|Region,Product,Channel|North,Tea,Web|South,Jam,Shop| , , |East,Oil,Web,,Checked by QA", string.Join("|", lines));
    }

    [TestMethod]
    public void Resolve_ShouldKeepNumbers_WhenTheirFormatShowsEscapedLettersAfterThem()
    {
        // "12.5 s", "12.5 hrs", "12.5 days" are numbers with a unit; yyyy\-mm\-dd is a date with escaped dashes.
        var path = Book([("S", [
            new Row(Text("A1", "secs"), Text("B1", "hrs"), Text("C1", "days"), Text("D1", "padded"), Text("E1", "day")),
            new Row(Number("A2", "12.5", 1), Number("B2", "12.5", 2), Number("C2", "12.5", 3), Number("D2", "3", 4), Number("E2", "45366", 5)),
        ], null)], @"0.0\ \s", @"0.00\ \h\r\s", @"0.0\ \d\a\y\s", @"_(* #,##0_)", @"yyyy\-mm\-dd");

        var (lines, _) = Convert(path);

        Assert.AreEqual("12.5,12.5,12.5,3,2024-03-15", lines[1]);
    }

    [TestMethod]
    public void Resolve_ShouldReadAnEmptySharedStringReference_AsAnEmptyCell()
    {
        var path = Book([("S", [
            new Row(Text("A1", "a"), Text("B1", "b")),
            new Row(Number("A2", "1"), new Cell { CellReference = "B2", DataType = CellValues.SharedString, CellValue = new CellValue("") }),
        ], null)]);

        Assert.AreEqual("1,", Convert(path).Lines[1]);
    }

    [TestMethod]
    public void Resolve_ShouldCountFormulasWithoutValue_WhenTheValueIsWrittenEmpty()
    {
        var path = Book([("S", [
            new Row(Text("A1", "a"), Text("B1", "total")),
            new Row(Number("A2", "1"), new Cell { CellReference = "B2", CellFormula = new CellFormula("A2*2"), CellValue = new CellValue("") }),
            new Row(Number("A3", "2"), new Cell { CellReference = "B3", CellFormula = new CellFormula("A3*2") }),
            new Row(Number("A4", "3"), new Cell { CellReference = "B4", CellFormula = new CellFormula("A4*2"), CellValue = new CellValue("6") }),
        ], null)]);

        var (lines, sheet) = Convert(path);

        CollectionAssert.AreEqual(new[] { "a,total", "1,", "2,", "3,6" }, lines);
        Assert.AreEqual(2, sheet.FormulasWithoutValue);
    }

    [TestMethod]
    public void Resolve_ShouldWriteNumbersWithTheFifteenDigitsExcelShows_ButKeepWholeNumbersAndShortOnesAsWritten()
    {
        var path = Book([("S", [
            new Row(Text("A1", "a"), Text("B1", "b"), Text("C1", "c"), Text("D1", "d"), Text("E1", "e"), Text("F1", "f")),
            new Row(Number("A2", "2.2999999999999998"), Number("B2", "0.30000000000000004"), Number("C2", "12345678901234567"),
                Number("D2", "1.5E-7"), Number("E2", "3.14159"), Number("F2", "1.2345678901234567E-20")),
        ], null)]);

        var (lines, _) = Convert(path);

        Assert.AreEqual("2.3,0.3,12345678901234567,1.5E-7,3.14159,1.23456789012346E-20", lines[1]);
    }

    [TestMethod]
    public void Resolve_ShouldWriteSerialSixtyAsTheFebruary29ExcelShows_NotAsTheDayBefore()
    {
        // Serial 60 became 1900-02-28, as serial 59 does: two different cells one date, silently.
        var path = Book([("S", [
            new Row(Text("A1", "d")),
            new Row(Number("A2", "59", 1)),
            new Row(Number("A3", "60", 1)),
            new Row(Number("A4", "60.5", 1)),
            new Row(Number("A5", "61", 1)),
        ], null)], "yyyy-mm-dd");

        var (lines, sheet) = Convert(path);

        Assert.AreEqual("d|1900-02-28|1900-02-29|1900-02-29 12:00:00|1900-03-01", string.Join("|", lines));
        Assert.AreEqual(2, sheet.FictitiousLeapDays);
    }

    [TestMethod]
    public void Resolve_ShouldWriteADateCellOfSerialZeroEmpty_AndCountIt_ButKeepZeroInOtherFormats()
    {
        // A date cell holding 0 (Excel shows 1900-01-00: a date formula over a blank cell, a lookup that found nothing)
        // was written "0", a number among the dates of its column. It is no date: a missing value, written empty and
        // counted. A time of day of 0 is midnight, a number 0 is 0, and the 1904 system's 0 is 1904-01-01 (elsewhere).
        var path = Book([("S", [
            new Row(Text("A1", "due"), Text("B1", "stamp"), Text("C1", "at"), Text("D1", "qty")),
            new Row(Number("A2", "45292", 1), Number("B2", "45292.5", 2), Number("C2", "0.5", 3), Number("D2", "0")),
            new Row(Number("A3", "0", 1), Number("B3", "0", 2), Number("C3", "0", 3), Number("D3", "2")),
            new Row(Number("A4", "45293", 1), Number("B4", "0.25", 2), Number("C4", "0.75", 3), Number("D4", "3")),
        ], null)], "yyyy-mm-dd", "yyyy-mm-dd hh:mm", "hh:mm");

        var (lines, sheet) = Convert(path);

        Assert.AreEqual("due,stamp,at,qty|2024-01-01,2024-01-01 12:00:00,12:00:00,0|,,00:00:00,2|2024-01-02,06:00:00,18:00:00,3", string.Join("|", lines));
        Assert.AreEqual(2, sheet.DayZeroDates);
    }

    [TestMethod]
    public void Resolve_ShouldWriteNumbersStoredWithAnExponentWithTheFifteenDigitsExcelShows()
    {
        // Stored with 17 digits and an exponent, they were written as stored; Excel shows (and computes with) 15.
        var path = Book([("S", [
            new Row(Text("A1", "a"), Text("B1", "b"), Text("C1", "c"), Text("D1", "d")),
            new Row(Number("A2", "2.5000000000000001E-2"), Number("B2", "1.0000000000000001E-5"), Number("C2", "1.2345678901234567E+19"),
                Number("D2", "-4.4408920985006262E-16")),
        ], null)]);

        var (lines, _) = Convert(path);

        Assert.AreEqual("0.025,1E-05,1.23456789012346E+19,-4.44089209850063E-16", lines[1]);
    }

    [TestMethod]
    public void Resolve_ShouldReadEastAsianBuiltInDateAndTimeFormats_AsDatesAndTimes()
    {
        // Chinese/Japanese/Korean Excel writes ids 27–36 and 50–58 without a format code: 31 and 57 are dates, 32 a time.
        var path = Book([("S", [
            new Row(Text("A1", "d31"), Text("B1", "d57"), Text("C1", "t32")),
            new Row(Number("A2", "45366", 1), Number("B2", "45366", 2), Number("C2", "0.5", 3)),
        ], null)], [], [31, 57, 32]);

        var (lines, _) = Convert(path);

        Assert.AreEqual("2024-03-15,2024-03-15,12:00:00", lines[1]);
    }

    [TestMethod]
    public void Resolve_ShouldSayTheWorkbookIsPasswordProtected_WhenItIsAnEncryptedPackage()
    {
        // An encrypted .xlsx is an OLE2 compound file naming an "EncryptedPackage" stream (UTF-16) in its directory.
        var path = Path.Combine(Path.GetTempPath(), $"encrypted-{Guid.NewGuid():N}.xlsx");
        _paths.Add(path);
        byte[] name = System.Text.Encoding.Unicode.GetBytes("EncryptedPackage");
        File.WriteAllBytes(path, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[(1 << 20) - 10], .. name, .. new byte[600]]);

        var ex = Assert.ThrowsExactly<AnalysisException>(() => Convert(path));

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("password-protected", ex.Message);
        Assert.DoesNotContain(".xls)", ex.Message);
    }

    [TestMethod]
    public void Resolve_ShouldWriteNumbersInADigitTemplateAsExcelShowsThem_WithTheirZerosAndSeparators()
    {
        // Excel's Special formats: ZIP+4 00000-0000 and SSN 000-00-0000 showed 02134-1234 and 012-34-5678, written as
        // 21341234 and 12345678 (zeros and shape lost). A prefix in quotes is shown ("ID 02134"; s41: it was left out),
        // a fraction rounded and a negative number signed as Excel shows them (s41: 2134.5 and -5 were written bare),
        // and 0.00 is no template.
        var path = Book([("S", [
            new Row(Text("A1", "zip4"), Text("B1", "ssn"), Text("C1", "id"), Text("D1", "amount"), Text("E1", "big")),
            new Row(Number("A2", "21341234", 1), Number("B2", "12345678", 2), Number("C2", "2134", 3), Number("D2", "12", 4), Number("E2", "1234567890", 2)),
            new Row(Number("A3", "2134.5", 1), Number("B3", "987654321", 2), Number("C3", "7", 3), Number("D3", "1.5", 4), Number("E3", "-5", 2)),
        ], null)], @"00000\-0000", "000-00-0000", "\"ID \"00000", "0.00");

        var (lines, _) = Convert(path);

        Assert.AreEqual("02134-1234,012-34-5678,ID 02134,12,1234-56-7890|00000-2135,987-65-4321,ID 00007,1.5,-000-00-0005", string.Join("|", lines.Skip(1)));
    }

    [TestMethod]
    public void Resolve_ShouldWriteADigitTemplatesTextAndRoundedSignedNumbers_AsExcelShowsThem()
    {
        // s41: 00 "kg" showed 7 as "07 kg" in Excel and was written "07"; -7 and 7.6 under 00 were written -7 and 7.6
        // where Excel shows -07 and 08 (half away from zero: 6.5 is 07).
        var path = Book([("S", [
            new Row(Text("A1", "weight"), Text("B1", "code")),
            new Row(Number("A2", "7", 1), Number("B2", "-7", 2)),
            new Row(Number("A3", "7.6", 1), Number("B3", "6.5", 2)),
            new Row(Number("A4", "123", 1), Number("B4", "-0.4", 2)),
        ], null)], "00 \"kg\"", "00");

        var (lines, _) = Convert(path);

        Assert.AreEqual("07 kg,-07|08 kg,07|123 kg,-00", string.Join("|", lines.Skip(1)));
    }

    [TestMethod]
    public void Resolve_ShouldRoundADigitTemplatesNumberFromTheFifteenDigitsExcelShows_AndTakeOneDigitWithTextAsATemplate()
    {
        // s42: a stored 2.4999999999999996 is 2.5 in Excel (15 significant digits) and 03 under 00; it was rounded from
        // the double, 02. 0 "kg" (one digit with a unit) showed 7.6 as "8 kg" in Excel and was written 7.6, while
        // 00 "kg" wrote 08 kg; a bare 0 stays Excel's plain number format, written as the number.
        var path = Book([("S", [
            new Row(Text("A1", "code"), Text("B1", "weight"), Text("C1", "weight2"), Text("D1", "plain")),
            new Row(Number("A2", "2.4999999999999996", 1), Number("B2", "7.6", 2), Number("C2", "7.6", 3), Number("D2", "7.6", 4)),
            new Row(Number("A3", "-2.4999999999999996", 1), Number("B3", "7.4999999999999991", 2), Number("C3", "-7", 3), Number("D3", "7", 4)),
        ], null)], "00", "0 \"kg\"", "00 \"kg\"", "0");

        var (lines, _) = Convert(path);

        Assert.AreEqual("03,8 kg,08 kg,7.6|-03,8 kg,-07 kg,7", string.Join("|", lines.Skip(1)));
    }

    [TestMethod]
    public void Resolve_ShouldShowAWholeNumberOfSixteenDigitsOrMoreInADigitTemplate_WithTheFifteenDigitsExcelShows()
    {
        // s43: a whole number kept every digit in a template (12345678901234512 in 000000 was written so) while Excel shows
        // 15 significant digits, rounded (12345678901234500; =2^60 shows as 1152921504606850000). 15 digits stay whole.
        var path = Book([("S", [
            new Row(Text("A1", "id"), Text("B1", "big"), Text("C1", "code")),
            new Row(Number("A2", "12345678901234512", 1), Number("B2", "1152921504606846976", 2), Number("C2", "123456789012345", 3)),
            new Row(Number("A3", "-12345678901234512", 1), Number("B3", "1.152921504606847E+18", 2), Number("C3", "99999999999999999", 3)),
        ], null)], "000000", "00", "000-000");

        var (lines, _) = Convert(path);

        Assert.AreEqual("12345678901234500,1152921504606850000,123456789012-345|-12345678901234500,1152921504606850000,100000000000000-000",
            string.Join("|", lines.Skip(1)));
    }

    [TestMethod]
    public void Resolve_ShouldWriteNumbersInAFormatOfWordsAsTheWordsExcelShows_AsLibreOfficeSavesBooleans()
    {
        // LibreOffice saves a boolean cell as 1 or 0 in the format "TRUE";"TRUE";"FALSE" (Excel writes t="b"): Excel shows
        // TRUE/FALSE, the CSV had 1/0. A format hiding every number (;;;) keeps the number.
        var path = Book([("S", [
            new Row(Text("A1", "flag"), Text("B1", "member"), Text("C1", "hidden")),
            new Row(new Cell { CellReference = "A2", DataType = CellValues.Number, StyleIndex = 1, CellValue = new CellValue("1") }, Number("B2", "1", 2), Number("C2", "5", 3)),
            new Row(new Cell { CellReference = "A3", DataType = CellValues.Number, StyleIndex = 1, CellValue = new CellValue("0") }, Number("B3", "0", 2), Number("C3", "6", 3)),
        ], null)], "\"TRUE\";\"TRUE\";\"FALSE\"", "[$-409]\"Yes\";\"Yes\";\"No\"", ";;;");

        var (lines, _) = Convert(path);

        Assert.AreEqual("TRUE,Yes,5|FALSE,No,6", string.Join("|", lines.Skip(1)));
    }

    [TestMethod]
    public void Resolve_ShouldPutEachCellInItsOwnColumn_WhenARowListsItsCellsOutOfOrder()
    {
        // C2 listed before A2 and B2: A2's value was appended after C2's, every value a column right of its place.
        var path = Book([("S", [
            new Row(Text("A1", "a"), Text("B1", "b"), Text("C1", "c")),
            new Row(Number("C2", "3"), Number("A2", "1"), Number("B2", "2")),
            new Row(Number("A3", "4"), Number("B3", "5"), Number("C3", "6")),
        ], null)]);

        var (lines, _) = Convert(path);

        CollectionAssert.AreEqual(new[] { "a,b,c", "1,2,3", "4,5,6" }, lines);
    }

    [TestMethod]
    public void Resolve_ShouldPutACellWithoutReferenceAfterTheCellBeforeIt_WhenThatWasListedOutOfOrder()
    {
        // Review s39: a cell without a reference went to the column after the row's rightmost cell (D2, an extra field
        // that quarantined the row), not after the cell listed before it (B2).
        var path = Book([("S", [
            new Row(Text("A1", "a"), Text("B1", "b"), Text("C1", "c")),
            new Row(Number("C2", "3"), Number("A2", "1"), new Cell { CellValue = new CellValue("2") }),
        ], null)]);

        var (lines, _) = Convert(path);

        CollectionAssert.AreEqual(new[] { "a,b,c", "1,2,3" }, lines);
    }

    [TestMethod]
    public void Resolve_ShouldCountNoDayZeroDate_WhenAFormatOfWordsLeavesASectionEmpty()
    {
        // Review s39: a format of words showing nothing for positive numbers ("";"neg";"zero") wrote the cell empty, as
        // it should, but counted it in cells_dated_1900_01_00_read_as_empty.
        var path = Book([("S", [
            new Row(Text("A1", "id"), Text("B1", "sign")),
            new Row(Number("A2", "1"), Number("B2", "5", 1)),
            new Row(Number("A3", "2"), Number("B3", "-5", 1)),
        ], null)], "\"\";\"neg\";\"zero\"");

        var (lines, sheet) = Convert(path);

        Assert.AreEqual("1,|2,neg", string.Join("|", lines.Skip(1)));
        Assert.AreEqual(0, sheet.DayZeroDates);
    }

    [TestMethod]
    public void Resolve_ShouldCountDayZeroAndFebruary29Dates_WhenNumberCellsSayTheirTypeAsLibreOfficeWritesThem()
    {
        // LibreOffice writes t="n" on every number cell: a date cell of serial 0 was written empty and serial 60 as
        // 1900-02-29 without being counted, the report silent about both.
        static Cell Typed(string reference, string value) =>
            new() { CellReference = reference, DataType = CellValues.Number, StyleIndex = 1, CellValue = new CellValue(value) };
        var path = Book([("S", [
            new Row(Text("A1", "id"), Text("B1", "due")),
            new Row(Number("A2", "1"), Typed("B2", "45366")),
            new Row(Number("A3", "2"), Typed("B3", "0")),
            new Row(Number("A4", "3"), Typed("B4", "60")),
        ], null)], "yyyy-mm-dd");

        var (lines, sheet) = Convert(path);

        Assert.AreEqual("1,2024-03-15|2,|3,1900-02-29", string.Join("|", lines.Skip(1)));
        Assert.AreEqual(1, sheet.DayZeroDates);
        Assert.AreEqual(1, sheet.FictitiousLeapDays);
    }

    [TestMethod]
    public void Resolve_ShouldSayTheFileIsAWordDocument_WhenADocxIsNamedAsAWorkbook()
    {
        // A .docx renamed .xlsx was "not a readable XLSX workbook: Cannot load the root element from the part. The part
        // contains invalid data..": no word of what the file is, and two full stops.
        var path = Path.Combine(Path.GetTempPath(), $"docx-{Guid.NewGuid():N}.xlsx");
        _paths.Add(path);
        using (var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(path, WordprocessingDocumentType.Document))
        {
            doc.AddMainDocumentPart().Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body());
        }

        var ex = Assert.ThrowsExactly<AnalysisException>(() => Convert(path));

        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("is a Word document", ex.Message);
        Assert.DoesNotContain("..", ex.Message);
    }

    [TestMethod]
    public void Resolve_ShouldReadBooleanCellsWrittenAsTrueOrFalse_AndOneWithoutValueAsEmpty()
    {
        // excel4node writes <v>true</v> in a t="b" cell (Excel shows TRUE): it was written FALSE, and a boolean cell
        // without a value FALSE too.
        static Cell Boolean(string reference, string? value) =>
            new() { CellReference = reference, DataType = CellValues.Boolean, CellValue = value is null ? null : new CellValue(value) };
        var path = Book([("S", [
            new Row(Text("A1", "id"), Text("B1", "active")),
            new Row(Number("A2", "1"), Boolean("B2", "true")),
            new Row(Number("A3", "2"), Boolean("B3", "false")),
            new Row(Number("A4", "3"), Boolean("B4", "1")),
            new Row(Number("A5", "4"), Boolean("B5", null)),
        ], null)]);

        var (lines, _) = Convert(path);

        Assert.AreEqual("1,TRUE|2,FALSE|3,TRUE|4,", string.Join("|", lines.Skip(1)));
    }
}
