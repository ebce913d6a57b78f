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
            // Several data files of one role: the last listed was analysed; say which were not, rather than nothing.
            report["metadata"]!["ignored_inputs"] = new JsonArray([.. inputs.Superseded.Select(f => (JsonNode)Path.GetFileName(f.Name))]);
            report["metadata"]!["ignored_inputs_reason"] = $"A task analyses one primary data file (and one baseline, a name containing 'baseline'); the last listed of each was used: {Path.GetFileName(inputs.Primary.Name)}"
                + (inputs.Baseline is null ? "." : $" and {Path.GetFileName(inputs.Baseline.Name)}.");
        }

        using (var reader = CsvTableReader.Open(inputs.Primary.Path, inputs.Primary.Name))
        {
            if (reader.HeaderRenames.Count > 0)
            {
                // Empty or repeated header names get a name of their own (b_2, column_3): every tool's output uses it, so say so.
                report["metadata"]!["renamed_headers"] = new JsonArray([.. reader.HeaderRenames.Select(r => (JsonNode)new JsonObject
                {
                    ["position"] = r.Index + 1,
                    ["original"] = r.Original,
                    ["name"] = r.Name,
                    ["reason"] = r.Reason,
                })]);
            }
        }

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
}
