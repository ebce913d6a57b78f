using Agensium.Analysis.Input;
using System.Globalization;
using System.IO.Compression;
using System.Xml;

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
        using (var writer = SpreadsheetXml.Create(part))
        {
            writer.Start("workbook");
            writer.WriteAttributeString("xmlns", "r", null, SpreadsheetXml.OfficeRelationships);
            writer.Start("sheets");
            for (int i = 0; i < _sheets.Count; i++)
            {
                writer.Start("sheet");
                writer.WriteAttributeString("name", _sheets[i]);
                writer.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                writer.WriteAttributeString("r", "id", SpreadsheetXml.OfficeRelationships, SheetRelationshipId(i));
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        WriteStyles();
        WritePackageXml("xl/_rels/workbook.xml.rels", SpreadsheetXml.PackageRelationships, "Relationships", writer =>
        {
            for (int i = 0; i < _sheets.Count; i++)
            {
                Relationship(writer, SheetRelationshipId(i), "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", $"worksheets/sheet{i + 1}.xml");
            }

            Relationship(writer, SheetRelationshipId(_sheets.Count), "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles.xml");
        });
        WritePackageXml("_rels/.rels", SpreadsheetXml.PackageRelationships, "Relationships", writer =>
            Relationship(writer, "rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml"));
        WritePackageXml("[Content_Types].xml", SpreadsheetXml.ContentTypes, "Types", writer =>
        {
            ContentType(writer, "Default", "Extension", "rels", "application/vnd.openxmlformats-package.relationships+xml");
            ContentType(writer, "Default", "Extension", "xml", "application/xml");
            ContentType(writer, "Override", "PartName", "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            ContentType(writer, "Override", "PartName", "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
            for (int i = 0; i < _sheets.Count; i++)
            {
                ContentType(writer, "Override", "PartName", $"/xl/worksheets/sheet{i + 1}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            }
        });
    }

    // Two cell formats: 0 the default, 1 (WorksheetWriter.QuotePrefixStyle) with quotePrefix, Excel's "text shown as
    // written": a text starting with = + - @ is shown without an apostrophe and stays text when the cell is edited.
    private void WriteStyles()
    {
        using var part = Entry("xl/styles.xml");
        using var writer = SpreadsheetXml.Create(part);
        writer.Start("styleSheet");
        writer.Start("fonts");
        writer.WriteAttributeString("count", "1");
        writer.Start("font");
        writer.Empty("sz", ("val", "11"));
        writer.Empty("name", ("val", "Calibri"));
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.Start("fills");
        writer.WriteAttributeString("count", "2");
        foreach (string pattern in (ReadOnlySpan<string>)["none", "gray125"])
        {
            writer.Start("fill");
            writer.Empty("patternFill", ("patternType", pattern));
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.Start("borders");
        writer.WriteAttributeString("count", "1");
        writer.Start("border");
        foreach (string side in (ReadOnlySpan<string>)["left", "right", "top", "bottom", "diagonal"])
        {
            writer.Empty(side);
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.Start("cellStyleXfs");
        writer.WriteAttributeString("count", "1");
        writer.Empty("xf", ("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"));
        writer.WriteEndElement();
        writer.Start("cellXfs");
        writer.WriteAttributeString("count", "2");
        writer.Empty("xf", ("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"));
        writer.Empty("xf", ("numFmtId", "0"), ("fontId", "0"), ("fillId", "0"), ("borderId", "0"), ("xfId", "0"), ("quotePrefix", "1"));
        writer.WriteEndElement();
        writer.Start("cellStyles");
        writer.WriteAttributeString("count", "1");
        writer.Empty("cellStyle", ("name", "Normal"), ("xfId", "0"), ("builtinId", "0"));
        writer.WriteEndElement();
        writer.WriteEndElement();
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

    private static void Relationship(XmlWriter writer, string id, string type, string target)
    {
        writer.WriteStartElement("Relationship", SpreadsheetXml.PackageRelationships);
        writer.WriteAttributeString("Id", id);
        writer.WriteAttributeString("Type", type);
        writer.WriteAttributeString("Target", target);
        writer.WriteEndElement();
    }

    private static void ContentType(XmlWriter writer, string element, string keyName, string key, string contentType)
    {
        writer.WriteStartElement(element, SpreadsheetXml.ContentTypes);
        writer.WriteAttributeString(keyName, key);
        writer.WriteAttributeString("ContentType", contentType);
        writer.WriteEndElement();
    }

    private Stream Entry(string name) => _zip.CreateEntry(name, CompressionLevel.Optimal).Open();

    // A package part (relationships, content types): a standalone document in its default namespace.
    private void WritePackageXml(string name, string ns, string rootName, Action<XmlWriter> children)
    {
        using var stream = Entry(name);
        using var writer = SpreadsheetXml.Create(stream);
        writer.WriteStartDocument(standalone: true);
        writer.WriteStartElement(rootName, ns);
        children(writer);
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }
}
