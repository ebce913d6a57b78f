using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>
/// field-standardization: on every text column (IDs and e-mails included; numeric columns are left alone) trims,
/// collapses spaces, applies synonym_mappings and the case strategy (default lowercase); a column where more than 50%
/// of the values look like dates gets its dates rewritten as yyyy-MM-dd (yyyy-MM-dd HH:mm:ss for a value with a time of
/// day: AGENSIUM's %Y-%m-%d would drop it, a loss of data). Writes the CSV.
/// Score = consistency_weight·(100 − unparsed date cells% of text cells) + coverage_weight·text columns processed% of
/// the text columns asked for (target_columns, else every one): all of them, so 100 %.
/// </summary>
public sealed class FieldStandardizationAgent(TimeProvider timeProvider) : ICleanAgent
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "field-standardization";

    /// <inheritdoc/>
    public string Id => AgentId;

    /// <inheritdoc/>
    public string DisplayName => "Field Standardization";

    /// <inheritdoc/>
    public CleanAgentResult Run(CleanAgentContext context, AgentParameters parameters, CancellationToken cancellationToken)
    {
        var report = new CleanReport(timeProvider, AgentId, DisplayName, "standardization");
        var settings = FieldStandardizationSettings.From(parameters);
        var (header, stats, rows) = ColumnStats.Of(context, cancellationToken, keepValues: false);
        parameters.RequireColumns("target_columns", settings.TargetColumns, header, context.OriginalColumns);
        parameters.RequireColumns("synonym_mappings", settings.SynonymMappings.Keys, header, context.OriginalColumns);
        // A column of digits with leading zeros ("02134") is text, as type-fixer keeps it: standardised (target_columns, synonyms) like any.
        var text = stats.Where(s => s.NonNull > 0 && !s.IsNumberColumn).ToList();
        var targets = text.Where(s => settings.TargetColumns.Count == 0 || settings.TargetColumns.Contains(s.Name)).ToList();
        var dates = targets.Where(s => settings.StandardizeDates && s.DatePct > settings.DateThreshold).Select(s => s.Index).ToHashSet();
        var changed = targets.ToDictionary(s => s.Index, _ => 0L);
        var unparsed = targets.ToDictionary(s => s.Index, _ => 0L);
        var examples = targets.ToDictionary(s => s.Index, _ => new JsonArray());
        long written;
        FileProfile profile;
        using (var scan = RowScan.Open(context.Current))
        using (var writer = CsvFileWriter.Over(context, scan))
        {
            foreach (var (row, fields) in scan.Rows(cancellationToken))
            {
                foreach (var s in targets)
                {
                    string before = fields[s.Index];
                    if (CellValues.IsBlank(before) || CellValues.IsNullToken(before.AsSpan()))
                    {
                        // A null token ("N/A") is a null, as the column's stats count it: no bad date, nothing to
                        // standardise; null-handler normalises it.
                        continue;
                    }

                    string after;
                    if (dates.Contains(s.Index) && DateValues.TryRewrite(before, s.DayFirst, withTime: s.TimedDates > 0, out string? date))
                    {
                        after = date; // a time of day and a UTC offset are kept, as type-fixer keeps them
                    }
                    else
                    {
                        after = TextStandardizer.Apply(before, settings, settings.SynonymMappings.GetValueOrDefault(s.Name));
                        if (dates.Contains(s.Index))
                        {
                            unparsed[s.Index]++;
                            report.RowIssue(row, s.Name, "unparseable_date", "warning", $"'{before}' in date column '{s.Name}' is not a date; left as text", before);
                        }
                    }

                    if (!string.Equals(before, after, StringComparison.Ordinal))
                    {
                        changed[s.Index]++;
                        if (examples[s.Index].Count < 3)
                        {
                            examples[s.Index].Add(new JsonObject { ["before"] = before, ["after"] = after });
                        }

                        fields[s.Index] = after;
                    }
                }

                writer.WriteRow(fields);
            }

            written = writer.RowsWritten;
            profile = writer.Profile;
        }

        long textCells = targets.Sum(s => s.NonNull);
        double consistency = 100 - Rounding.Share(unparsed.Values.Sum(), textCells);
        // Judged over the text columns it was asked to look at (target_columns, else every one), and it processes every
        // one of them: restricting it to one of four text columns scored 25 % before, as if it had skipped three. So the
        // coverage term is 100 % whatever the settings (kept so the formula stays AGENSIUM's).
        const double coverage = 100;
        double score = CleanScore.Weighted((consistency, settings.ConsistencyWeight), (coverage, settings.CoverageWeight));
        string status = CleanScore.Status(score, settings.ExcellentThreshold, settings.GoodThreshold);
        if (settings.UnitStandardization)
        {
            report.Findings.Issue(null, "not_implemented", "low", "unit_standardization is not implemented; units were left unchanged");
        }

        foreach (var s in targets.Where(s => unparsed[s.Index] > 0))
        {
            report.Findings.Issue(s.Name, "unparseable_dates", "medium", $"{unparsed[s.Index]} value(s) of date column '{s.Name}' are not dates",
                $"Fix or null the non-date values of '{s.Name}'.");
        }

        foreach (var s in targets.Where(s => dates.Contains(s.Index)))
        {
            DateOrderFindings.Report(report, s);
        }

        long total = changed.Values.Sum();
        int columnsChanged = changed.Count(c => c.Value > 0);
        if (total > 0)
        {
            // columns_standardized counts the text columns processed; the alert, those in which a value changed: say both.
            report.Findings.Alert("standardized", "low", "consistency", columnsChanged,
                $"{total} value(s) standardised in {columnsChanged} of the {targets.Count} text column(s) processed", "Enforce the standard formats at data entry.");
        }

        var columns = new JsonArray([.. targets.Select(s => (JsonNode)new JsonObject
        {
            ["column"] = s.Name,
            ["kind"] = dates.Contains(s.Index) ? "date" : "text",
            ["date_like_pct"] = Rounding.Pct(s.DatePct),
            ["values_changed"] = changed[s.Index],
            ["unparsed_dates"] = unparsed[s.Index],
            ["examples"] = examples[s.Index],
        })]);
        // Only where this agent read x/y/yyyy dates: a column type-fixer already rewrote as ISO shows no order here (it
        // said month_first for the day-first dates type-fixer read; type-fixer's report says the order it read).
        foreach (var (s, column) in targets.Zip(columns).Where(p => dates.Contains(p.First.Index) && p.First.DateOrderRead is not null))
        {
            column!["date_order"] = s.DateOrderRead;
            if (s.DottedDateOrder is { } dotted)
            {
                column["dotted_date_order"] = dotted;
            }
        }

        var data = new JsonObject
        {
            ["columns"] = columns,
            ["numeric_columns_skipped"] = new JsonArray([.. stats.Where(s => s.IsNumberColumn).Select(s => (JsonNode)s.Name)]),
            ["score"] = new JsonObject { ["value"] = score, ["status"] = status, ["formula"] = "consistency_weight·(100 − unparsed date cells% of text cells) + coverage_weight·text columns processed% of the text columns asked for (target_columns, else every one; all are processed, so 100)" },
        };
        parameters.Describe(data, FieldStandardizationSettings.Defaults().ToJson(), settings.ToJson());
        var metrics = new JsonObject
        {
            ["total_rows"] = rows,
            ["columns_standardized"] = targets.Count,
            ["columns_changed"] = columnsChanged,
            ["date_columns"] = dates.Count,
            ["values_changed"] = total,
            ["standardization_score"] = score,
            ["status"] = status,
        };
        report.Card("changed", "Values Standardised", total.ToString(CultureInfo.InvariantCulture), "info",
            $"{targets.Count} text column(s), {dates.Count} of them dates.");
        string narrative = $"Field standardisation ({settings.CaseStrategy}) changed {total} value(s) in {targets.Count} text column(s), "
            + $"{dates.Count} date column(s) rewritten as yyyy-MM-dd; score {Figures.F(score)} ({status}).";
        return new CleanAgentResult(report.Build(metrics, data, score, status, narrative), context.OutputPath, written, header.Count) { OutputProfile = profile };
    }
}
