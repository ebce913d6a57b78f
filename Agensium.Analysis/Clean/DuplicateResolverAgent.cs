using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>
/// duplicate-resolver: detects exact duplicates, case variations, number-format variations ("1.50" for "1.5" in a number
/// column), e-mail case variants and conflicting rows, then
/// keeps the first row per lower+trim key of key_columns (all columns when none; numbers of a number column by value, thousands
/// groups read as type-fixer reads them); merge_smart instead fills each kept
/// row with the first non-blank value per column of its group. Writes the deduplicated CSV.
/// Score = uniqueness_weight·(100 − duplicate% left) + retention_weight·rows kept%.
/// </summary>
public sealed class DuplicateResolverAgent(TimeProvider timeProvider) : ICleanAgent
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "duplicate-resolver";

    /// <inheritdoc/>
    public string Id => AgentId;

    /// <inheritdoc/>
    public string DisplayName => "Duplicate Resolver";

    /// <inheritdoc/>
    public CleanAgentResult Run(CleanAgentContext context, AgentParameters parameters, CancellationToken cancellationToken)
    {
        var report = new CleanReport(timeProvider, AgentId, DisplayName, "duplicates");
        var settings = DuplicateResolverSettings.From(parameters);
        var header = RowScan.HeaderOf(context.Current);
        parameters.RequireColumns("key_columns", settings.KeyColumns, header, context.OriginalColumns);
        int[] keys = settings.KeyColumns.Count == 0
            ? [.. Enumerable.Range(0, header.Count)]
            : [.. settings.KeyColumns.Select(c => header.ToList().IndexOf(c))];
        // "1.50" and "1.5", "1,234" and "1 234" in a price column are one value, read as type-fixer reads them (NumberKeys):
        // the column types come from the profile an earlier agent handed over, else from a pass of their own, which
        // counts the rows too: the tables of whole rows are sized for them either way.
        var (_, stats, rowCount) = ColumnStats.Of(context, cancellationToken, keepValues: false);
        var numbers = NumberKeys.Of(stats, context.TypeFixing, context.OriginalDelimiter() == ';');
        var (scan, profile) = settings.MergeStrategy == "merge_smart"
            ? MergeSmart(context, keys, numbers, rowCount, report, cancellationToken)
            : DuplicateWriter.Dedupe(context, keys, numbers, rowCount, report, cancellationToken);
        long written = profile.Rows;

        long removed = scan.Rows - written;
        double retention = Rounding.Share(written, scan.Rows);
        double score = CleanScore.Weighted((100, settings.UniquenessWeight), (retention, settings.RetentionWeight));
        string status = CleanScore.Status(score, settings.ExcellentThreshold, settings.GoodThreshold);
        Findings(report.Findings, settings, scan, removed);
        report.Card("removed", "Duplicates Removed", removed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            removed == 0 ? "success" : "info", $"{scan.Rows} rows in, {written} rows out.");
        var data = new JsonObject
        {
            ["merge_strategy"] = settings.MergeStrategy,
            ["key_columns"] = new JsonArray([.. keys.Select(i => (JsonNode)header[i])]),
            ["key_normalization"] = "trim, Unicode composition (NFC) and lower-case of every key column, numbers of a number column by value as type-fixer reads them (1.50 = 1.5, 10.0 = 10, 1,234 = 1 234 = 1234; not in id, code or zero-padded columns nor versions); the first row of each key is kept; a row whose key column is blank or a null token (N/A, -, null…) is grouped only with identical rows; detection_types choose what data.detection counts, not what is removed (as in AGENSIUM)",
            ["rows_without_complete_key"] = scan.RowsWithoutCompleteKey,
            ["detection"] = Detection(settings, scan),
            ["duplicate_groups"] = scan.Groups.Values.Count(g => g.Count > 1),
            ["rows_before"] = scan.Rows,
            ["rows_after"] = written,
            ["rows_removed"] = removed,
            ["score"] = new JsonObject { ["value"] = score, ["status"] = status, ["formula"] = "uniqueness_weight·(100 − duplicate% left) + retention_weight·rows kept%" },
        };
        parameters.Describe(data, DuplicateResolverSettings.Defaults().ToJson(), settings.ToJson());
        var metrics = new JsonObject
        {
            ["total_rows"] = scan.Rows,
            ["exact_duplicates"] = scan.ExactDuplicates,
            ["case_variations"] = scan.CaseVariations,
            ["number_format_variations"] = scan.NumberFormatVariations,
            ["duplicates_removed"] = removed,
            ["rows_after"] = written,
            ["dedup_score"] = score,
            ["status"] = status,
        };
        string text = $"Duplicate resolution removed {removed} of {scan.Rows} rows ({scan.ExactDuplicates} exact duplicate(s), "
            + $"{scan.CaseVariations} case variation(s), {scan.NumberFormatVariations} number-format variation(s)); score {Figures.F(score)} ({status}).";
        return new CleanAgentResult(report.Build(metrics, data, score, status, text), context.OutputPath, written, header.Count) { OutputProfile = profile };
    }

    // merge_smart needs every group complete before its first row is written: a pass that detects the groups and
    // gathers their later rows' values, then one that writes.
    private static (DuplicateScan, FileProfile) MergeSmart(CleanAgentContext context, int[] keys, NumberKeys numbers, long rows, CleanReport report, CancellationToken ct)
    {
        var (scan, later, firstOf) = DuplicateWriter.ScanAndGather(context.Current, keys, rows, numbers, ct);
        return (scan, DuplicateWriter.Write(context, later, firstOf, report, ct));
    }

    private static JsonObject Detection(DuplicateResolverSettings settings, DuplicateScan scan)
    {
        var detection = new JsonObject();
        foreach (string type in settings.DetectionTypes)
        {
            detection[type] = type switch
            {
                "exact" => new JsonObject { ["duplicate_rows"] = scan.ExactDuplicates },
                // A number written otherwise is found by the same normalised comparison, but it is no casing: counted apart.
                "case_variations" => new JsonObject { ["duplicate_rows"] = scan.CaseVariations, ["number_format_rows"] = scan.NumberFormatVariations },
                "email_case" => new JsonObject([.. scan.EmailCaseVariants.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))]),
                "conflicting" => settings.KeyColumns.Count == 0
                    ? new JsonObject { ["status"] = "skipped", ["reason"] = "needs key_columns" }
                    : new JsonObject { ["conflicting_rows"] = scan.ConflictingRows },
                _ => new JsonObject { ["status"] = "not_implemented" },
            };
        }

        return detection;
    }

    private static void Findings(AgentFindings f, DuplicateResolverSettings settings, DuplicateScan scan, long removed)
    {
        if (removed > 0)
        {
            string severity = removed * 10 >= scan.Rows ? "high" : "medium";
            f.Alert("duplicates", severity, "uniqueness", Math.Max(1, settings.KeyColumns.Count),
                $"{removed} duplicate row(s) removed out of {scan.Rows}", "Fix the source so records are not exported twice.");
            f.Issue(null, "duplicate_rows", severity, $"{removed} duplicate row(s) found on the lower+trim key and removed",
                "Add a unique key constraint at the source.");
        }

        if (scan.CaseVariations > 0)
        {
            f.Issue(null, "case_variations", "low", $"{scan.CaseVariations} row(s) repeat an earlier row in another casing or spacing",
                "Standardise text casing at entry (field-standardization).");
        }

        if (scan.NumberFormatVariations > 0)
        {
            f.Issue(null, "number_format_variations", "low",
                $"{scan.NumberFormatVariations} row(s) repeat an earlier row with a number written otherwise (such as 1.50 for 1.5, 10.0 for 10)",
                "Write the numbers of each column in one format at the source.");
        }

        foreach (var (column, count) in scan.EmailCaseVariants.Where(e => e.Value > 0))
        {
            f.Issue(column, "email_case_variants", "medium", $"{count} e-mail value(s) in '{column}' repeat another in a different case",
                $"Lower-case the e-mails of '{column}'.");
        }

        if (scan.ConflictingRows > 0)
        {
            f.Issue(null, "conflicting_duplicates", "high", $"{scan.ConflictingRows} row(s) share a key with an earlier row but differ in other columns",
                "Review conflicting records; use merge_smart or a survivorship rule.");
        }

        if (settings.DetectionTypes.Contains("missing_values"))
        {
            f.Issue(null, "detection_not_implemented", "low", "Detection type 'missing_values' is not implemented (as in AGENSIUM) and was skipped");
        }
    }
}
