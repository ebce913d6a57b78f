using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Agensium.Analysis.Reporting.Excel;

/// <summary>
/// Adds worksheets to a new .xlsx file one at a time (each streamed, see <see cref="WorksheetWriter"/>) and caps every
/// sheet at a number of rows; a capped sheet says so in its first row, with the number of rows it had.
/// </summary>
internal sealed class WorkbookBuilder : IDisposable
{
    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbook;
    private readonly SheetNames _names = new();
    private readonly List<(string Name, string RelationshipId)> _sheets = [];
    private readonly int _maxRows;

    public WorkbookBuilder(string path, int maxRowsPerSheet)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRowsPerSheet, 1);
        _maxRows = maxRowsPerSheet;
        _document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        _workbook = _document.AddWorkbookPart();
    }

    /// <summary>The note a capped sheet starts with.</summary>
    public static string TruncationNote(int shown, long total) =>
        string.Create(CultureInfo.InvariantCulture, $"Truncated: this sheet shows the first {shown:N0} of {total:N0} rows.");

    /// <summary>Adds a sheet named after <paramref name="wantedName"/> (made valid and unique) and returns the name used. The rows are enumerated twice: once to count them.</summary>
    public string AddSheet(string wantedName, IEnumerable<IReadOnlyList<object?>> rows)
    {
        string name = _names.Next(wantedName);
        long total = rows.LongCount();
        var part = _workbook.AddNewPart<WorksheetPart>();
        using (var sheet = new WorksheetWriter(part))
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
        }

        _sheets.Add((name, _workbook.GetIdOfPart(part)));
        return name;
    }

    /// <summary>Writes the workbook part that lists the sheets; call once after the last sheet.</summary>
    public void Finish()
    {
        using (var writer = OpenXmlWriter.Create(_workbook))
        {
            writer.WriteStartElement(new Workbook());
            writer.WriteStartElement(new Sheets());
            for (int i = 0; i < _sheets.Count; i++)
            {
                writer.WriteElement(new Sheet { Name = _sheets[i].Name, SheetId = (uint)(i + 1), Id = _sheets[i].RelationshipId });
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

    }

    /// <summary>Closes the file; a workbook not finished is incomplete and its caller deletes it.</summary>
    public void Dispose() => _document.Dispose();
}
