using Agensium.Analysis.Input;
using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Agensium.Analysis.Reporting.Excel;

/// <summary>
/// Adds worksheets to a new .xlsx file one at a time (each streamed, see <see cref="WorksheetWriter"/>) and caps every
/// sheet at a number of rows; a capped sheet says so in its first row, with the number of rows it had. The package is
/// written as a streaming zip: each sheet goes to the file as it is written, then the workbook, its relationships and
/// the content types. (An Open XML package opened by path is updatable and keeps every part in memory until it closes:
/// over 100 MiB for the profiler's sheet of a 10,000-column file.)
/// </summary>
internal sealed class WorkbookBuilder : IDisposable
{
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private readonly FileStream _file;
    private readonly ZipArchive _zip;
    private readonly SheetNames _names = new();
    private readonly List<string> _sheets = [];
    private readonly int _maxRows;

    public WorkbookBuilder(string path, int maxRowsPerSheet)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRowsPerSheet, 1);
        _maxRows = maxRowsPerSheet;
        _file = LocalWrite.CreateFile(path);
        _zip = new ZipArchive(_file, ZipArchiveMode.Create, leaveOpen: true);
    }

    /// <summary>The note a capped sheet starts with.</summary>
    public static string TruncationNote(int shown, long total) =>
        string.Create(CultureInfo.InvariantCulture, $"Truncated: this sheet shows the first {shown:N0} of {total:N0} rows.");

    /// <summary>Adds a sheet named after <paramref name="wantedName"/> (made valid and unique) and returns the name used. The rows are enumerated twice: once to count them.</summary>
    public string AddSheet(string wantedName, IEnumerable<IReadOnlyList<object?>> rows)
    {
        string name = _names.Next(wantedName);
        long total = rows.LongCount();
        using (var sheet = new WorksheetWriter(Entry($"xl/worksheets/sheet{_sheets.Count + 1}.xml")))
        {
            if (total > _maxRows)
            {
                sheet.Row([TruncationNote(_maxRows, total)]);
                sheet.Blank();
            }

            foreach (var row in rows.Take(_maxRows))
            {
                if (row.Count == 0)
                {
                    sheet.Blank();
                }
                else
                {
                    sheet.Row(row);
                }
            }

            sheet.Complete();
        }

        _sheets.Add(name);
        return name;
    }

    /// <summary>Writes the workbook that lists the sheets, the relationships and the content types; call once after the last sheet.</summary>
    public void Finish()
    {
        using (var part = Entry("xl/workbook.xml"))
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartElement(new Workbook(), [], [new KeyValuePair<string, string>("r", RelationshipsNamespace)]);
            writer.WriteStartElement(new Sheets());
            for (int i = 0; i < _sheets.Count; i++)
            {
                writer.WriteElement(new Sheet { Name = _sheets[i], SheetId = (uint)(i + 1), Id = SheetRelationshipId(i) });
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        WriteStyles();
        WriteXml("xl/_rels/workbook.xml.rels", Relationships(Enumerable.Range(0, _sheets.Count).Select(i =>
            (SheetRelationshipId(i), "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", $"worksheets/sheet{i + 1}.xml"))
            .Append((SheetRelationshipId(_sheets.Count), "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles.xml"))));
        WriteXml("_rels/.rels", Relationships([("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml")]));
        XNamespace types = "http://schemas.openxmlformats.org/package/2006/content-types";
        WriteXml("[Content_Types].xml", new XElement(types + "Types",
            new XElement(types + "Default", new XAttribute("Extension", "rels"), new XAttribute("ContentType", "application/vnd.openxmlformats-package.relationships+xml")),
            new XElement(types + "Default", new XAttribute("Extension", "xml"), new XAttribute("ContentType", "application/xml")),
            new XElement(types + "Override", new XAttribute("PartName", "/xl/workbook.xml"), new XAttribute("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")),
            new XElement(types + "Override", new XAttribute("PartName", "/xl/styles.xml"), new XAttribute("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml")),
            Enumerable.Range(0, _sheets.Count).Select(i => new XElement(types + "Override", new XAttribute("PartName", $"/xl/worksheets/sheet{i + 1}.xml"),
                new XAttribute("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")))));
    }

    // Two cell formats: 0 the default, 1 (WorksheetWriter.QuotePrefixStyle) with quotePrefix, Excel's "text shown as
    // written": a text starting with = + - @ is shown without an apostrophe and stays text when the cell is edited.
    private void WriteStyles()
    {
        using var part = Entry("xl/styles.xml");
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteElement(new Stylesheet(
            new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 1 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, QuotePrefix = true }) { Count = 2 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 }));
    }

    /// <summary>Closes the file; a workbook not finished is incomplete and its caller deletes it.</summary>
    public void Dispose()
    {
        try
        {
            _zip.Dispose();
        }
        finally
        {
            _file.Dispose();
        }
    }

    private static string SheetRelationshipId(int index) => $"rId{index + 1}";

    private static XElement Relationships(IEnumerable<(string Id, string Type, string Target)> relationships)
    {
        XNamespace ns = "http://schemas.openxmlformats.org/package/2006/relationships";
        return new XElement(ns + "Relationships", relationships.Select(r =>
            new XElement(ns + "Relationship", new XAttribute("Id", r.Id), new XAttribute("Type", r.Type), new XAttribute("Target", r.Target))));
    }

    private Stream Entry(string name) => _zip.CreateEntry(name, CompressionLevel.Optimal).Open();

    private void WriteXml(string name, XElement root)
    {
        using var stream = Entry(name);
        new XDocument(new XDeclaration("1.0", "utf-8", "yes"), root).Save(stream, SaveOptions.DisableFormatting);
    }
}
