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

    private static List<string> ConvertedLines(string path, string name)
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

    [TestMethod]
    public void Resolve_ShouldRefuseANonWorkbook_WithInvalidInputFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-workbook-{Guid.NewGuid():N}.xlsx");
        File.WriteAllText(path, "a,b\n1,2\n");
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
}
