using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Profile;

/// <summary>The unified profiler's summary_metrics, data, executive cards and narrative.</summary>
internal sealed class ProfilerOutput(
    DatasetShape shape,
    IReadOnlyList<ColumnProfile> profiles,
    double overall,
    UnifiedProfilerSettings settings,
    AgentParameters parameters,
    RowIssueLog log)
{
    private long NullCells => profiles.Sum(p => p.Acc.NullCount);

    private double NullCellPct => Rounding.Share(NullCells, shape.Rows * Math.Max(1, shape.Columns));

    public JsonObject SummaryMetrics() => new()
    {
        ["total_rows"] = shape.Rows,
        ["total_columns"] = shape.Columns,
        ["overall_quality_score"] = Rounding.Pct(overall),
        ["quality_grade"] = QualityScoring.Grade(overall),
        ["total_null_cells"] = NullCells,
        ["null_cell_pct"] = Rounding.Pct(NullCellPct),
        ["numeric_columns"] = profiles.Count(p => TypeInference.IsNumeric(p.InferredType)),
        ["columns_with_high_nulls"] = profiles.Count(p => p.NullPct > settings.NullAlertThreshold),
        ["suspected_pii_columns"] = profiles.Count(p => p.PiiSuspected),
        ["outlier_values"] = profiles.Sum(p => p.Numeric?.OutlierCount ?? 0),
        ["ragged_rows"] = shape.RaggedRows,
        ["row_level_issues"] = log.Total,
    };

    public JsonObject Data()
    {
        var data = new JsonObject
        {
            ["columns"] = new JsonArray([.. profiles.Select(p => (JsonNode)p.ToJson())]),
            ["dataset"] = Dataset(),
            ["quality"] = new JsonObject
            {
                ["overall_score"] = Rounding.Pct(overall),
                ["grade"] = QualityScoring.Grade(overall),
                ["completeness"] = Rounding.Pct(Mean(p => p.Completeness)),
                ["validity"] = Rounding.Pct(Mean(p => p.Validity)),
                ["consistency"] = Rounding.Pct(Mean(p => p.Consistency)),
            },
            ["approximations"] = new JsonObject
            {
                ["numeric_stats"] = $"count, min, max, mean and sample std are exact; median, quartiles, fences and outlier counts are exact (linear interpolation, NumPy's default) up to {settings.ExactQuantileLimit:N0} numeric values per column (exact_quantile_limit), past it estimated by a KLL sketch within about 1% of rank, with no outlier rows listed; see quantiles_estimated per column",
                ["distinct_count"] = $"exact up to {ColumnAccumulator.DistinctCap} distinct values per column, then a HyperLogLog estimate (about 0.8% error); see distinct_count_is_estimate",
                ["top_values"] = "exact while the distinct count is exact; past the cap only values seen before it are counted",
                ["entropy"] = "Shannon entropy in bits of the non-null values (over the counted values when distinct_count_is_estimate)",
                ["pii"] = $"pattern match on the first {ColumnAccumulator.PiiSampleSize} non-null values of columns with a well-known name",
            },
            ["pii_alerts_note"] = "a column guessed to hold PII gets an alert; the original profiler's PII alerts read keys it never wrote, so they never fired (a quirk not copied)",
        };
        parameters.Describe(data, UnifiedProfilerSettings.Defaults().ToJson(), settings.ToJson());
        return data;
    }

    public JsonArray Cards()
    {
        string grade = QualityScoring.Grade(overall);
        double completeness = 100 - NullCellPct;
        return
        [
            ExecutiveCard.Create("profiler_quality_score", "Data Quality Score", $"{F(overall)}/100 ({grade})",
                grade is "A" or "B" ? "success" : grade is "C" or "D" ? "warning" : "critical",
                "Mean of per-column completeness, validity and consistency."),
            ExecutiveCard.Create("profiler_dataset", "Dataset Profiled", $"{shape.Rows} rows × {shape.Columns} columns", "info",
                shape.DelimiterName == "none" ? $"{shape.FileName}, one column (no delimiter)." : $"{shape.FileName}, {shape.DelimiterName}-delimited."),
            ExecutiveCard.Create("profiler_completeness", "Completeness", $"{F(completeness)}%",
                completeness >= 95 ? "success" : completeness >= 80 ? "warning" : "critical",
                $"{NullCells} null cell(s) in the file."),
        ];
    }

    public string Narrative(ProfilerFindings findings) =>
        $"Profiled {shape.Rows} rows and {shape.Columns} columns of {shape.FileName}. Overall quality is {F(overall)} "
        + $"(grade {QualityScoring.Grade(overall)}), {F(NullCellPct)}% of cells are null. "
        + $"{findings.Alerts.Count} alert(s), {findings.Issues.Count} issue(s) and {log.Total} row-level issue(s) were found.";

    private JsonObject Dataset() => new()
    {
        ["file_name"] = shape.FileName,
        ["rows"] = shape.Rows,
        ["columns"] = shape.Columns,
        ["delimiter"] = shape.DelimiterName,
        ["has_utf8_bom"] = shape.HasUtf8Bom,
        ["ragged_rows"] = shape.RaggedRows,
        ["short_rows"] = shape.ShortRows,
        ["long_rows"] = shape.LongRows,
        ["blank_lines_skipped"] = shape.BlankLinesSkipped,
        ["header_renames"] = new JsonArray([.. shape.HeaderRenames.Select(r => (JsonNode)new JsonObject
        {
            ["index"] = r.Index,
            ["original"] = r.Original,
            ["name"] = r.Name,
            ["reason"] = r.Reason,
        })]),
    };

    private double Mean(Func<ColumnProfile, double> selector) => profiles.Count == 0 ? 0 : profiles.Average(selector);

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
