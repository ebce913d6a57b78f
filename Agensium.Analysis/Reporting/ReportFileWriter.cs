using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Agensium.Analysis.Reporting;

/// <summary>Writes a JSON report atomically: to a temporary name first, then renamed, so no half-written file remains.</summary>
internal static class ReportFileWriter
{
    public static OutputFile Write(string directory, string fileName, JsonObject report)
    {
        string path = Path.Combine(directory, fileName);
        string temp = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                report.WriteTo(writer);
            }

            File.Move(temp, path, overwrite: true);
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
}
