using System.Text;
using System.Xml;

namespace Agensium.Analysis.Reporting.Excel;

/// <summary>
/// The XML writer every part of the workbook is written with, and the namespaces of those parts. The parts are written
/// with <see cref="XmlWriter"/> itself: the Open XML SDK's writer is this same writer behind a layer whose element
/// classes cost a one-shot analysis ~0.1 s of start-up (its element metadata, compiled expressions, regular
/// expressions) for a handful of fixed tags. The bytes are those the SDK's writer gave: UTF-8 with a byte order mark,
/// the declaration, the spreadsheet elements under the <c>x</c> prefix.
/// </summary>
internal static class SpreadsheetXml
{
    /// <summary>SpreadsheetML's main namespace, under the prefix <see cref="Prefix"/>.</summary>
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>The prefix of <see cref="Main"/>, as the Open XML SDK writes it.</summary>
    public const string Prefix = "x";

    /// <summary>Office's relationship-id namespace (the <c>r:id</c> of a sheet in the workbook).</summary>
    public const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>The namespace of a package's relationship parts (<c>_rels/*.rels</c>).</summary>
    public const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>The namespace of <c>[Content_Types].xml</c>.</summary>
    public const string ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), CloseOutput = false };

    /// <summary>A writer on <paramref name="part"/>, which stays open when the writer is disposed.</summary>
    public static XmlWriter Create(Stream part) => XmlWriter.Create(part, Settings);

    /// <summary>Starts a SpreadsheetML element (<c>x:name</c>).</summary>
    public static void Start(this XmlWriter writer, string localName) => writer.WriteStartElement(Prefix, localName, Main);

    /// <summary>A SpreadsheetML element with no content but its attributes, given as name/value pairs.</summary>
    public static void Empty(this XmlWriter writer, string localName, params ReadOnlySpan<(string Name, string Value)> attributes)
    {
        writer.WriteStartElement(Prefix, localName, Main);
        foreach (var (name, value) in attributes)
        {
            writer.WriteAttributeString(name, value);
        }

        writer.WriteEndElement();
    }
}
