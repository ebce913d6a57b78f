using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>
/// outlier-remover: finds outliers of numeric columns (iqr ×1.5, z_score 3 or percentile 1–99) in a first pass, then
/// removes their rows or imputes the column mean/median in a second. Acts on every outlier (AGENSIUM's original acts on
/// the first 50 per column only). Score = cleanliness_weight·(100 − outlier% left) + retention_weight·rows kept%.
/// </summary>
public sealed class OutlierRemoverAgent(TimeProvider timeProvider) : ICleanAgent
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "outlier-remover";

    /// <inheritdoc/>
    public string Id => AgentId;

    /// <inheritdoc/>
    public string DisplayName => "Outlier Remover";

    /// <inheritdoc/>
    public CleanAgentResult Run(CleanAgentContext context, AgentParameters parameters, CancellationToken cancellationToken)
    {
        var report = new CleanReport(timeProvider, AgentId, DisplayName, "outliers");
        var settings = OutlierRemoverSettings.From(parameters);
        var (header, stats, rows) = ColumnStats.Of(context, cancellationToken);
        parameters.RequireColumns("columns", settings.Columns, header, context.OriginalColumns);
        // Without named columns every numeric column is checked but identifiers (ZIP codes, ids, phone numbers).
        var identifiers = settings.Columns.Count == 0 ? stats.Where(s => s.IsNumeric && IdentifierColumns.Holds(s)).Select(s => s.Name).ToList() : [];
        var targets = stats.Where(s => s.IsNumeric && (settings.Columns.Count == 0 ? !identifiers.Contains(s.Name) : settings.Columns.Contains(s.Name)))
            .Select(s => OutlierBounds.Compute(s.Name, s.Index, s.Values!, settings)).ToList();
        foreach (string skipped in settings.Columns.Where(c => targets.All(t => t.Column != c)))
        {
            report.Findings.Issue(skipped, "column_not_numeric", "low", $"Column '{skipped}' is not numeric; outlier detection skipped it");
        }

        var impute = targets.ToDictionary(t => t.Index, t => settings.Action switch
        {
            "impute_mean" => CellValues.FormatNumber(t.Mean),
            "impute_median" => CellValues.FormatNumber(t.Median),
            _ => null,
        });
        var counts = targets.ToDictionary(t => t.Index, _ => 0L);
        long written;
        FileProfile profile;
        using (var scan = RowScan.Open(context.Current))
        using (var writer = CsvFileWriter.Over(context, scan))
        {
            foreach (var (row, fields) in scan.Rows(cancellationToken))
            {
                bool remove = false;
                foreach (var t in targets)
                {
                    if (!CellValues.TryNumber(fields[t.Index], out double v) || !t.IsOutlier(v))
                    {
                        continue;
                    }

                    counts[t.Index]++;
                    remove |= settings.Action == "remove";
                    string action = settings.Action == "remove" ? "row removed" : $"replaced by {impute[t.Index]}";
                    report.RowIssue(row, t.Column, "outlier", "warning", $"{fields[t.Index].Trim()} is outside [{B(t.Lower)}, {B(t.Upper)}] ({settings.Method}); {action}", fields[t.Index]);
                    fields[t.Index] = impute[t.Index] ?? fields[t.Index];
                }

                if (!remove)
                {
                    writer.WriteRow(fields, row);
                }
            }

            written = writer.RowsWritten;
            profile = writer.Profile;
        }

        long outliers = counts.Values.Sum();
        double retention = Rounding.Share(written, rows);
        double score = CleanScore.Weighted((100, settings.CleanlinessWeight), (retention, settings.RetentionWeight));
        string status = CleanScore.Status(score, settings.ExcellentThreshold, settings.GoodThreshold);
        Findings(report, targets, counts, settings);
        LargeRemoval(report, rows, written, targets, counts);
        var data = new JsonObject
        {
            ["method"] = settings.Method,
            ["action"] = settings.Action,
            ["columns"] = new JsonArray([.. targets.Select(t => (JsonNode)t.ToJson(counts[t.Index], impute[t.Index]))]),
            ["identifier_columns_skipped"] = new JsonArray([.. identifiers.Select(c => (JsonNode)c)]),
            ["rows_before"] = rows,
            ["rows_after"] = written,
            ["note"] = "numeric columns holding identifiers (by name: id, zip, postcode, phone, code, …; or by a value with a leading zero) are not checked unless named in columns; every outlier is acted on (AGENSIUM's original acts on the first 50 outliers per column only); impute values are the mean/median of all non-null values of the column, outliers included; z-scores use the sample standard deviation",
            ["score"] = new JsonObject { ["value"] = score, ["status"] = status, ["formula"] = "cleanliness_weight·(100 − outlier% left) + retention_weight·rows kept%" },
        };
        parameters.Describe(data, OutlierRemoverSettings.Defaults().ToJson(), settings.ToJson());
        var metrics = new JsonObject
        {
            ["total_rows"] = rows,
            ["numeric_columns_checked"] = targets.Count,
            ["outliers_found"] = outliers,
            ["rows_removed"] = rows - written,
            ["values_imputed"] = settings.Action == "remove" ? 0 : outliers,
            ["outlier_score"] = score,
            ["status"] = status,
        };
        report.Card("found", "Outliers Handled", outliers.ToString(CultureInfo.InvariantCulture), outliers == 0 ? "success" : "info",
            $"{settings.Method} outliers in {targets.Count} numeric column(s); action {settings.Action}.");
        string text = $"Outlier removal ({settings.Method}, {settings.Action}) found {outliers} outlier(s) in {targets.Count} numeric column(s) "
            + $"and kept {written} of {rows} rows; score {Figures.F(score)} ({status}).";
        return new CleanAgentResult(report.Build(metrics, data, score, status, text), context.OutputPath, written, header.Count) { OutputProfile = profile };
    }

    private static void Findings(CleanReport report, List<OutlierBounds> targets, Dictionary<int, long> counts, OutlierRemoverSettings s)
    {
        var withOutliers = targets.Where(t => counts[t.Index] > 0).ToList();
        if (withOutliers.Count > 0)
        {
            report.Findings.Alert("outliers", "medium", "validity", withOutliers.Count,
                $"{counts.Values.Sum()} outlier(s) in {withOutliers.Count} column(s): {string.Join(", ", withOutliers.Select(t => t.Column))}",
                "Check whether the outliers are entry errors before dropping them.");
        }

        foreach (var t in withOutliers)
        {
            double pct = Rounding.Share(counts[t.Index], t.Values);
            report.Findings.Issue(t.Column, "outliers", pct > 5 ? "medium" : "low",
                $"Column '{t.Column}' has {counts[t.Index]} value(s) outside [{B(t.Lower)}, {B(t.Upper)}] ({Figures.F(pct)}%); action {s.Action}",
                $"Validate the range of '{t.Column}' at the source.");
        }
    }

    /// <summary>The share of rows removed at which the removal is a high alert (the previewer's high impact: 10%).</summary>
    public const double LargeRemovalPct = 10;

    // The defaults (IQR × 1.5, remove) act on every numeric column: on skewed or coarse data (quantities 1–5, prices
    // with a long tail) they remove a quarter of the rows, which a medium alert about outliers did not say.
    private static void LargeRemoval(CleanReport report, long rows, long written, List<OutlierBounds> targets, Dictionary<int, long> counts)
    {
        double removedPct = Rounding.Share(rows - written, rows);
        if (rows == 0 || removedPct < LargeRemovalPct)
        {
            return;
        }

        var columns = targets.Where(t => counts[t.Index] > 0).OrderByDescending(t => counts[t.Index]).Select(t => $"{t.Column} ({counts[t.Index]})");
        report.Findings.Alert("large_removal", "high", "retention", targets.Count(t => counts[t.Index] > 0),
            $"Outlier removal dropped {rows - written} of {rows} rows ({Figures.F(removedPct)}%): {string.Join(", ", columns)}",
            "Review the fences before using the cleaned file: name the columns to check (columns), widen the multiplier or use action impute_median.");
    }

    private static string B(double value) => double.IsFinite(value) ? Rounding.Stat(value).ToString(CultureInfo.InvariantCulture) : "∞";
}
