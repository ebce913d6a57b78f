using System.Text.Json.Nodes;

namespace Agensium.Analysis.Reporting;

/// <summary>metadata.rows_with_extra_fields: how many rows had more fields than the header, and what became of the extra fields.</summary>
internal static class ExtraFieldsNote
{
    public static void Add(JsonObject report, long rows, string note)
    {
        if (rows > 0)
        {
            report["metadata"]!["rows_with_extra_fields"] = new JsonObject { ["rows"] = rows, ["note"] = note };
        }
    }
}
