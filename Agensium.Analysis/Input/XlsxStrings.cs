using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Agensium.Analysis.Input;

/// <summary>
/// The text of a workbook string as Excel shows it: the plain or rich-text runs of a shared or inline string, without
/// the phonetic guide (&lt;rPh&gt;, the furigana Japanese Excel stores beside 東京), and with OOXML's _xHHHH_ escapes
/// decoded ("a_x0009_b" is a tab, "_x000D_" a carriage return, "_x005F_" a literal '_').
/// </summary>
internal static partial class XlsxStrings
{
    /// <summary>The shown text of a shared-string item or an inline string.</summary>
    public static string Of(OpenXmlElement item)
    {
        var text = new StringBuilder();
        foreach (var child in item.ChildElements)
        {
            if (child is Text t)
            {
                text.Append(t.Text);
            }
            else if (child is Run run)
            {
                foreach (var part in run.Elements<Text>())
                {
                    text.Append(part.Text);
                }
            }
        }

        return Decode(text.ToString());
    }

    /// <summary>Decodes _xHHHH_ escapes, left to right ("_x005F_x0041_" is the text "_x0041_").</summary>
    public static string Decode(string value) =>
        value.Contains("_x", StringComparison.Ordinal)
            ? Escape().Replace(value, m => ((char)int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString())
            : value;

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_", RegexOptions.CultureInvariant)]
    private static partial Regex Escape();
}
