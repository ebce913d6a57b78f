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
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
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

        WriteXml("xl/_rels/workbook.xml.rels", Relationships(Enumerable.Range(0, _sheets.Count).Select(i =>
            (SheetRelationshipId(i), "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", $"worksheets/sheet{i + 1}.xml"))));
        WriteXml("_rels/.rels", Relationships([("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml")]));
        XNamespace types = "http://schemas.openxmlformats.org/package/2006/content-types";
        WriteXml("[Content_Types].xml", new XElement(types + "Types",
            new XElement(types + "Default", new XAttribute("Extension", "rels"), new XAttribute("ContentType", "application/vnd.openxmlformats-package.relationships+xml")),
            new XElement(types + "Default", new XAttribute("Extension", "xml"), new XAttribute("ContentType", "application/xml")),
            new XElement(types + "Override", new XAttribute("PartName", "/xl/workbook.xml"), new XAttribute("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")),
            Enumerable.Range(0, _sheets.Count).Select(i => new XElement(types + "Override", new XAttribute("PartName", $"/xl/worksheets/sheet{i + 1}.xml"),
                new XAttribute("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")))));
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
