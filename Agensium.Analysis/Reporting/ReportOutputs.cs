using System.Text.Json.Nodes;
using Agensium.Analysis.Input;
using Agensium.Analysis.Reporting.Excel;

namespace Agensium.Analysis.Reporting;

/// <summary>Writes a tool's two reports from one model: {tool}_analysis.json and {tool}_analysis.xlsx. If either fails, neither is left behind.</summary>
internal static class ReportOutputs
{
    public static IReadOnlyList<OutputFile> Write(string directory, string jsonFileName, JsonObject report, IReadOnlyList<AgentReport> succeeded, InputFileSet inputs)
    {
        if (inputs.Superseded.Count > 0)
        {
            // Several data files of one role: the last in name order was analysed; say which were not, rather than nothing.
            report["metadata"]!["ignored_inputs"] = new JsonArray([.. inputs.Superseded.Select(f => (JsonNode)Path.GetFileName(f.Name))]);
            report["metadata"]!["ignored_inputs_reason"] = $"A task analyses one primary data file (and one baseline, a name containing 'baseline'); of several, the last readable one in name order (not the order given) was used: {Path.GetFileName(inputs.PrimaryName)}"
                + (inputs.BaselineName is null ? "." : $" and {Path.GetFileName(inputs.BaselineName)}.");
        }

        // A file named as a workbook that holds text was read as CSV (AGENSIUM section 2's last fallback): said, not silent.
        var readAsText = new JsonArray();
        if (inputs.Primary.WorkbookReadAsText)
        {
            readAsText.Add(Path.GetFileName(inputs.PrimaryName));
        }

        if (inputs.Baseline is { WorkbookReadAsText: true })
        {
            readAsText.Add(Path.GetFileName(inputs.BaselineName));
        }

        if (readAsText.Count > 0)
        {
            report["metadata"]!["workbooks_read_as_csv"] = readAsText;
        }

        // A workbook: the first sheet is read (AGENSIUM section 2); say which, which were not, and what was left empty.
        if (inputs.Primary.Sheet is { } sheet)
        {
            report["metadata"]!["source_sheet"] = SheetJson(sheet);
        }

        if (inputs.Baseline?.Sheet is { } baselineSheet)
        {
            report["metadata"]!["baseline_source_sheet"] = SheetJson(baselineSheet);
        }

        using (var reader = CsvTableReader.Open(inputs.Primary))
        {
            if (reader.TitleLines.Count > 0)
            {
                // A title above the table ("Sales report Q1 2024") was skipped to reach the header: say what was skipped.
                report["metadata"]!["title_lines_skipped"] = new JsonArray([.. reader.TitleLines.Select(t => (JsonNode)(t.Length <= 200 ? t : t[..200] + "..."))]);
            }

            if (reader.TrailingLines.Count > 0)
            {
                // Notes below the table ("Total: 4 customers") were left out of the rows: say which, and in every tool's
                // alerts (profile-my-data's profiler says it already): a cleaned or mastered file without a line of the
                // input must not leave that said only in the metadata.
                report["metadata"]!["footer_lines_skipped"] = new JsonArray([.. reader.TrailingLines.Select(t => (JsonNode)(t.Length <= 200 ? t : t[..200] + "..."))]);
                AddAlertOnce(report, "footer_lines_skipped", $"{reader.TrailingLines.Count} line(s) below the table (notes without its delimiter, or a row of its columns' totals; in a sheet, notes of one cell) were taken for notes and left out of the rows: "
                    + string.Join(" / ", reader.TrailingLines.Take(10).Select(t => $"'{(t.Length <= 60 ? t : t[..60] + "...")}'")),
                    "Check that no row of the table was left out; export the table without the lines below it.");
            }

            if (reader.UnsplitRows is { } unsplit)
            {
                // Read as one column although every sampled row holds another delimiter equally often: say which, for every tool.
                report["metadata"]!["one_column_rows_hold_delimiter"] = new JsonObject
                {
                    ["delimiter"] = unsplit.Delimiter.ToString(),
                    ["fields_per_row"] = unsplit.Fields,
                };
            }

            if (reader.HeaderRenames.Count > 0)
            {
                // Empty or repeated header names get a name of their own (b_2, column_3): every tool's output uses it, so say so.
                report["metadata"]!["renamed_headers"] = new JsonArray([.. reader.HeaderRenames.Select(r => (JsonNode)new JsonObject
                {
                    ["index"] = r.Index, // 0-based, as the profiler's header_renames and every column's position
                    ["original"] = r.Original,
                    ["name"] = r.Name,
                    ["reason"] = r.Reason,
                })]);
            }
        }

        ClipLongText(report, succeeded);
        var json = ReportFileWriter.Write(directory, jsonFileName, report);
        try
        {
            var xlsx = ExcelReportWriter.Write(directory, Path.ChangeExtension(jsonFileName, ".xlsx"), report, succeeded, ReportInput.Of(inputs));
            return [json, xlsx];
        }
        catch
        {
            File.Delete(json.Path);
            throw;
        }
    }

    /// <summary>Cuts values past <see cref="LongText.MaxChars"/> in both reports alike, and says so in the metadata.</summary>
    private static void ClipLongText(JsonObject report, IReadOnlyList<AgentReport> succeeded)
    {
        int clipped = LongText.Clip(report);
        foreach (var agent in succeeded)
        {
            // The Excel writer reads the agents' own trees: cut them the same way, so both reports show the same text.
            LongText.Clip(agent.SummaryMetrics);
            LongText.Clip(agent.Data);
            LongText.Clip(agent.Alerts);
            LongText.Clip(agent.Issues);
            LongText.Clip(agent.Recommendations);
            LongText.Clip(agent.ExecutiveSummary);
            foreach (var entry in agent.RowIssues.Kept)
            {
                LongText.Clip(entry);
            }
        }

        if (clipped > 0)
        {
            report["metadata"]!["long_text_clipped"] = new JsonObject
            {
                ["values"] = clipped,
                ["max_characters"] = LongText.MaxChars,
                ["note"] = $"Text values and property names longer than {LongText.MaxChars} characters (values quoted from the data, messages naming them, column names) are shown cut, with the count of characters left out; the data files keep every value whole.",
            };
        }
    }

    private static JsonObject SheetJson(SheetSource sheet) => new()
    {
        ["workbook"] = sheet.Workbook,
        ["sheet"] = sheet.Name,
        ["sheets_not_read"] = new JsonArray([.. sheet.Ignored.Select(n => (JsonNode)n)]),
        ["error_cells_read_as_empty"] = sheet.ErrorCells,
        ["formula_cells_without_value_read_as_empty"] = sheet.FormulasWithoutValue,
        ["cells_dated_1900_02_29"] = sheet.FictitiousLeapDays,
        ["cells_dated_1900_01_00_read_as_empty"] = sheet.DayZeroDates,
        ["table_starts_in_column"] = sheet.FirstColumn ?? "A",
    };

    // An alert in the report's list unless one of that kind is there already (the profiler's own).
    private static void AddAlertOnce(JsonObject report, string kind, string message, string recommendation)
    {
        if (report["alerts"] is not JsonArray alerts
            || alerts.Any(a => a?["alert_id"]?.GetValue<string>() is { } id && id.Contains(kind, StringComparison.Ordinal)))
        {
            return;
        }

        alerts.Add(new JsonObject
        {
            ["alert_id"] = $"alert_input_{kind}",
            ["severity"] = "medium",
            ["category"] = "structure",
            ["message"] = message,
            ["affected_fields_count"] = 0,
            ["recommendation"] = recommendation,
        });
    }
}
