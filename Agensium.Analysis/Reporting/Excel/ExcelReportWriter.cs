using Agensium.Analysis.Input;
using System.Text.Json.Nodes;

namespace Agensium.Analysis.Reporting.Excel;

/// <summary>
/// Writes {tool}_analysis.xlsx from the same report model as {tool}_analysis.json (AGENSIUM section 4): Summary, one sheet
/// per successful agent in the fixed order, then Alerts, Issues, Recommendations, AI Analysis Summary, Row-Level Issues
/// and, when there are any, Routing Decisions. Sheets are streamed, capped at <see cref="DefaultMaxRowsPerSheet"/> rows, and
/// no cell is ever a formula. The file appears atomically (temporary name, then renamed).
/// </summary>
public static class ExcelReportWriter
{
    /// <summary>The MIME type of an .xlsx file.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Rows a sheet keeps at most before it is truncated (with a note saying so).</summary>
    public const int DefaultMaxRowsPerSheet = 100_000;

    /// <summary>Writes the workbook as <paramref name="fileName"/> in <paramref name="directory"/>.</summary>
    /// <param name="directory">Existing output folder.</param>
    /// <param name="fileName">e.g. profile_my_data_analysis.xlsx.</param>
    /// <param name="report">The merged report built for the JSON output.</param>
    /// <param name="succeeded">The successful agents' envelopes, in run order.</param>
    /// <param name="inputs">The input files, for the Summary sheet.</param>
    /// <param name="maxRowsPerSheet">Row cap per sheet.</param>
    public static OutputFile Write(string directory, string fileName, JsonObject report, IReadOnlyList<AgentReport> succeeded,
        IReadOnlyList<ReportInput> inputs, int maxRowsPerSheet = DefaultMaxRowsPerSheet)
    {
        string path = Path.Combine(directory, fileName);
        string temp = path + ".tmp";
        try
        {
            using (var workbook = new WorkbookBuilder(temp, maxRowsPerSheet))
            {
                workbook.AddSheet("Summary", SummarySheet.Rows(report, succeeded, inputs));
                foreach (var agent in AgentSheetTitles.InSheetOrder(succeeded))
                {
                    workbook.AddSheet(AgentSheetTitles.For(agent), AgentSheet.Rows(agent));
                }

                workbook.AddSheet("Alerts", JsonTableLayout.Section("Alerts", report["alerts"]));
                workbook.AddSheet("Issues", IssuesSheet.Rows(succeeded));
                workbook.AddSheet("Recommendations", JsonTableLayout.Section("Recommendations", report["recommendations"]));
                workbook.AddSheet("AI Analysis Summary", JsonTableLayout.Section("AI Analysis Summary", report["analysis_summary"]));
                workbook.AddSheet("Row-Level Issues", IssuesSheet.RowLevelRows(succeeded));
                if (report["routing_decisions"] is JsonArray { Count: > 0 } routing)
                {
                    workbook.AddSheet("Routing Decisions", JsonTableLayout.Section("Routing Decisions", routing));
                }

                workbook.Finish();
            }

            LocalWrite.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return new OutputFile(fileName, path, ContentType);
    }
}
