using Agensium.Analysis;
using Agensium.Analysis.Input;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Agensium.Scheduler.Tests.Analysis;

[TestClass]
public sealed class XlsxInputTests
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    /// <summary>The lines of the CSV an input converts to (XLSX, JSON), checking its .csv name and that disposing the set deletes it.</summary>
    internal static List<string> ConvertedLines(string path, string name)
    {
        using var set = InputFileSet.Resolve([new InputFile(name, path)]);
        Assert.AreEqual(Path.ChangeExtension(name, ".csv"), set.Primary.Name);
        var lines = File.ReadAllLines(set.Primary.Path).ToList();
        var converted = set.Primary.Path;
        set.Dispose();
        Assert.IsFalse(File.Exists(converted), "the temporary CSV is deleted with the input set");
        return lines;
    }

    [TestMethod]
    public void Resolve_ShouldConvertTheFirstSheetWithDatesAsIsoText_WhenTheInputIsXlsx()
    {
        var lines = ConvertedLines(Sample("current.xlsx"), "current.xlsx");
        Assert.AreEqual("id,name,age,join_date,department,salary", lines[0]);
        Assert.HasCount(7, lines, "header and six rows");
        var joinDates = lines.Skip(1).Select(l => l.Split(',')[3]).ToList();
        Assert.IsTrue(joinDates.All(d => DateOnly.TryParseExact(d, "yyyy-MM-dd", out _)), string.Join(" ", joinDates));
    }

    [TestMethod]
    public void Resolve_ShouldReadAnXlsxNamedXls_AndOnlyItsFirstSheet()
    {
        var lines = ConvertedLines(Sample("sample_schema_scanner.xls"), "sample_schema_scanner.xls");
        Assert.AreEqual("EmployeeID,Name,Department,Salary", lines[0]);
        Assert.IsFalse(lines.Any(l => l.Contains("Project", StringComparison.OrdinalIgnoreCase)), "the second sheet is not read");
    }

    private static Cell Text(string reference, string text) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };

    private static Cell Number(string reference, string value) => new() { CellReference = reference, CellValue = new CellValue(value) };

    private static Cell Error(string reference, string value) =>
        new() { CellReference = reference, DataType = CellValues.Error, CellFormula = new CellFormula("1/0"), CellValue = new CellValue(value) };

    /// <summary>A workbook with the given sheets (name, rows), in order.</summary>
    private static string Workbook(params (string Name, Row[] Rows)[] sheets)
    {
        var path = Path.Combine(Path.GetTempPath(), $"book-{Guid.NewGuid():N}.xlsx");
        using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = doc.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var list = workbook.Workbook.AppendChild(new Sheets());
        uint id = 1;
        foreach (var (name, rows) in sheets)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            part.Worksheet = new Worksheet(new SheetData(rows));
            list.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = name });
        }

        return path;
    }

    [TestMethod]
    public void Read_ShouldBlameACellOverTheLimit_WhenAWorkbookRowIsTooLong()
    {
        // A workbook's rows are written with their line breaks and quotes, so ROW_TOO_LARGE's "a file without line breaks,
        // or an unterminated quote" sent the user looking for what a workbook cannot have: it is a cell holding too much.
        var path = Workbook(("Data", [new Row(Text("A1", "note"), Text("B1", "id")),
            new Row(Text("A2", new string('x', CsvTableReader.MaxRowChars + 16)), Number("B2", "1"))]));
        try
        {
            using var set = InputFileSet.Resolve([new InputFile("notes.xlsx", path)]);
            var ex = Assert.ThrowsExactly<AnalysisException>(() =>
            {
                using var table = CsvTableReader.Open(set.Primary);
                while (table.Read())
                {
                }
            });

            Assert.AreEqual(AnalysisErrorCodes.RowTooLarge, ex.ErrorCode);
            StringAssert.Contains(ex.Message, "'notes.xlsx [sheet Data]'");
            StringAssert.Contains(ex.Message, "a cell holding that much text");
            Assert.DoesNotContain("line breaks", ex.Message);
            Assert.DoesNotContain("unterminated quote", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Convert_ShouldRefuseASheetThatExpandsPastTheCap_AndLeaveNoCsv()
    {
        // A valid workbook of millions of repeated cells compresses a thousandfold: its CSV grew without bound in the
        // worker's disk (an 8.5 MB workbook, 34 GB). The default cap is 100 times the workbook, at least 1 GiB; a tiny
        // one here.
        var path = Workbook(("Data", [.. Enumerable.Range(1, 200).Select(r => new Row(Text($"A{r}", "same value"), Number($"B{r}", "1")))]));
        string csv = Path.Combine(Path.GetTempPath(), $"capped-{Guid.NewGuid():N}.csv");
        try
        {
            var ex = Assert.ThrowsExactly<AnalysisException>(() => XlsxToCsv.Convert(new InputFile("bomb.xlsx", path), csv, maxBytes: 1000));
            Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
            StringAssert.Contains(ex.Message, "'bomb.xlsx': its sheet expands to more than");
            Assert.IsFalse(File.Exists(csv));

            Assert.HasCount(200, File.ReadAllLines(XlsxToCsv.Convert(new InputFile("bomb.xlsx", path), csv).Path), "within the default cap");
        }
        finally
        {
            File.Delete(path);
            File.Delete(csv);
        }
    }

    [TestMethod]
    public void Resolve_ShouldStopAConversionAndLeaveNothing_WhenTheRunIsCancelled()
    {
        // A time limit or a cancel during a workbook's or a JSON file's conversion: the soft limit went unheeded until the
        // conversion ended (only the hard limit stopped it), and the partial CSV stayed in the run's folder.
        var book = Workbook(("Data", [.. Enumerable.Range(1, 50).Select(r => new Row(Text($"A{r}", "v"), Number($"B{r}", "1")))]));
        string json = Path.Combine(Path.GetTempPath(), $"records-{Guid.NewGuid():N}.json");
        File.WriteAllText(json, "[" + string.Join(",", Enumerable.Range(1, 50).Select(i => $$"""{"id": {{i}}}""")) + "]");
        string scratch = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"scratch-{Guid.NewGuid():N}")).FullName;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        try
        {
            Assert.ThrowsExactly<OperationCanceledException>(() => InputFileSet.Resolve([new InputFile("book.xlsx", book)], scratch, cancelled.Token));
            Assert.ThrowsExactly<OperationCanceledException>(() => InputFileSet.Resolve([new InputFile("records.json", json)], scratch, cancelled.Token));
            Assert.IsEmpty(Directory.GetFiles(scratch), "no partial CSV left behind");

            using var set = InputFileSet.Resolve([new InputFile("book.xlsx", book)], scratch, CancellationToken.None);
            Assert.HasCount(50, File.ReadAllLines(set.Primary.Path), "converted when not cancelled");
        }
        finally
        {
            File.Delete(book);
            File.Delete(json);
            Directory.Delete(scratch, recursive: true);
        }
    }

    [TestMethod]
    public async Task ProfileMyData_ShouldReadTheTableUnderATitle_AndSayWhichSheetItReadAndWhatWasLeftEmpty()
    {
        var path = Workbook(
            ("Report", [
                new Row(Text("A1", "Sales report Q1 2024")),
                new Row(Text("A3", "id"), Text("B3", "region"), Text("C3", "ratio")),
                new Row(Number("A4", "1"), Text("B4", "north"), Number("C4", "0.5")),
                new Row(Number("A5", "2"), Text("B5", "south"), Error("C5", "#DIV/0!")),
                new Row(Number("A6", "3"), Text("B6", "east"), Number("C6", "1.5")),
                new Row(Number("A7", "4"), Text("B7", "west"), Number("C7", "2")),
            ]),
            ("Lookups", [new Row(Text("A1", "code"))]));
        using var files = new AnalysisTestSupport();
        try
        {
            files.AddBytes("sales.xlsx", File.ReadAllBytes(path));
            var report = await files.RunReportAsync(CancellationToken.None, ["unified-profiler"]);

            var metadata = report["metadata"]!;
            Assert.AreEqual("Report", (string?)metadata["source_sheet"]!["sheet"]);
            CollectionAssert.AreEqual(new[] { "Lookups" }, metadata["source_sheet"]!["sheets_not_read"]!.AsArray().Select(n => (string?)n).ToArray());
            Assert.AreEqual(1, (int)metadata["source_sheet"]!["error_cells_read_as_empty"]!);
            CollectionAssert.AreEqual(new[] { "Sales report Q1 2024" }, metadata["title_lines_skipped"]!.AsArray().Select(n => (string?)n).ToArray());
            var ratio = AnalysisTestSupport.Column(report, "ratio");
            Assert.AreEqual("float", (string?)ratio["inferred_type"], "#DIV/0! is a missing value, not text");
            Assert.AreEqual(1, (int)ratio["null_count"]!);
            Assert.IsTrue(report["alerts"]!.AsArray()
                .Any(a => ((string?)a!["message"])!.Contains("Sales report Q1 2024", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Open_ShouldSkipATitleInA1_WhenTheHeaderBelowLeavesItsFirstCellEmpty()
    {
        // A pandas export (index column without a name) under a title: read as one column named after the title.
        var path = Workbook(("S", [
            new Row(Text("A1", "Sales report Q1 2024")),
            new Row(Text("B3", "id"), Text("C3", "name"), Text("D3", "amount")),
            .. Enumerable.Range(0, 4).Select(i => new Row(Number($"A{i + 4}", $"{i}"), Number($"B{i + 4}", $"{i + 1}"), Text($"C{i + 4}", $"N{i}"), Number($"D{i + 4}", $"{10 * i}"))),
        ]));
        try
        {
            var (columns, titles, rows) = ReadTable(path, "indexed.xlsx");

            Assert.AreEqual("column_1|id|name|amount", string.Join("|", columns));
            CollectionAssert.AreEqual(new[] { "Sales report Q1 2024" }, titles.ToArray());
            Assert.AreEqual(4, rows);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Open_ShouldSkipAOneWordTitleInA1_WhenTheTableBelowHoldsOnlyWords()
    {
        // In a CSV, "Summary" above "product,status,owner" may be the header of one column whose values hold commas; a
        // sheet's cells are never split at a comma, so the one cell above the table is its title.
        var path = Workbook(("S", [
            new Row(Text("A1", "Summary")),
            new Row(Text("A3", "product"), Text("B3", "status"), Text("C3", "owner")),
            new Row(Text("A4", "Widget"), Text("B4", "ok"), Text("C4", "Ann")),
            new Row(Text("A5", "Gadget"), Text("B5", "fail"), Text("C5", "Bob")),
            new Row(Text("A6", "Gizmo, large"), Text("B6", "ok"), Text("C6", "Cy")),
        ]));
        try
        {
            var (columns, titles, rows) = ReadTable(path, "summary.xlsx");

            Assert.AreEqual("product|status|owner", string.Join("|", columns));
            CollectionAssert.AreEqual(new[] { "Summary" }, titles.ToArray());
            Assert.AreEqual(3, rows);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    [DataRow("Report", DisplayName = "one-word title")]
    [DataRow("Sales report Q1 2024", DisplayName = "title of words")]
    public void Open_ShouldSkipTheTitleAndKeepEachCellAField_WhenOneRowHasARemarkRightOfTheTable(string title)
    {
        // A1 a title, row 2 the header, a row with a remark in E: the sheet was read as one column named after the
        // title whose values were its rows' cells joined with commas ("ann,paris,10") the sheet never held. The total
        // row below, with a remark too, is left out (SheetFooter) and listed.
        var path = Workbook(("S", [
            new Row(Text("A1", title)),
            new Row(Text("A2", "name"), Text("B2", "city"), Text("C2", "amount")),
            new Row(Text("A3", "ann"), Text("B3", "paris"), Number("C3", "10")),
            new Row(Text("A4", "bob"), Text("B4", "rome"), Number("C4", "20")),
            new Row(Text("A5", "cy"), Text("B5", "oslo"), Number("C5", "30"), Text("E5", "checked")),
            new Row(Text("A6", "Total"), Number("C6", "60"), Text("E6", "checked")),
        ]));
        try
        {
            using var set = InputFileSet.Resolve([new InputFile("report.xlsx", path)]);
            using var reader = CsvTableReader.Open(set.Primary);

            Assert.AreEqual("name|city|amount", string.Join("|", reader.Columns));
            CollectionAssert.AreEqual(new[] { title }, reader.TitleLines.ToArray());
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join("|", Enumerable.Range(0, reader.PresentFieldCount).Select(i => reader.GetField(i).ToString())));
            }

            Assert.AreEqual("ann|paris|10 bob|rome|20 cy|oslo|30", string.Join(" ", rows));
            Assert.AreEqual(1, reader.LongRows, "the remark is its row's extra field");
            CollectionAssert.AreEqual(new[] { "Total, 60, checked" }, reader.TrailingLines.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Open_ShouldNeverJoinASheetsCellsIntoOneField_WhenNoHeaderIsFound()
    {
        // No title found (rows of one cell and of three under one of two): each cell is still a field of its own, never
        // "b,c,d" read as one value with commas the sheet never held; a cell holding ';' is not split either.
        var path = Workbook(("S", [
            new Row(Text("A1", "x")),
            new Row(Text("A2", "a"), Text("B2", "b;c")),
            new Row(Text("A3", "one")),
            new Row(Text("A4", "b"), Text("B4", "c"), Text("C4", "d")),
            new Row(Text("A5", "e"), Text("B5", "f"), Text("C5", "g")),
        ]));
        try
        {
            using var set = InputFileSet.Resolve([new InputFile("loose.xlsx", path)]);
            using var reader = CsvTableReader.Open(set.Primary);

            Assert.AreEqual("x", string.Join("|", reader.Columns));
            Assert.IsNull(reader.UnsplitRows);
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join("|", Enumerable.Range(0, reader.RowFieldCount).Select(f => reader.GetField(f).ToString())));
            }

            Assert.AreEqual("a|b;c| one|| b|c|d e|f|g", string.Join(" ", rows), "each cell a field (the table's rows padded to its width)");
            Assert.AreEqual(4, reader.LongRows);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    [DataRow("#", DisplayName = "a column named #")]
    [DataRow("# of items", DisplayName = "a column named # of items")]
    [DataRow("#tag", DisplayName = "a column named #tag")]
    public void Open_ShouldReadAHeaderCellStartingWithHash_AsAColumnName_NeverAsAComment(string name)
    {
        // A sheet's cell A1 starting with '#' was read as a CSV comment line: the header went into the title lines and
        // the first data row became the header. A spreadsheet has no comment lines.
        var path = Workbook(("S", [
            new Row(Text("A1", name), Text("B1", "product"), Text("C1", "status")),
            new Row(Text("A2", "a"), Text("B2", "pen"), Text("C2", "ok")),
            new Row(Text("A3", "b"), Text("B3", "ink"), Text("C3", "late")),
            new Row(Text("A4", "c"), Text("B4", "pad"), Text("C4", "ok")),
        ]));
        try
        {
            var (columns, titles, rows) = ReadTable(path, "items.xlsx");

            Assert.AreEqual($"{name}|product|status", string.Join("|", columns));
            Assert.IsEmpty(titles);
            Assert.AreEqual(3, rows);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // The columns, title lines and data rows the CSV reader reads from a workbook's converted sheet.
    private static (IReadOnlyList<string> Columns, IReadOnlyList<string> Titles, int Rows) ReadTable(string path, string name)
    {
        using var set = InputFileSet.Resolve([new InputFile(name, path)]);
        using var reader = CsvTableReader.Open(set.Primary);
        int rows = 0;
        while (reader.Read())
        {
            Assert.AreEqual(reader.Columns.Count, reader.RowFieldCount);
            rows++;
        }

        return (reader.Columns, reader.TitleLines, rows);
    }

    [TestMethod]
    public async Task ProfileMyData_ShouldReadATableStartingInColumnB_UnderATitleInA1()
    {
        var path = Workbook(
            ("Report", [
                new Row(Text("A1", "Customer list, March")),
                new Row(Text("B3", "id"), Text("C3", "name"), Text("D3", "city")),
                new Row(Number("B4", "1"), Text("C4", "Ann"), Text("D4", "Oslo")),
                new Row(Number("B5", "2"), Text("C5", "Bob"), Text("D5", "Rome")),
                new Row(Number("B6", "3"), Text("C6", "Cy")),
                new Row(Number("B7", "4"), Text("C7", "Di"), Text("D7", "Bern")),
            ]));
        using var files = new AnalysisTestSupport();
        try
        {
            files.AddBytes("customers.xlsx", File.ReadAllBytes(path));
            var report = await files.RunReportAsync(CancellationToken.None, ["unified-profiler"]);

            var metadata = report["metadata"]!;
            Assert.AreEqual("B", (string?)metadata["source_sheet"]!["table_starts_in_column"]);
            CollectionAssert.AreEqual(new[] { "Customer list, March" }, metadata["title_lines_skipped"]!.AsArray().Select(n => (string?)n).ToArray());
            Assert.AreEqual(4, (int)AnalysisTestSupport.Column(report, "id")["total_count"]!);
            Assert.AreEqual(1, (int)AnalysisTestSupport.Column(report, "city")["null_count"]!);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Resolve_ShouldLeaveOutEmptyLeadingColumns_ButKeepColumnAWhenAnyTableRowFillsIt_AndPadShortRows()
    {
        var shifted = Workbook(("S", [
            new Row(Text("A1", "Generated:"), Text("B1", "2024-01-01")),
            new Row(Text("C2", "a"), Text("D2", "b")),
            new Row(Number("C3", "1"), Number("D3", "2")),
            new Row(Number("C4", "5")),
        ]));
        var kept = Workbook(("S", [
            new Row(Text("B1", "a"), Text("C1", "b")),
            new Row(Number("B2", "1"), Number("C2", "2")),
            new Row(Number("A3", "9"), Number("B3", "3"), Number("C3", "4")),
        ]));
        try
        {
            CollectionAssert.AreEqual(new[] { "Generated:,2024-01-01", "a,b", "1,2", "5," }, ConvertedLines(shifted, "shifted.xlsx"),
                "a row without a cell for its last column has an empty value there, not a missing field");
            CollectionAssert.AreEqual(new[] { ",a,b", ",1,2", "9,3,4" }, ConvertedLines(kept, "kept.xlsx"));
        }
        finally
        {
            File.Delete(shifted);
            File.Delete(kept);
        }
    }

    /// <summary>A one-sheet workbook with merged areas.</summary>
    private static string MergedWorkbook(Row[] rows, params string[] merges)
    {
        var path = Path.Combine(Path.GetTempPath(), $"book-{Guid.NewGuid():N}.xlsx");
        using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = doc.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var part = workbook.AddNewPart<WorksheetPart>();
        part.Worksheet = new Worksheet(new SheetData(rows), new MergeCells([.. merges.Select(m => new MergeCell { Reference = m })]));
        workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "S" }));
        return path;
    }

    [TestMethod]
    public void Resolve_ShouldKeepOrdinarySheetsAsTheyWere_WhenPaddingShortRows()
    {
        // Found in review of the padding: a merged title wider than the table (Excel stores its empty styled cells)
        // padded the header and hid the title; a blank spacer row became a row of empty fields; one empty styled cell
        // made every later row long; a table from column B under a title showed a merged area's hidden value.
        var wideTitle = MergedWorkbook([
            new Row(Text("A1", "Sales report Q1"), new Cell { CellReference = "B1" }, new Cell { CellReference = "C1" }, new Cell { CellReference = "D1" }, new Cell { CellReference = "E1" }),
            new Row(Text("A3", "id"), Text("B3", "name"), Text("C3", "city")),
            new Row(Number("A4", "1"), Text("B4", "Ann")),
            new Row { RowIndex = 5 },
            new Row(Number("A6", "2"), Text("B6", "Bob"), Text("C6", "Oslo"), new Cell { CellReference = "F6" }),
            new Row(Number("A7", "3"), Text("B7", "Cy"), Text("C7", "Rome")),
        ], "A1:E1");
        var fromB = MergedWorkbook([
            new Row(Text("A1", "Customer list")) { RowIndex = 1 },
            new Row(Text("B3", "id"), Text("C3", "name"), Text("D3", "city")) { RowIndex = 3 },
            new Row(Number("B4", "1"), Text("C4", "Ann"), Text("D4", "Oslo")) { RowIndex = 4 },
            new Row(Number("B5", "2"), Text("C5", "Bob"), Text("D5", "HIDDEN")) { RowIndex = 5 },
        ], "C5:D5");
        try
        {
            Assert.AreEqual("Sales report Q1|id,name,city|1,Ann,||2,Bob,Oslo|3,Cy,Rome", string.Join("|", ConvertedLines(wideTitle, "wide.xlsx")));
            Assert.AreEqual("Customer list|id,name,city|1,Ann,Oslo|2,Bob,", string.Join("|", ConvertedLines(fromB, "fromb.xlsx")));
        }
        finally
        {
            File.Delete(wideTitle);
            File.Delete(fromB);
        }
    }

    [TestMethod]
    public async Task ProfileMyData_ShouldNameTheWorkbookAndItsSheets_WhenTheFirstSheetHasNoData()
    {
        var path = Workbook(("Notes", [new Row(Text("A1", "See the Data sheet"))]), ("Data", [new Row(Text("A1", "id")), new Row(Number("A2", "1"))]));
        using var files = new AnalysisTestSupport();
        try
        {
            files.AddBytes("book.xlsx", File.ReadAllBytes(path));
            var result = await files.RunAsync(CancellationToken.None);

            Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, result.ErrorCode);
            StringAssert.Contains(result.ErrorMessage, "book.xlsx [sheet Notes; other sheets, not read: Data]");
            Assert.DoesNotContain("book.csv", result.ErrorMessage!);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Resolve_ShouldRefuseADamagedWorkbook_WithInvalidInputFile()
    {
        // A ZIP signature and then garbage: a damaged workbook, not text (text named .xlsx is read as CSV).
        var path = Path.Combine(Path.GetTempPath(), $"not-a-workbook-{Guid.NewGuid():N}.xlsx");
        File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 0x61, 0x2C, 0x62, 0x0A, 0x31, 0x2C, 0x32, 0x0A]);
        try
        {
            var ex = Assert.ThrowsExactly<AnalysisException>(() => InputFileSet.Resolve([new InputFile("data.xlsx", path)]));
            Assert.AreEqual(AnalysisErrorCodes.InvalidInputFile, ex.ErrorCode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Resolve_ShouldUseCachedFormulaValuesAndGapsForMergedCells_NeverFormulaText()
    {
        var path = Path.Combine(Path.GetTempPath(), $"formulas-{Guid.NewGuid():N}.xlsx");
        using (var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData(
                new Row(new Cell { CellReference = "A1", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("name")) },
                        new Cell { CellReference = "B1", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("total")) },
                        new Cell { CellReference = "C1", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("note")) }),
                new Row(new Cell { CellReference = "A2", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("merged, wide")) },
                        new Cell { CellReference = "C2", CellFormula = new CellFormula("1+1"), CellValue = new CellValue("2") }));
            sheetPart.Worksheet = new Worksheet(data, new MergeCells(new MergeCell { Reference = "A2:B2" }));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "S" }));
        }
        try
        {
            var lines = ConvertedLines(path, "book.xlsx");
            Assert.AreEqual("name,total,note", lines[0]);
            Assert.AreEqual("\"merged, wide\",,2", lines[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Resolve_ShouldWriteCellsAsExcelShowsThem_WhenTheyHaveTimeDateOrZeroPaddedFormats()
    {
        // Style 1: built-in 21 (h:mm:ss); 2: built-in 14 (a date); 3: custom "[h]:mm" (a duration); 4: custom "0.00" (a number);
        // 5: custom "00000" (a ZIP code Excel shows as 02134).
        var path = Path.Combine(Path.GetTempPath(), $"times-{Guid.NewGuid():N}.xlsx");
        using (var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "[h]:mm" }, new NumberingFormat { NumberFormatId = 165, FormatCode = "0.00" },
                    new NumberingFormat { NumberFormatId = 166, FormatCode = "00000" }),
                new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 21 }, new CellFormat { NumberFormatId = 14 },
                    new CellFormat { NumberFormatId = 164 }, new CellFormat { NumberFormatId = 165 }, new CellFormat { NumberFormatId = 166 }));
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            static Cell Text(string reference, string text) => new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };
            static Cell Number(string reference, string value, uint style) => new() { CellReference = reference, StyleIndex = style, CellValue = new CellValue(value) };
            var data = new SheetData(
                new Row(Text("A1", "start"), Text("B1", "day"), Text("C1", "took"), Text("D1", "amount"), Text("E1", "zip")),
                new Row(Number("A2", "0.378472222222222", 1), Number("B2", "1", 2), Number("C2", "1.5", 3), Number("D2", "2.5", 4), Number("E2", "2134", 5)),
                new Row(Number("A3", "0", 1), Number("B3", "59", 2), Number("C3", "0.25", 3), Number("D3", "3", 4), Number("E3", "10001", 5)),
                new Row(Number("A4", "0.75", 1), Number("B4", "61", 2), Number("C4", "0", 3), Number("D4", "4", 4), Number("E4", "501", 5)),
                new Row(Number("A5", "0.5", 1), Number("B5", "45351.5", 2), Number("C5", "2", 3), Number("D5", "5", 4), Number("E5", "94105", 5)));
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "S" }));
        }

        try
        {
            var lines = ConvertedLines(path, "times.xlsx");
            CollectionAssert.AreEqual(
                new[] { "start,day,took,amount,zip", "09:05:00,1900-01-01,36:00:00,2.5,02134", "00:00:00,1900-02-28,06:00:00,3,10001", "18:00:00,1900-03-01,00:00:00,4,00501", "12:00:00,2024-02-29 12:00:00,48:00:00,5,94105" },
                lines);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
