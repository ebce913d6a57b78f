using System.Text.Json.Nodes;
using Agensium.Analysis.Input;
using static Agensium.Analysis.Profile.AgentReportFactory;

namespace Agensium.Analysis.Profile;

/// <summary>
/// The readiness-rater agent: streams the primary file once and rates it 0.3·completeness + 0.3·consistency +
/// 0.4·schema health: ready (≥ 80), needs_review (≥ 50) or not_ready.
/// </summary>
public sealed class ReadinessRaterAgent(TimeProvider timeProvider)
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "readiness-rater";

    /// <summary>The agent's display name.</summary>
    public const string DisplayName = "Readiness Rater";

    /// <summary>Rates <paramref name="primary"/>.</summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE or INVALID_PARAMETERS.</exception>
    public AgentReport Run(InputFile primary, AgentParameters parameters, CancellationToken cancellationToken)
    {
        long started = timeProvider.GetTimestamp();
        var settings = ReadinessSettings.From(parameters);
        ReadinessColumn[] columns = [];
        var shape = TableScan.Run(primary, cancellationToken,
            names => columns = [.. names.Select(n => new ReadinessColumn(n, n.StartsWith("Unnamed", StringComparison.OrdinalIgnoreCase)))],
            (i, value, _) => columns[i].Add(value));
        var renamedEmpty = shape.EmptyHeaderPositions;
        var unnamed = columns.Where((c, i) => c.Unnamed || renamedEmpty.Contains(i)).ToList();
        var allNull = columns.Where(c => c.AllNull).ToList();
        var inconsistent = columns.Where(c => c.Inconsistent).ToList();
        var mixed = columns.Where(c => c.MixedText).ToList();
        double completeness = ReadinessScoring.Completeness(columns.Sum(c => c.NonNull), shape.Cells);
        double consistency = ReadinessScoring.Consistency(inconsistent.Count, columns.Length);
        double schema = ReadinessScoring.SchemaHealth(allNull.Count, unnamed.Count, mixed.Count);
        double overall = ReadinessScoring.Overall(completeness, consistency, schema, settings);
        string status = settings.Status(overall);
        var metrics = new JsonObject
        {
            ["readiness_score"] = Rounding.Pct(overall),
            ["readiness_status"] = status,
            ["completeness_score"] = Rounding.Pct(completeness),
            ["consistency_score"] = Rounding.Pct(consistency),
            ["schema_health_score"] = Rounding.Pct(schema),
            ["total_rows"] = shape.Rows,
            ["total_columns"] = columns.Length,
        };
        var deductions = new JsonArray();
        AddDeductions(deductions, "all_null_column", 15, allNull);
        AddDeductions(deductions, "unnamed_column", 8, unnamed);
        AddDeductions(deductions, "mixed_numeric_text_column", 5, mixed);
        AddDeductions(deductions, "inconsistent_text_column", 20.0 / Math.Max(1, columns.Length), inconsistent);
        var data = new JsonObject
        {
            ["readiness_score"] = Rounding.Pct(overall),
            ["readiness_status"] = status,
            ["components"] = new JsonObject
            {
                ["completeness"] = Rounding.Pct(completeness),
                ["consistency"] = Rounding.Pct(consistency),
                ["schema_health"] = Rounding.Pct(schema),
            },
            ["deductions"] = deductions,
            ["deductions_note"] = "informational: the listed deductions are already part of the component scores and are not subtracted again",
            ["methods"] = "completeness = non-null cells %; consistency = 100 - 20 * (text columns whose first non-null value has a digit) / columns; schema health = 100 - 15/all-null column - 8/unnamed column (\"Unnamed*\" or empty header) - 5/text column with 0 < numeric-like % < 30",
        };
        parameters.Describe(data, ReadinessSettings.Defaults().ToJson(), settings.ToJson());
        var findings = new AgentFindings(AgentId, "readiness");
        if (status != "ready")
        {
            findings.Alert("not_ready", status == "not_ready" ? "high" : "medium", "readiness", deductions.Count,
                $"Readiness score {F(overall)} is below {F(settings.ReadyThreshold)} ({status})", "Clean the data (clean-my-data) before use.");
        }

        foreach (var c in allNull)
        {
            findings.Issue(c.Name, "all_null_column", "high", $"Column '{c.Name}' has no values", $"Drop or fill '{c.Name}'.");
        }

        foreach (var c in inconsistent.Concat(mixed).Distinct())
        {
            // Two checks lead here: a text column whose first value holds a digit ("555-0101", "A12"), or one in which
            // some (under 30%) of the values are numbers. Say which, so "0 of 5 values numeric" never reads as mixing.
            string why = c.MixedText
                ? $"mixes numbers and text ({c.NumericLike} of {c.NonNull} values numeric)"
                : $"has text values holding digits (first value '{Shorten(c.FirstValue!)}'; {c.NumericLike} of {c.NonNull} values are numbers)";
            findings.Issue(c.Name, "mixed_types", "medium", $"Text column '{c.Name}' {why}", $"Standardise the type of '{c.Name}'.");
        }

        JsonArray cards = [ExecutiveCard.Create("readiness_score", "Data Readiness", $"{F(overall)}/100 ({status})",
            status == "ready" ? "success" : status == "needs_review" ? "warning" : "critical", "Weighted completeness, consistency and schema health.")];
        string narrative = $"Readiness of {shape.FileName}: {F(overall)} ({status}); completeness {F(completeness)}, consistency {F(consistency)}, schema health {F(schema)}.";
        return AgentReportFactory.Create(timeProvider, started, AgentId, DisplayName, metrics, data, findings, cards, narrative);
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "...";

    private static void AddDeductions(JsonArray list, string reason, double points, IEnumerable<ReadinessColumn> columns)
    {
        foreach (var c in columns)
        {
            list.Add(new JsonObject { ["column"] = c.Name, ["reason"] = reason, ["points"] = Rounding.Pct(points) });
        }
    }
}
