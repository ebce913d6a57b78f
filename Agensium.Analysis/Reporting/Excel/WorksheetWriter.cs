using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace Agensium.Analysis.Reporting.Excel;

/// <summary>
/// Streams the rows of one worksheet with an <see cref="XmlWriter"/> (<see cref="SpreadsheetXml"/>), so a sheet's size costs no memory. Text is an
/// inline string made safe by <see cref="CellText"/>, written with the quotePrefix style when it starts like a formula;
/// numbers, and text that is a plain number ("-500"), are numeric cells; no cell is ever a formula.
/// </summary>
internal sealed class WorksheetWriter : IDisposable
{
    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Stream _part;
    private readonly XmlWriter _writer;
    private uint _row;

    /// <summary>Starts the worksheet XML on <paramref name="part"/> (a zip entry), which the writer closes when disposed.</summary>
    public WorksheetWriter(Stream part)
    {
        _part = part;
        _writer = SpreadsheetXml.Create(part);
        _writer.Start("worksheet");
        _writer.Start("cols");
        _writer.Empty("col", ("min", "1"), ("max", "12"), ("width", "24"), ("customWidth", "1"));
        _writer.WriteEndElement();
        _writer.Start("sheetData");
    }

    /// <summary>Writes one row; a null value leaves its cell empty.</summary>
    public void Row(IReadOnlyList<object?> values)
    {
        _row++;
        string rowNumber = _row.ToString(CultureInfo.InvariantCulture);
        _writer.Start("row");
        _writer.WriteAttributeString("r", rowNumber);
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
        _writer.Start("c");
        _writer.WriteAttributeString("r", reference);
        if (type is not null)
        {
            _writer.WriteAttributeString("t", type);
        }

        _writer.Start("v");
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

        _writer.Start("c");
        _writer.WriteAttributeString("r", reference);
        if (CellText.StartsLikeFormula(safe))
        {
            _writer.WriteAttributeString("s", QuotePrefixStyle);
        }

        _writer.WriteAttributeString("t", "inlineStr");
        _writer.Start("is");
        _writer.Start("t");
        _writer.WriteAttributeString("xml", "space", null, "preserve");
        _writer.WriteString(safe);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }
}
