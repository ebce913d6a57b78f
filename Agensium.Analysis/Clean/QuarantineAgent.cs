using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;
using Agensium.Analysis.Reporting;

namespace Agensium.Analysis.Clean;

/// <summary>
/// quarantine-agent: reads every cell as text and removes rows with an empty required field, an expected_schema type
/// mismatch, a range or format violation, rows with every field empty, or injection-like text (drop table, delete from,
/// insert into, "update ", select *, OR 1=1, &lt;script&gt;, javascript:). Writes the kept rows.
/// Score = quarantined%·quarantine_weight + kept%·retention_weight + (100 if quarantined &lt; 50% else 50)·threshold_weight.
/// </summary>
public sealed class QuarantineAgent(TimeProvider timeProvider) : ICleanAgent
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "quarantine-agent";

    /// <inheritdoc/>
    public string Id => AgentId;

    /// <inheritdoc/>
    public string DisplayName => "Quarantine Agent";

    /// <inheritdoc/>
    public CleanAgentResult Run(CleanAgentContext context, AgentParameters parameters, CancellationToken cancellationToken)
    {
        var report = new CleanReport(timeProvider, AgentId, DisplayName, "quarantine");
        var settings = QuarantineSettings.From(parameters);
        var header = RowScan.HeaderOf(context.Current);
        parameters.RequireColumns("required_fields/range_rules/format_rules", settings.NamedColumns, header, context.OriginalColumns);
        var rules = new QuarantineRules(settings, header, QuarantineNumbers.For(context, QuarantineRules.ReadsNumbers(settings), cancellationToken));
        var byReason = new Dictionary<string, long>(StringComparer.Ordinal);
        var quarantinedRows = new JsonArray();
        var violations = new List<(string Column, string Reason, string Message)>();
        var columnIndex = header.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        long rows = 0;
        long written;
        FileProfile profile;
        using (var scan = RowScan.Open(context.Current))
        using (var writer = CsvFileWriter.Over(context, scan))
        {
            foreach (var (row, fields) in scan.Rows(cancellationToken))
            {
                rows++;
                rules.Check(fields, scan.CurrentFieldCount, violations);
                if (violations.Count == 0)
                {
                    writer.WriteRow(fields, row);
                    continue;
                }

                foreach (var (column, reason, message) in violations)
                {
                    byReason[reason] = byReason.GetValueOrDefault(reason) + 1;
                    report.RowIssue(row, column, reason, reason == "injection_pattern" ? "critical" : "warning", message + "; row quarantined",
                        column == RowIssueLog.WholeRow ? null : fields[columnIndex[column]]);
                }

                if (quarantinedRows.Count < 100)
                {
                    quarantinedRows.Add(new JsonObject { ["row_index"] = row, ["reasons"] = new JsonArray([.. violations.Select(v => (JsonNode)v.Reason).Distinct()]) });
                }
            }

            written = writer.RowsWritten;
            profile = writer.Profile;
        }

        long quarantined = rows - written;
        double quarantinedPct = Rounding.Share(quarantined, rows);
        double score = CleanScore.Weighted((quarantinedPct, settings.QuarantineWeight), (100 - quarantinedPct, settings.RetentionWeight),
            (quarantinedPct < 50 ? 100 : 50, settings.ThresholdWeight));
        string status = CleanScore.Status(score, settings.ExcellentThreshold, settings.GoodThreshold);
        Findings(report.Findings, settings, header, byReason, quarantined, rows);
        var data = new JsonObject
        {
            ["rows_before"] = rows,
            ["rows_after"] = written,
            ["quarantined_rows"] = quarantined,
            ["quarantined_pct"] = Rounding.Pct(quarantinedPct),
            ["violations_by_reason"] = new JsonObject([.. byReason.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value))]),
            ["quarantined_sample"] = quarantinedRows,
            ["injection_patterns"] = new JsonArray([.. QuarantineRules.InjectionPatterns.Select(p => (JsonNode)p)]),
            ["note"] = "quarantined rows are dropped from the cleaned file and listed in row_level_issues; no separate quarantine file is written",
            ["score"] = new JsonObject { ["value"] = score, ["status"] = status, ["formula"] = "quarantined%·quarantine_weight + kept%·retention_weight + (100 if quarantined < 50% else 50)·threshold_weight" },
        };
        parameters.Describe(data, QuarantineSettings.Defaults().ToJson(), settings.ToJson());
        var metrics = new JsonObject
        {
            ["total_rows"] = rows,
            ["quarantined_rows"] = quarantined,
            ["clean_rows"] = written,
            ["quarantine_pct"] = Rounding.Pct(quarantinedPct),
            ["quarantine_score"] = score,
            ["status"] = status,
        };
        report.Card("rows", "Rows Quarantined", quarantined.ToString(CultureInfo.InvariantCulture), quarantined == 0 ? "success" : "warning",
            $"{written} of {rows} rows kept.");
        string text = $"Quarantine removed {quarantined} of {rows} rows ({Figures.F(quarantinedPct)}%): "
            + (byReason.Count == 0 ? "no violations" : string.Join(", ", byReason.Select(r => $"{r.Value} {r.Key}"))) + $"; score {Figures.F(score)} ({status}).";
        return new CleanAgentResult(report.Build(metrics, data, score, status, text), context.OutputPath, written, header.Count) { OutputProfile = profile };
    }

    private static void Findings(AgentFindings f, QuarantineSettings s, IReadOnlyList<string> header, Dictionary<string, long> byReason, long quarantined, long rows)
    {
        foreach (string missing in s.ExpectedSchema.Keys.Where(c => !header.Contains(c)))
        {
            f.Issue(missing, "missing_column", "high", $"Column '{missing}' of expected_schema is not in the file", $"Add '{missing}' to the export or fix expected_schema.");
        }

        if (byReason.GetValueOrDefault("injection_pattern") > 0)
        {
            f.Alert("injection", "critical", "security", 1, $"{byReason["injection_pattern"]} cell(s) hold injection-like text",
                "Sanitise inputs at the source; never execute file contents.");
        }

        if (quarantined > 0)
        {
            f.Alert("quarantined", quarantined * 2 >= rows ? "high" : "medium", "validity", byReason.Count, $"{quarantined} of {rows} row(s) quarantined",
                "Review the quarantined rows in row_level_issues and fix them at the source.");
        }

        foreach (var (reason, count) in byReason)
        {
            f.Issue(null, reason, reason == "injection_pattern" ? "critical" : "medium", $"{count} violation(s) of type {reason}",
                $"Fix the {reason.Replace('_', ' ')} violations at the source.");
        }
    }
}
