using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Agensium.Analysis.Reporting.Excel;

/// <summary>
/// Streams the rows of one worksheet with <see cref="OpenXmlWriter"/>, so a sheet's size costs no memory. Text is always an
/// inline string made safe by <see cref="CellText"/>; numbers are numeric cells; no cell is ever a formula.
/// </summary>
internal sealed class WorksheetWriter : IDisposable
{
    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly OpenXmlWriter _writer;
    private uint _row;

    public WorksheetWriter(WorksheetPart part)
    {
        _writer = OpenXmlWriter.Create(part);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new Columns(new Column { Min = 1, Max = 12, Width = 24, CustomWidth = true }));
        _writer.WriteStartElement(new SheetData());
    }

    /// <summary>Writes one row; a null value leaves its cell empty.</summary>
    public void Row(IReadOnlyList<object?> values)
    {
        _row++;
        _writer.WriteStartElement(new Row { RowIndex = _row });
        for (int i = 0; i < values.Count; i++)
        {
            var cell = CellFor(values[i]);
            if (cell is not null)
            {
                cell.CellReference = ColumnName(i) + _row.ToString(CultureInfo.InvariantCulture);
                _writer.WriteElement(cell);
            }
        }

        _writer.WriteEndElement();
    }

    /// <summary>Leaves an empty row.</summary>
    public void Blank() => _row++;

    public void Dispose()
    {
        _writer.WriteEndElement(); // SheetData
        _writer.WriteEndElement(); // Worksheet
        _writer.Dispose();
    }

    /// <summary>A, B, …, Z, AA, … for a 0-based column index.</summary>
    public static string ColumnName(int index)
    {
        string name = "";
        for (int n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static Cell? CellFor(object? value) => value switch
    {
        null => null,
        string s => Text(s),
        bool b => new Cell { DataType = CellValues.Boolean, CellValue = new CellValue(b ? "1" : "0") },
        int or long or decimal => Number(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        double d => double.IsFinite(d) ? Number(d.ToString("R", CultureInfo.InvariantCulture)) : Text(d.ToString(CultureInfo.InvariantCulture)),
        JsonNode node => FromJson(node),
        _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static Cell? FromJson(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => Text(node.GetValue<string>()),
        JsonValueKind.Number => Number(node.ToJsonString()),
        JsonValueKind.True => CellFor(true),
        JsonValueKind.False => CellFor(false),
        JsonValueKind.Null => null,
        _ => Text(node.ToJsonString(CompactJson)),
    };

    private static Cell Number(string invariant) => new() { CellValue = new CellValue(invariant) };

    private static Cell Text(string text) => new()
    {
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(CellText.Safe(text)) { Space = SpaceProcessingModeValues.Preserve }),
    };
}
