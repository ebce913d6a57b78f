using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>
/// key-identifier: primary keys (uniqueness ≥ pk threshold 99 % with no nulls), entity keys (50–99 %), foreign keys
/// (≥ 70 % of distinct values found in a reference_tables list), composite keys of ≤ 3 columns only when there is no
/// primary key. Score 100 with a primary key, 75 with an entity or composite key, else 50. Each column's key score =
/// 0.4·uniqueness + 0.3·(100 − null%) + 0.3·pattern score (uniqueness_weight, completeness_weight, pattern_weight). Writes no file.
/// </summary>
public sealed class KeyIdentifierAgent(TimeProvider timeProvider) : IMasterAgent
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "key-identifier";

    /// <inheritdoc/>
    public string Id => AgentId;

    /// <inheritdoc/>
    public string DisplayName => "Key Identifier";

    /// <summary>The agent's key thresholds (read again by the tool before any agent runs).</summary>
    internal static (double Pk, double Entity, double Fk, int MaxComposite) Thresholds(AgentParameters p) => (
        p.GetDouble("pk_uniqueness_threshold", 99, 0, 100),
        p.Supplied["entity_key_threshold"] is null
            ? p.GetDouble("entity_key_threshold", 50, 0, 100) // the default is never a reason to refuse a given pk threshold
            : p.GetDouble("entity_key_threshold", 50, 0, 100, notAbove: "pk_uniqueness_threshold"),
        p.GetDouble("fk_overlap_threshold", 70, 0, 100),
        p.GetInt("max_composite_key_columns", 3, 2, 3));

    /// <summary>The agent's key score weights (read again by the tool before any agent runs).</summary>
    internal static ScoreSettings Scoring(AgentParameters p) => ScoreSettings.ReadWeights(p, ("uniqueness_weight", 0.4), ("completeness_weight", 0.3), ("pattern_weight", 0.3));

    /// <inheritdoc/>
    public MasterAgentResult Run(MasterTable input, AgentParameters parameters, CancellationToken cancellationToken)
    {
        var draft = new ReportDraft(AgentId, DisplayName, timeProvider);
        var (pkThreshold, entityThreshold, fkThreshold, maxComposite) = Thresholds(parameters);
        var references = parameters.GetOptionalObject("reference_tables") ?? [];
        var keyWeights = Scoring(parameters);

        var stats = Enumerable.Range(0, input.Columns.Count).AsParallel().AsOrdered().WithCancellation(cancellationToken)
            .Select(i => KeyColumnStats.Of(input, i, references.Count > 0)).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        var primary = stats.Where(s => s.NonNull > 0 && s.UniquenessPct >= pkThreshold && s.NullPct == 0).ToList();
        var entity = stats.Where(s => s.NonNull > 0 && s.UniquenessPct >= entityThreshold && !primary.Contains(s)).ToList();
        var foreign = ForeignKeys(stats, references, fkThreshold, parameters);
        var composite = primary.Count == 0 ? CompositeKeys.Find(input, stats, maxComposite, cancellationToken) : [];
        double score = primary.Count > 0 ? 100 : entity.Count > 0 || composite.Count > 0 ? 75 : 50;

        if (primary.Count == 0)
        {
            draft.Alert("high", "keys", "No primary key candidate: no column is unique and complete.", input.Columns.Count,
                composite.Count > 0 ? "Use the composite key found or add a surrogate key." : "Add a unique identifier column.");
            draft.Issue("", "no_primary_key", "high", "The dataset has no single-column primary key.");
            draft.Recommend("", "high", "Introduce a stable unique identifier for each record.", "1-2 weeks");
        }

        foreach (var s in entity.Where(s => s.UniquenessPct < 100))
        {
            draft.Issue(s.Column, "duplicate_key_values", "medium",
                $"{s.Column} is {s.UniquenessPct:0.##}% unique: {s.NonNull - s.Distinct} repeated values suggest duplicate entities.");
        }

        draft.Card("key_primary", "Primary Keys", primary.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            primary.Count > 0 ? "success" : "warning", "Columns that are unique and complete.");
        var data = new JsonObject
        {
            ["primary_key_candidates"] = Describe(primary, keyWeights),
            ["entity_key_candidates"] = Describe(entity, keyWeights),
            ["foreign_key_candidates"] = foreign,
            ["composite_key_candidates"] = new JsonArray([.. composite.Select(c => (JsonNode)new JsonArray([.. c.Select(n => (JsonNode)n)]))]),
            ["column_analysis"] = Describe(stats, keyWeights),
            ["key_identifier_score"] = score,
        };
        var defaults = new JsonObject { ["pk_uniqueness_threshold"] = 99, ["entity_key_threshold"] = 50, ["fk_overlap_threshold"] = 70, ["max_composite_key_columns"] = 3 };
        var effective = new JsonObject { ["pk_uniqueness_threshold"] = pkThreshold, ["entity_key_threshold"] = entityThreshold, ["fk_overlap_threshold"] = fkThreshold, ["max_composite_key_columns"] = maxComposite,
            ["reference_tables"] = references.DeepClone() };
        keyWeights.AddTo(defaults, effective);
        ReportDraft.AddParameterBlocks(data, defaults, parameters, effective);
        var metrics = new JsonObject
        {
            ["total_columns"] = input.Columns.Count,
            ["primary_keys_found"] = primary.Count,
            ["entity_keys_found"] = entity.Count,
            ["foreign_keys_found"] = foreign.Count,
            ["composite_keys_found"] = composite.Count,
            ["key_identifier_score"] = score,
        };
        string text = $"Key Identifier found {primary.Count} primary, {entity.Count} entity, {foreign.Count} foreign and {composite.Count} composite key candidate(s).";
        return new MasterAgentResult(draft.Build(metrics, data, text), null);
    }

    private static JsonArray Describe(IEnumerable<KeyColumnStats> stats, ScoreSettings keyWeights) => new([.. stats.Select(s => (JsonNode)new JsonObject
    {
        ["column"] = s.Column,
        ["uniqueness_pct"] = Rounding.Pct(s.UniquenessPct),
        ["null_pct"] = Rounding.Pct(s.NullPct),
        ["pattern_score"] = Rounding.Pct(s.PatternScore),
        ["key_score"] = Rounding.Pct(keyWeights.Weigh(s.UniquenessPct, 100 - s.NullPct, s.PatternScore)),
    })]);

    // reference_tables: {"name": ["v1", "v2", …]} or {"name": {"column": [values]}}; a column whose distinct values
    // overlap a list by ≥ threshold % is a foreign key candidate.
    private static JsonArray ForeignKeys(List<KeyColumnStats> stats, JsonObject references, double threshold, AgentParameters p)
    {
        var lists = new List<(string Name, HashSet<string> Values)>();
        foreach (var (name, node) in references)
        {
            switch (node)
            {
                case JsonArray array:
                    lists.Add((name, array.Select(AgentParameters.ScalarText).OfType<string>().Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal)));
                    break;
                case JsonObject obj:
                    foreach (var (column, values) in obj)
                    {
                        lists.Add(($"{name}.{column}", values is JsonArray list
                            ? list.Select(AgentParameters.ScalarText).OfType<string>().Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal)
                            : throw p.Invalid("reference_tables", $"entry '{name}.{column}' must be a list of values")));
                    }

                    break;
                default:
                    throw p.Invalid("reference_tables", $"entry '{name}' must be a list of values or an object of lists");
            }
        }

        var found = new JsonArray();
        foreach (var s in stats.Where(s => s.Distinct > 0))
        {
            foreach (var (name, values) in lists)
            {
                double overlap = 100.0 * s.Values.Count(values.Contains) / s.Distinct;
                if (overlap >= threshold)
                {
                    found.Add(new JsonObject { ["column"] = s.Column, ["references"] = name, ["overlap_pct"] = Rounding.Pct(overlap) });
                }
            }
        }

        return found;
    }
}
