using Agensium.Analysis.Input;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Agensium.Analysis.Reporting;

/// <summary>
/// Writes a JSON report atomically: to a temporary name first, then renamed, so no half-written file remains. The
/// tree is written node by node with the writer flushed to the file every <see cref="FlushBytes"/>: a
/// <see cref="Utf8JsonWriter"/> keeps everything it has not flushed in memory, and the report of a 10,000-column file is
/// ~30 MB of JSON.
/// </summary>
internal static class ReportFileWriter
{
    private const int FlushBytes = 1 << 16;

    public static OutputFile Write(string directory, string fileName, JsonObject report)
    {
        string path = Path.Combine(directory, fileName);
        string temp = path + ".tmp";
        try
        {
            using (var stream = LocalWrite.CreateFile(temp))
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                WriteNode(report, writer);
            }

            LocalWrite.Move(temp, path, overwrite: true);
        }
        catch
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }

            throw;
        }

        return new OutputFile(fileName, path, "application/json");
    }

    private static void WriteNode(JsonNode? node, Utf8JsonWriter writer)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj)
                {
                    writer.WritePropertyName(name);
                    WriteNode(value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteNode(item, writer);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            case var _ when NonFinite.Is(node):
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }

        if (writer.BytesPending > FlushBytes)
        {
            writer.Flush();
        }
    }
}
