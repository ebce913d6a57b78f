using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>
/// null-handler: turns null tokens (NULL/null/NaN/None/N/A/?/-/missing/undefined, any casing, and blank cells) into
/// empty cells, suggests a strategy per column, and applies only column_strategies (mean, median, mode, ffill, bfill,
/// constant, knn, drop_column) and the global drop_rows. Writes the CSV.
/// Score = completeness_weight·non-null cells% after + retention_weight·cells kept%.
/// </summary>
public sealed class NullHandlerAgent(TimeProvider timeProvider) : ICleanAgent
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "null-handler";

    /// <inheritdoc/>
    public string Id => AgentId;

    /// <inheritdoc/>
    public string DisplayName => "Null Handler";

    /// <inheritdoc/>
    public CleanAgentResult Run(CleanAgentContext context, AgentParameters parameters, CancellationToken cancellationToken)
    {
        var report = new CleanReport(timeProvider, AgentId, DisplayName, "null_handler");
        var settings = NullHandlerSettings.From(parameters);
        var header = RowScan.HeaderOf(context.Current).ToList();
        parameters.RequireColumns("column_strategies", settings.ColumnStrategies.Keys, header, context.OriginalColumns);
        parameters.RequireColumns("keep_null_tokens_in", settings.KeepTokensIn, header, context.OriginalColumns);
        var strategies = settings.ColumnStrategies.ToDictionary(s => header.IndexOf(s.Key), s => s.Value);
        if (Enumerable.Range(0, header.Count).All(i => strategies.GetValueOrDefault(i)?.Name == "drop_column"))
        {
            // The file would be written with no column at all (a cleaned file of blank lines, which no tool reads back).
            throw parameters.Invalid("column_strategies", $"drops every column of the file ({string.Join(", ", header)}): nothing would be left; keep at least one");
        }

        bool[] keepTokens = [.. header.Select(settings.KeepTokensIn.Contains)];
        bool scanFirst = strategies.Values.Any(s => s.NeedsScan);
        // The profile handed over counts what the write pass would count cell by cell (~1 s of CPU on 1M rows): taken
        // when it can be; else the scan is a pass of its own (a strategy needs it before the first fill) or the write pass's.
        var fromProfile = scanFirst ? null : NullScan.FromProfile(context.CurrentProfile, header, strategies, keepTokens);
        var scan = fromProfile ?? (scanFirst ? NullScan.Run(context.Current, strategies, keepTokens, cancellationToken) : NullScan.Create(header, strategies));
        bool countInPass = !scanFirst && fromProfile is null;
        var fillers = new Dictionary<int, NullFiller>();
        var applied = new JsonObject();
        var notApplied = new List<string>();
        foreach (var (i, strategy) in strategies.Where(s => s.Value.Name != "drop_column"))
        {
            if (NullFiller.Create(strategy, i, scan, settings.KnnNeighbors, out string? why) is { } filler)
            {
                fillers[i] = filler;
                applied[header[i]] = strategy.Name;
            }
            else
            {
                report.Findings.Issue(header[i], "strategy_not_applicable", "medium", $"Strategy '{strategy.Name}' was not applied to '{header[i]}': {why}",
                    $"Choose another strategy for '{header[i]}' (mode or constant).");
                notApplied.Add($"'{header[i]}' ({strategy.Name}: {why})");
            }
        }

        if (notApplied.Count > 0)
        {
            // A strategy the user set that was not applied is a setting not done as asked: a configuration alert, which
            // the command line also prints as a warning. As an issue alone, `analyze` said nothing and the nulls stayed.
            report.Findings.Alert("strategies_not_applied", "medium", "configuration", notApplied.Count,
                $"Parameter {AgentId}.column_strategies was not applied to {notApplied.Count} column(s), whose nulls were left as they are: {string.Join("; ", notApplied.Take(5))}{(notApplied.Count > 5 ? $"; and {notApplied.Count - 5} more" : "")}.",
                "Choose another strategy for them (mode or constant).");
        }

        int[] keep = [.. Enumerable.Range(0, header.Count).Where(i => !(strategies.GetValueOrDefault(i)?.Name == "drop_column"))];
        var pass = NullWritePass.Run(context, keep, keepTokens, fillers, settings.GlobalStrategy == "drop_rows", countInPass ? scan : null, report, cancellationToken);

        long cellsIn = scan.Rows * header.Count;
        long cellsOut = pass.RowsWritten * keep.Length;
        long nullsBefore = scan.Stats.Sum(s => s.Blanks);
        double completeness = cellsOut == 0 ? 0 : 100 - Rounding.Share(pass.NullsAfter, cellsOut);
        double retention = Rounding.Share(cellsOut, cellsIn);
        double score = CleanScore.Weighted((completeness, settings.CompletenessWeight), (retention, settings.RetentionWeight));
        string status = CleanScore.Status(score, settings.ExcellentThreshold, settings.GoodThreshold);
        var suggestions = NullSuggestions.Build(scan, strategies, report.Findings);
        var data = new JsonObject
        {
            ["null_tokens"] = new JsonArray([.. CellValues.NullTokenList.Prepend("(empty)").Select(t => (JsonNode)t)]),
            ["null_tokens_normalized"] = new JsonObject([.. header.Select((c, i) => KeyValuePair.Create(c, (JsonNode?)scan.Tokens[i])).Where(p => (long)p.Value! > 0)]),
            ["null_tokens_kept_in"] = new JsonArray([.. header.Where((_, i) => keepTokens[i]).Select(c => (JsonNode)c)]),
            ["null_counts_before"] = new JsonObject([.. scan.Stats.Where(s => s.Blanks > 0).Select(s => KeyValuePair.Create(s.Name, (JsonNode?)s.Blanks))]),
            ["suggested_strategies"] = suggestions,
            ["applied_strategies"] = applied,
            ["columns_dropped"] = new JsonArray([.. strategies.Where(s => s.Value.Name == "drop_column").Select(s => (JsonNode)header[s.Key])]),
            ["rows_dropped"] = pass.RowsDropped,
            ["simplifications"] = new JsonObject
            {
                ["knn"] = $"knn fills a null with the mean of the {settings.KnnNeighbors} nearest non-null values of the same column by row position, not a feature-space KNN imputer",
                ["mode"] = "ties are broken by the ordinally smallest value",
            },
            ["score"] = new JsonObject { ["value"] = score, ["status"] = status, ["formula"] = "completeness_weight·non-null cells% after + retention_weight·cells kept%" },
        };
        parameters.Describe(data, NullHandlerSettings.Defaults().ToJson(), settings.ToJson());
        var metrics = new JsonObject
        {
            ["total_rows"] = scan.Rows,
            ["null_tokens_normalized"] = scan.Tokens.Sum(),
            ["nulls_before"] = nullsBefore,
            ["nulls_filled"] = pass.Filled,
            ["nulls_after"] = pass.NullsAfter,
            ["rows_dropped"] = pass.RowsDropped,
            ["columns_dropped"] = header.Count - keep.Length,
            ["null_handling_score"] = score,
            ["status"] = status,
        };
        if (nullsBefore > 0)
        {
            report.Findings.Alert("nulls", nullsBefore * 5 >= cellsIn ? "high" : "medium", "completeness", scan.Stats.Count(s => s.Blanks > 0),
                $"{nullsBefore} null cell(s) ({scan.Tokens.Sum()} from null tokens) in {scan.Stats.Count(s => s.Blanks > 0)} column(s)",
                "Set column_strategies for the columns with nulls (see suggested_strategies).");
        }

        report.Card("nulls", "Nulls Handled", $"{pass.Filled}/{nullsBefore}", pass.NullsAfter == 0 ? "success" : "warning",
            $"{scan.Tokens.Sum()} null token(s) normalised; {pass.NullsAfter} null cell(s) left.");
        string text = $"Null handling normalised {scan.Tokens.Sum()} null token(s), found {nullsBefore} null cell(s), filled {pass.Filled}, "
            + $"dropped {pass.RowsDropped} row(s) and {header.Count - keep.Length} column(s); score {Figures.F(score)} ({status}).";
        return new CleanAgentResult(report.Build(metrics, data, score, status, text), context.OutputPath, pass.RowsWritten, keep.Length) { OutputProfile = pass.Profile };
    }
}
