using System.Text.Json.Nodes;

namespace Agensium.Analysis.Master;

/// <summary>
/// Tells, in the report of the first agent that read the file, that some rows had more fields than the header: their
/// extra fields were dropped and their other values may sit under the wrong columns (an unquoted "$1,000" shifts the
/// row), so the data should be fixed at the source; the report's metadata counts them too, even when every agent failed. Never silent.
/// It also says how many rows of blanks only the file held (left out by <see cref="MasterTable.Load"/>).
/// </summary>
internal static class ExtraFieldsAlert
{
    /// <summary>Most rows listed in the report's data.</summary>
    public const int MaxListed = 100;

    public static void Annotate(AgentReport report, MasterTable input)
    {
        if (input.BlankRowsLeftOut > 0)
        {
            report.Alerts.Add(new JsonObject
            {
                ["alert_id"] = $"alert_{report.AgentId.Replace('-', '_')}_blank_rows_left_out",
                ["severity"] = "low",
                ["category"] = "input",
                ["message"] = $"{input.BlankRowsLeftOut} row(s) of the input have every field blank (delimiters only); they name no entity and were left out.",
                ["affected_fields_count"] = 0,
                ["recommendation"] = "Export the table without empty rows.",
            });
            report.Data["blank_rows_left_out"] = input.BlankRowsLeftOut;
        }

        var rows = input.RowsWithExtraFields;
        if (rows.Count == 0)
        {
            return;
        }

        report.Alerts.Add(new JsonObject
        {
            ["alert_id"] = $"alert_{report.AgentId.Replace('-', '_')}_rows_with_extra_fields",
            ["severity"] = "high",
            ["category"] = "input",
            ["message"] = $"{rows.Count} row(s) of the input have more fields than its header (first: row {rows[0]}); the extra fields were dropped "
                + "and the row's values may be under the wrong columns (an unquoted delimiter inside a value?).",
            ["affected_fields_count"] = 0,
            ["recommendation"] = "Quote values holding the delimiter (\"$1,000\") at the source, or clean the file with clean-my-data, whose quarantine-agent sets such rows aside.",
        });
        report.Data["rows_with_extra_fields"] = new JsonArray([.. rows.Take(MaxListed).Select(r => (JsonNode)r)]);
    }

    /// <summary>metadata.rows_with_extra_fields of the merged report, as clean-my-data writes it.</summary>
    public static void Note(JsonObject report, int rows) => Reporting.ExtraFieldsNote.Add(report, rows,
        "these rows have more fields than the header; the fields beyond it were dropped when the file was read, and the "
        + "rows' values may be under the wrong columns");
}
