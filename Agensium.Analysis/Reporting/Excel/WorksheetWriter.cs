using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Agensium.Analysis.Reporting.Excel;

/// <summary>
/// Streams the rows of one worksheet with <see cref="OpenXmlWriter"/>, so a sheet's size costs no memory. Text is an
/// inline string made safe by <see cref="CellText"/>, written with the quotePrefix style when it starts like a formula;
/// numbers, and text that is a plain number ("-500"), are numeric cells; no cell is ever a formula.
/// </summary>
internal sealed class WorksheetWriter : IDisposable
{
    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly OpenXmlAttribute PreserveSpace = new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve");

    private readonly Row _rowTag = new();
    private readonly Cell _cellTag = new();
    private readonly CellValue _valueTag = new();
    private readonly InlineString _inlineStringTag = new();
    private readonly Text _textTag = new();

    private readonly Stream _part;
    private readonly OpenXmlWriter _writer;
    private uint _row;

    /// <summary>Starts the worksheet XML on <paramref name="part"/> (a zip entry), which the writer closes when disposed.</summary>
    public WorksheetWriter(Stream part)
    {
        _part = part;
        _writer = OpenXmlWriter.Create(part);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new Columns(new Column { Min = 1, Max = 12, Width = 24, CustomWidth = true }));
        _writer.WriteStartElement(new SheetData());
    }

    /// <summary>Writes one row; a null value leaves its cell empty.</summary>
    public void Row(IReadOnlyList<object?> values)
    {
        _row++;
        string rowNumber = _row.ToString(CultureInfo.InvariantCulture);
        _writer.WriteStartElement(_rowTag, [new OpenXmlAttribute("r", "", rowNumber)]);
        for (int i = 0; i < values.Count; i++)
        {
            WriteCell(ColumnName(i) + rowNumber, values[i]);
        }

        _writer.WriteEndElement();
    }

    /// <summary>Leaves an empty row.</summary>
    public void Blank() => _row++;

    /// <summary>Closes the sheet's elements; call after the last row (a sheet given up half way is only disposed).</summary>
    public void Complete()
    {
        _writer.WriteEndElement(); // SheetData
        _writer.WriteEndElement(); // Worksheet
    }

    public void Dispose()
    {
        try
        {
            _writer.Dispose();
        }
        finally
        {
            _part.Dispose();
        }
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

    // Start and end tags are written from this writer's prototype elements with explicit attributes: no element tree per cell.
    private void WriteCell(string reference, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                WriteText(reference, text);
                return;
            case bool b:
                WriteValue(reference, "b", b ? "1" : "0");
                return;
            case int or long or decimal:
                WriteValue(reference, null, Convert.ToString(value, CultureInfo.InvariantCulture)!);
                return;
            case double d when double.IsFinite(d):
                WriteValue(reference, null, d.ToString("R", CultureInfo.InvariantCulture));
                return;
            case double:
            case float f when !float.IsFinite(f):
                return; // Infinity or NaN: an overflowed statistic, left empty as in the JSON (null)

            case JsonNode node:
                WriteJson(reference, node);
                return;
            default:
                WriteText(reference, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                return;
        }
    }

    private void WriteJson(string reference, JsonNode node)
    {
        switch (node.GetValueKind())
        {
            case JsonValueKind.String:
                WriteText(reference, node.GetValue<string>());
                break;
            case JsonValueKind.Number when NonFinite.Is(node):
                break;
            case JsonValueKind.Number:
                WriteValue(reference, null, node.ToJsonString());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                WriteValue(reference, "b", node.GetValueKind() == JsonValueKind.True ? "1" : "0");
                break;
            case JsonValueKind.Null:
                break;
            default:
                WriteText(reference, node.ToJsonString(CompactJson));
                break;
        }
    }

    private void WriteValue(string reference, string? type, string value)
    {
        _writer.WriteStartElement(_cellTag, type is null ? [new OpenXmlAttribute("r", "", reference)]
            : [new OpenXmlAttribute("r", "", reference), new OpenXmlAttribute("t", "", type)]);
        _writer.WriteStartElement(_valueTag);
        _writer.WriteString(value);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    /// <summary>The cell style (index into the workbook's cellXfs) that shows a text as written and keeps it text: quotePrefix.</summary>
    internal const string QuotePrefixStyle = "1";

    private void WriteText(string reference, string text)
    {
        string safe = CellText.Safe(text);
        if (CellText.AsNumber(safe) is { } number)
        {
            // A number the report holds as text (a cell's value, "-500"): a number in the sheet, as Excel would read it.
            WriteValue(reference, null, number.ToString("R", CultureInfo.InvariantCulture));
            return;
        }

        _writer.WriteStartElement(_cellTag, CellText.StartsLikeFormula(safe)
            ? [new OpenXmlAttribute("r", "", reference), new OpenXmlAttribute("s", "", QuotePrefixStyle), new OpenXmlAttribute("t", "", "inlineStr")]
            : [new OpenXmlAttribute("r", "", reference), new OpenXmlAttribute("t", "", "inlineStr")]);
        _writer.WriteStartElement(_inlineStringTag);
        _writer.WriteStartElement(_textTag, [PreserveSpace]);
        _writer.WriteString(safe);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }
}
