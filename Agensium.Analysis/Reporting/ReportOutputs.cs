using System.Text.Json.Nodes;
using Agensium.Analysis.Input;
using Agensium.Analysis.Reporting.Excel;

namespace Agensium.Analysis.Reporting;

/// <summary>Writes a tool's two reports from one model: {tool}_analysis.json and {tool}_analysis.xlsx. If either fails, neither is left behind.</summary>
internal static class ReportOutputs
{
    public static IReadOnlyList<OutputFile> Write(string directory, string jsonFileName, JsonObject report, IReadOnlyList<AgentReport> succeeded, InputFileSet inputs)
    {
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
