using System.Text.Json.Nodes;

namespace Agensium.Analysis.Master;

/// <summary>
/// Renumbers the rows an agent's report names (row issues, data.clusters' row_indexes) from rows of the agent's input to
/// the uploaded file's data rows, when the input still has the file's rows but some were left out as blank
/// (<see cref="MasterTable.FileRows"/>): a user finds the rows of the report in their file.
/// </summary>
internal static class FileRowNumbers
{
    public static void Translate(AgentReport report, MasterTable input)
    {
        if (input.FileRows is not { } fileRows)
        {
            return;
        }

        report.RowIssues.Remap(fileRows);
        if (report.Data["clusters"] is not JsonArray clusters)
        {
            return;
        }

        foreach (var cluster in clusters)
        {
            if (cluster?["row_indexes"] is JsonArray rows)
            {
                cluster["row_indexes"] = new JsonArray([.. rows.Select(r => (JsonNode)fileRows[r!.GetValue<int>()])]);
            }
        }
    }
}
