using Agensium.Analysis;
using Agensium.Analysis.Input;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>Cell text as Excel shows it: the 1904 date system, phonetic guides, _xHHHH_ escapes, hidden merged values, ISO date cells, damaged workbooks.</summary>
[TestClass]
public sealed class XlsxCellTextTests
{
    private static Cell Text(string reference, string text) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }) };

    private static Cell Number(string reference, string value, uint? style = null) =>
        new() { CellReference = reference, CellValue = new CellValue(value), StyleIndex = style is { } s ? s : null };

    private static Cell Shared(string reference, int index) =>
        new() { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)) };

    /// <summary>A one-sheet workbook; style 1 is built-in 14 (a date), style 2 built-in 21 (h:mm:ss), style 3 built-in 46 ([h]:mm:ss).</summary>
    private static string Book(Row[] rows, bool date1904 = false, SharedStringItem[]? strings = null, string[]? merged = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cells-{Guid.NewGuid():N}.xlsx");
        using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = doc.AddWorkbookPart();
        workbook.Workbook = date1904 ? new Workbook(new WorkbookProperties { Date1904 = true }) : new Workbook();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
            new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14 }, new CellFormat { NumberFormatId = 21 }, new CellFormat { NumberFormatId = 46 }));
        if (strings is not null)
        {
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(strings);
        }

        var sheet = workbook.AddNewPart<WorksheetPart>();
        sheet.Worksheet = merged is null
            ? new Worksheet(new SheetData(rows))
            : new Worksheet(new SheetData(rows), new MergeCells(merged.Select(m => new MergeCell { Reference = m })));
        workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "S" }));
        return path;
    }

    private static List<string> Lines(string path)
    {
        try
        {
            return XlsxInputTests.ConvertedLines(path, "book.xlsx");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Dates_ShouldCountFrom1904_WhenTheWorkbookUsesThe1904DateSystem()
    {
        static Row[] Rows() =>
        [
            new Row(Text("A1", "d"), Text("B1", "t")),
            new Row(Number("A2", "45292", 1), Number("B2", "0.25", 2)),
            new Row(Number("A3", "0", 1), Number("B3", "1.5", 2)),
            new Row(Number("A4", "43830.25", 1), Number("B4", "1.5", 3)),
        ];
        CollectionAssert.AreEqual(new[] { "d,t", "2028-01-02,06:00:00", "1904-01-01,12:00:00", "2024-01-01 06:00:00,36:00:00" }, Lines(Book(Rows(), date1904: true)));

        // The same serials in the 1900 system: 45292 is 2024-01-01, 0 the 1900-01-00 that is no date (empty), and a
        // time-of-day format shows 1.5 as noon, [h] as 36 hours.
        CollectionAssert.AreEqual(new[] { "d,t", "2024-01-01,06:00:00", ",12:00:00", "2019-12-31 06:00:00,36:00:00" }, Lines(Book(Rows())));
    }

    [TestMethod]
    public void Strings_ShouldBeShownWithoutPhoneticGuidesAndWithEscapesDecoded()
    {
        var strings = new[]
        {
            new SharedStringItem(new Text("東京"), new PhoneticRun(new Text("トウキョウ")) { BaseTextStartIndex = 0, EndingBaseIndex = 2 }, new PhoneticProperties { FontId = 0 }),
            new SharedStringItem(new Run(new Text("Hello ")), new Run(new RunProperties(new Bold()), new Text("World")), new PhoneticRun(new Text("PH")) { BaseTextStartIndex = 0, EndingBaseIndex = 1 }),
            new SharedStringItem(new Text("a_x0009_b")),
            new SharedStringItem(new Text("_x005F_x0041_ and _x00e9_")),
        };
        var rows = new[]
        {
            new Row(Text("A1", "city"), Text("B1", "rich"), Text("C1", "tab"), Text("D1", "literal")),
            new Row(Shared("A2", 0), Shared("B2", 1), Shared("C2", 2), Shared("D2", 3)),
        };
        CollectionAssert.AreEqual(new[] { "city,rich,tab,literal", "東京,Hello World,a\tb,_x0041_ and é" }, Lines(Book(rows, strings: strings)));
    }

    [TestMethod]
    public void MergedAreas_ShouldShowOnlyTheirFirstCell_WhenOtherCellsStillHoldValues()
    {
        var rows = new[]
        {
            new Row(Text("A1", "grp"), Text("B1", "val"), Text("C1", "x")),
            new Row(Text("A2", "G1"), Number("B2", "1"), Number("C2", "10")),
            new Row(Text("A3", "STALE"), Number("B3", "2"), Number("C3", "20")),
            new Row(Text("A4", "T"), Text("B4", "stale2"), Number("C4", "40")),
        };
        CollectionAssert.AreEqual(new[] { "grp,val,x", "G1,1,10", ",2,20", "T,,40" }, Lines(Book(rows, merged: ["A2:A3", "A4:B4"])));
    }

    [TestMethod]
    public void Cells_ShouldBeWrittenAsSerialDatesAre_WhenTheyAreIsoDateCells()
    {
        var rows = new[]
        {
            new Row(Text("A1", "when")),
            new Row(new Cell { CellReference = "A2", DataType = CellValues.Date, CellValue = new CellValue("2024-05-01T10:00:00") }),
            new Row(new Cell { CellReference = "A3", DataType = CellValues.Date, CellValue = new CellValue("2024-05-02T00:00:00") }),
        };
        CollectionAssert.AreEqual(new[] { "when", "2024-05-01 10:00:00", "2024-05-02" }, Lines(Book(rows)));
    }

    [TestMethod]
    public async Task Report_ShouldCountFormulasSavedWithoutAValue()
    {
        var rows = new[]
        {
            new Row(Text("A1", "id"), Text("B1", "total")),
            new Row(Number("A2", "1"), new Cell { CellReference = "B2", CellFormula = new CellFormula("A2*2") }),
            new Row(Number("A3", "2"), new Cell { CellReference = "B3", CellFormula = new CellFormula("A3*2"), CellValue = new CellValue("4") }),
            new Row(Number("A4", "3"), new Cell { CellReference = "B4", CellFormula = new CellFormula("A4*2") }),
        };
        var path = Book(rows);
        using var files = new AnalysisTestSupport();
        try
        {
            files.AddBytes("book.xlsx", File.ReadAllBytes(path));
            var report = await files.RunReportAsync(CancellationToken.None, ["unified-profiler"]);
            Assert.AreEqual(2, (int)report["metadata"]!["source_sheet"]!["formula_cells_without_value_read_as_empty"]!);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void DamagedWorkbooks_ShouldBeRefusedWithInvalidInputFile_AndSayWhatIsWrong()
    {
        var missingString = Book([new Row(Shared("A1", 5))], strings: [new SharedStringItem(new Text("only"))]);
        var ex = Assert.ThrowsExactly<AnalysisException>(() => Lines(missingString));
        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("shared string '5'", ex.Message);

        var badXml = Book([new Row(Text("A1", "a"))]);
        using (var zip = System.IO.Compression.ZipFile.Open(badXml, System.IO.Compression.ZipArchiveMode.Update))
        {
            var entry = zip.Entries.Single(e => e.FullName.EndsWith("workbook.xml", StringComparison.Ordinal));
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(entry.FullName).Open());
            writer.Write("<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets><sheet name=\"a\"b\" sheetId=\"1\"/></sheets></workbook>");
        }

        ex = Assert.ThrowsExactly<AnalysisException>(() => Lines(badXml));
        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("not well-formed XML", ex.Message);

        var legacy = Path.Combine(Path.GetTempPath(), $"legacy-{Guid.NewGuid():N}.xls");
        File.WriteAllBytes(legacy, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]]);
        ex = Assert.ThrowsExactly<AnalysisException>(() => Lines(legacy));
        Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        Assert.Contains("legacy binary Excel workbook", ex.Message);
    }
}
