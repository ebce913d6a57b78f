using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>
/// stewardship-flagger: flags MISSING_REQUIRED (critical), INVALID_FORMAT (medium; first 1000 rows), LOW_CONFIDENCE
/// (high), OUTLIER_VALUE (medium; age 0–120, percentage 0–100), DUPLICATE_SUSPECTED (high) and BUSINESS_RULE_VIOLATION
/// (rule severity). Severity weights critical 4, high 3, medium 2, low 1. Score = 0.6·(100 − min(100, 1000·issues/cells))
/// + 0.4·(100 − 100·Σweight/(4·rows)) (density_score_weight, severity_score_weight: not severity_weights, the weight of each flag); excellent ≥ 90, good ≥ 75. Output: all rows + __stewardship_issues__, __flagged_at__, __needs_review__.
/// </summary>
public sealed class StewardshipFlaggerAgent(TimeProvider timeProvider) : IMasterAgent
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "stewardship-flagger";

    /// <summary>Columns this agent appends (and drops from its input when present).</summary>
    public static readonly string[] OutputColumns = ["__stewardship_issues__", "__flagged_at__", "__needs_review__"];

    /// <inheritdoc/>
    public string Id => AgentId;

    /// <inheritdoc/>
    public string DisplayName => "Stewardship Flagger";

    /// <summary>The agent's score weights and status thresholds (read again by the tool before any agent runs).</summary>
    internal static ScoreSettings Scoring(AgentParameters p) => ScoreSettings.Read(p, 90, 75, ("density_score_weight", 0.6), ("severity_score_weight", 0.4));

    /// <inheritdoc/>
    public MasterAgentResult Run(MasterTable input, AgentParameters parameters, CancellationToken cancellationToken)
    {
        var draft = new ReportDraft(AgentId, DisplayName, timeProvider);
        var table = input.Without(OutputColumns);
        var rules = new StewardshipRules(table, parameters);
        var scoring = Scoring(parameters);
        ColumnReferences.AlertMissing(draft, table, "required_fields", parameters.GetStringList("required_fields", splitCommas: true, scalarsAsText: true));
        ColumnReferences.AlertMissing(draft, table, "format_rules", parameters.GetStringMap("format_rules").Keys);
        ColumnReferences.AlertMissing(draft, table, "duplicate_key_columns", parameters.GetStringList("duplicate_key_columns", splitCommas: true, scalarsAsText: true));
        ColumnReferences.AlertMissing(draft, table, "business_rules", StewardshipRules.BusinessRuleColumns(parameters));
        if (rules.RulesWithoutCondition.Count > 0)
        {
            draft.Alert("medium", "configuration",
                $"{rules.RulesWithoutCondition.Count} rule(s) of {draft.Parameter("business_rules")} have no condition {{column, operator, value}} and were not checked: {string.Join(", ", rules.RulesWithoutCondition)}.",
                rules.RulesWithoutCondition.Count,
                "Write each rule as {\"name\": …, \"condition\": {\"column\": …, \"operator\": \"eq|ne|gt|lt|contains\", \"value\": …}, \"severity\": …}.");
        }
        ColumnReferences.AlertMissing(draft, table, parameters, "confidence_column");
        var weights = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase) { ["critical"] = 4, ["high"] = 3, ["medium"] = 2, ["low"] = 1 };
        foreach (var (k, v) in parameters.GetNumberMap("severity_weights", [.. weights.Keys], 0, 100))
        {
            weights[k] = v;
        }

        string flaggedAt = timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var byType = new Dictionary<string, long>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var flaggedColumns = new HashSet<string>(StringComparer.Ordinal);
        long issues = 0, flaggedRows = 0;
        double weightSum = 0;
        var issueColumn = new MasterColumnBuilder(table.RowCount);
        var flaggedColumn = new MasterColumnBuilder(table.RowCount);
        var reviewColumn = new MasterColumnBuilder(table.RowCount);
        for (int r = 0; r < table.RowCount; r++)
        {
            if (r % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var found = StewardshipRowCheck.Check(table, rules, r, seen);
            foreach (var (column, type, severity, message) in found)
            {
                issues++;
                weightSum += weights.GetValueOrDefault(severity, 1);
                byType[type] = byType.GetValueOrDefault(type) + 1;
                if (type == "DUPLICATE_SUSPECTED")
                {
                    flaggedColumns.UnionWith(rules.DuplicateKeys.Select(k => table.Columns[k])); // its column reads "email+name"
                }
                else
                {
                    flaggedColumns.Add(column);
                }
                string level = severity == "critical" ? "critical" : severity == "low" ? "info" : "warning";
                int index = table.Find(column);
                draft.RowIssue(r, column, type, level, message, index >= 0 ? table[r, index] : null,
                    type == "DUPLICATE_SUSPECTED" ? rules.DuplicateKeys.Select(k => table.Columns[k]) : null);
            }

            flaggedRows += found.Count > 0 ? 1 : 0;
            issueColumn.Add(found.Count == 0 ? "" : string.Join(";", found.Select(f => $"{f.Type}:{f.Column}").Distinct()));
            flaggedColumn.Add(found.Count > 0 ? flaggedAt : "");
            reviewColumn.Add(found.Count > 0 ? "true" : "false");
        }

        long cells = (long)table.RowCount * Math.Max(1, table.Columns.Count);
        double density = 100 - Math.Min(100, 1000.0 * issues / Math.Max(1, cells));
        double severityScore = Math.Max(0, 100 - 100 * weightSum / (4.0 * Math.Max(1, table.RowCount)));
        double score = Rounding.Pct(scoring.Weigh(density, severityScore));
        foreach (var (type, count) in byType)
        {
            draft.Issue("", type, type == "MISSING_REQUIRED" ? "critical" : "medium", $"{count} {type} flag(s).");
        }

        if (flaggedRows > 0)
        {
            draft.Alert(score < scoring.Good ? "high" : "medium", "stewardship", $"{flaggedRows} row(s) need steward review.", flaggedColumns.Count, "Route the flagged rows to a data steward.");
            draft.Recommend("", "high", "Review rows with __needs_review__ = true and fix the flagged values at the source.", "1-2 weeks");
        }

        draft.Card("stewardship_flagged", "Rows Needing Review", flaggedRows.ToString(CultureInfo.InvariantCulture), flaggedRows == 0 ? "success" : "warning", "Rows with at least one stewardship flag.");
        var metrics = new JsonObject
        {
            ["total_records"] = table.RowCount,
            ["records_flagged"] = flaggedRows,
            ["total_issues"] = issues,
            ["issues_by_type"] = new JsonObject(byType.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["stewardship_score"] = score,
            ["status"] = scoring.Status(score),
        };
        var data = new JsonObject { ["stewardship_score"] = score, ["density_score"] = Rounding.Pct(density), ["severity_score"] = Rounding.Pct(severityScore) };
        var defaults = new JsonObject { ["severity_weights"] = new JsonObject { ["critical"] = 4, ["high"] = 3, ["medium"] = 2, ["low"] = 1 }, ["min_confidence"] = 0.5 };
        var effective = new JsonObject
        {
            ["severity_weights"] = new JsonObject(weights.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["min_confidence"] = rules.MinConfidence,
            ["format_rules"] = new JsonObject(rules.Formats.Select(f => KeyValuePair.Create(table.Columns[f.Column], (JsonNode?)f.Format))),
            ["confidence_column"] = rules.ConfidenceColumn >= 0 ? table.Columns[rules.ConfidenceColumn] : null,
            // The rules and columns it checked (columns the file lacks are in the alerts): they were in overrides only.
            ["required_fields"] = new JsonArray([.. rules.Required.Select(c => (JsonNode)table.Columns[c])]),
            ["duplicate_key_columns"] = new JsonArray([.. rules.DuplicateKeys.Select(c => (JsonNode)table.Columns[c])]),
            ["business_rules"] = new JsonArray([.. rules.BusinessRules.Select(r => (JsonNode)new JsonObject
            {
                ["name"] = r.Name,
                ["condition"] = new JsonObject { ["column"] = table.Columns[r.Column], ["operator"] = r.Operator, ["value"] = r.ValueIsNumber ? JsonNode.Parse(r.Value) : r.Value },
                ["severity"] = r.Severity,
            })]),
        };
        scoring.AddTo(defaults, effective);
        ReportDraft.AddParameterBlocks(data, defaults, parameters, effective);
        string text = $"Stewardship Flagger raised {issues} flag(s) on {flaggedRows} of {table.RowCount} rows.";
        var output = table.With(OutputColumns, [issueColumn.Build(), flaggedColumn.Build(), reviewColumn.Build()]);
        return new MasterAgentResult(draft.Build(metrics, data, text), output);
    }
}
