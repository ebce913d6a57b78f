using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>
/// semantic-mapper: renames columns to the standard vocabulary (custom_mappings 1.0, known variant 0.95, name guess
/// 0.70–0.85, kept when ≥ min_confidence 0.7) and standardises Country/Gender/Status values (plus custom value_mappings).
/// Score = mapped%·0.5 + mean confidence·100·0.5 (coverage_weight, confidence_weight); excellent ≥ 90, good ≥ 75. A column
/// a data contract declared keeps its name and counts as mapped at confidence 1.0.
/// </summary>
public sealed class SemanticMapperAgent(TimeProvider timeProvider) : IMasterAgent
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "semantic-mapper";

    /// <inheritdoc/>
    public string Id => AgentId;

    /// <inheritdoc/>
    public string DisplayName => "Semantic Mapper";

    /// <summary>The agent's score weights and status thresholds (read again by the tool before any agent runs).</summary>
    internal static ScoreSettings Scoring(AgentParameters p) => ScoreSettings.Read(p, 90, 75, ("coverage_weight", 0.5), ("confidence_weight", 0.5));

    /// <inheritdoc/>
    public MasterAgentResult Run(MasterTable input, AgentParameters parameters, CancellationToken cancellationToken)
    {
        var draft = new ReportDraft(AgentId, DisplayName, timeProvider);
        double minConfidence = parameters.GetDouble("min_confidence", 0.7, 0, 1);
        var scoring = Scoring(parameters);
        var custom = parameters.GetStringMap("custom_mappings");
        foreach (var (column, target) in custom)
        {
            if (string.IsNullOrWhiteSpace(target))
            {
                // A blank header in the mastered file: refused, as a blank header of an input gets a name of its own.
                throw parameters.Invalid($"custom_mappings.{column}", "must name the column's new name, not be empty");
            }
        }

        ColumnReferences.AlertMissing(draft, input, "custom_mappings", custom.Keys);
        var valueMaps = parameters.GetOptionalObject("value_mappings") ?? [];
        ColumnReferences.AlertMissing(draft, input, "value_mappings", valueMaps.Select(kv => kv.Key));
        foreach (var (column, map) in valueMaps)
        {
            if (map is not JsonObject)
            {
                throw parameters.Invalid($"value_mappings.{column}", $"must be an object of value → standard value, got {map?.ToJsonString() ?? "null"}");
            }
        }

        var names = new List<string>(input.Columns);
        var mappings = new JsonArray();
        var confidences = new List<double>();
        var standards = new string?[names.Count];
        var protectedColumns = new List<string>();
        // A custom mapping's target is the user's: no automatic guess may take it first.
        var reserved = custom.Where(kv => input.Columns.Contains(kv.Key, StringComparer.OrdinalIgnoreCase)).Select(kv => kv.Value)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < names.Count; i++)
        {
            if (input.ContractColumns.Contains(names[i]))
            {
                // The contract's name stands, and counts as mapped (the user's standard, as a custom mapping at 1.0): a
                // complete contract scored 0 with "12 column(s) have no standard mapping". Its values stand when the
                // contract constrains them; otherwise a name of the vocabulary still standardises them (USA, Germany).
                protectedColumns.Add(names[i]);
                confidences.Add(1.0);
                if (!input.ContractValueColumns.Contains(names[i]) && SemanticVocabulary.Map(names[i]) is { } own && own.Item2 >= minConfidence
                    && ValuesBearOut(input.Column(i), own.Item1, own.Item2))
                {
                    standards[i] = own.Item1;
                }

                continue;
            }

            bool isCustom = custom.TryGetValue(names[i], out string? target);
            var hit = isCustom ? (target!, 1.0) : SemanticVocabulary.Map(names[i]);
            if (hit is not { } m || m.Item2 < minConfidence || (!isCustom && reserved.Contains(m.Item1)))
            {
                continue;
            }

            if (names.Take(i).Concat(names.Skip(i + 1)).Contains(m.Item1, StringComparer.OrdinalIgnoreCase))
            {
                if (isCustom)
                {
                    draft.Alert("medium", "configuration", $"{draft.Parameter("custom_mappings")} maps '{names[i]}' to '{m.Item1}', but the data already has a column '{m.Item1}'; '{names[i]}' kept its name.", 1,
                        $"Map '{names[i]}' to a name no other column has, or rename the other column.");
                }

                continue;
            }

            if (!ValuesBearOut(input.Column(i), m.Item1, m.Item2))
            {
                continue;
            }

            mappings.Add(new JsonObject { ["source_column"] = names[i], ["target_column"] = m.Item1, ["confidence"] = m.Item2 });
            confidences.Add(m.Item2);
            standards[i] = m.Item1;
            names[i] = m.Item1;
        }

        var cells = new MasterColumn[names.Count];
        long standardized = 0;
        // What each column's values became: how many cells changed and which value became which, most frequent first,
        // so a user can see every rewrite the mastered file holds (DE → Germany, f → Female).
        var valueChanges = new JsonObject();
        for (int c = 0; c < names.Count; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (cells[c], var changes) = Standardize(input.Column(c), input.Columns[c], standards[c], valueMaps, parameters);
            long changed = changes.Values.Sum();
            standardized += changed;
            if (changed > 0)
            {
                valueChanges[input.Columns[c]] = new JsonObject
                {
                    ["cells_changed"] = changed,
                    ["changes"] = new JsonArray([.. changes.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.From, StringComparer.Ordinal).Take(MaxChangesListed)
                        .Select(kv => (JsonNode)new JsonObject { ["from"] = kv.Key.From, ["to"] = kv.Key.To, ["cells"] = kv.Value })]),
                    ["distinct_changes"] = changes.Count,
                };
            }
        }

        double mappedPct = names.Count == 0 ? 0 : 100.0 * confidences.Count / names.Count;
        double meanConfidence = confidences.Count == 0 ? 0 : confidences.Average();
        double score = Rounding.Pct(scoring.Weigh(mappedPct, meanConfidence * 100));
        int unmapped = names.Count - confidences.Count;
        if (unmapped > 0)
        {
            draft.Issue(string.Join(", ", input.Columns.Where((_, i) => standards[i] is null && !protectedColumns.Contains(input.Columns[i]))), "unmapped_columns", "low", $"{unmapped} column(s) have no standard mapping.");
            draft.Recommend("", "low", "Add custom_mappings for the unmapped columns.", "2-4 weeks");
        }

        draft.Card("semantic_mapped", "Mapped Columns", $"{confidences.Count}/{names.Count}", confidences.Count > 0 ? "success" : "warning", "Columns mapped to the standard vocabulary.");
        var metrics = new JsonObject
        {
            ["total_columns"] = names.Count,
            ["mapped_columns"] = confidences.Count,
            ["contract_columns"] = protectedColumns.Count,
            ["mapping_coverage_pct"] = Rounding.Pct(mappedPct),
            ["average_confidence"] = Rounding.Stat(meanConfidence),
            ["values_standardized"] = standardized,
            ["semantic_score"] = score,
            ["status"] = scoring.Status(score),
        };
        var data = new JsonObject
        {
            ["column_mappings"] = mappings,
            ["semantic_score"] = score,
            ["contract_columns_kept"] = new JsonArray([.. protectedColumns.Select(c => (JsonNode)c)]),
            ["value_changes"] = valueChanges,
        };
        var defaults = new JsonObject { ["min_confidence"] = 0.7 };
        var effective = new JsonObject
        {
            ["min_confidence"] = minConfidence,
            ["custom_mappings"] = new JsonObject(custom.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["value_mappings"] = valueMaps.DeepClone(),
        };
        scoring.AddTo(defaults, effective);
        ReportDraft.AddParameterBlocks(data, defaults, parameters, effective);
        string declared = protectedColumns.Count > 0 ? $" ({protectedColumns.Count} declared by the data contract, names kept)" : "";
        string text = $"Semantic Mapper mapped {confidences.Count} of {names.Count} columns{declared} and standardised {standardized} value(s).";
        return new MasterAgentResult(draft.Build(metrics, data, text), new MasterTable(names, cells, input.RowCount) { FileRows = input.FileRows });
    }

    // A mapping guessed from a fragment of the name (below 0.95) to a standard with a value format holds only when at
    // least half the values have that format: "email_opt_in" (yes/no) is no Email column.
    private static bool ValuesBearOut(MasterColumn column, string standard, double confidence)
    {
        string? format = standard switch
        {
            "Email" => "email",
            "Phone" => "phone",
            "DateOfBirth" => "date",
            _ => null,
        };
        return confidence >= 0.95 || format is null || ValueEvidence.Share(column, format) >= 0.5;
    }

    /// <summary>Most value changes listed per column in data.value_changes (the most frequent; distinct_changes counts them all).</summary>
    private const int MaxChangesListed = 50;

    // The column with its values standardised (each distinct value mapped once) and, per value changed, what it became
    // and in how many cells.
    private static (MasterColumn Column, Dictionary<(string From, string To), long> Changes) Standardize(MasterColumn column, string original, string? standard, JsonObject valueMaps, AgentParameters p)
    {
        var custom = (valueMaps[original] ?? (standard is null ? null : valueMaps[standard])) is JsonObject obj
            ? p.CaseInsensitiveMap($"value_mappings.{original}", obj.Select(kv => (kv.Key,
                AgentParameters.ScalarText(kv.Value) ?? throw p.Invalid("value_mappings", $"entry '{original}.{kv.Key}' must be a string"))), k => Common.SimpleCase.Lower(k.Trim()))
            : null;
        var builtIn = standard is null ? null : SemanticVocabulary.ValueMap(standard);
        var changes = new Dictionary<(string From, string To), long>();
        if (custom is null && builtIn is null)
        {
            return (column, changes);
        }

        var mapped = column.MapValues(cell =>
        {
            string v = cell.Trim();
            return custom is not null && custom.TryGetValue(Common.SimpleCase.Lower(v), out var cv) ? cv
                : builtIn is not null && builtIn.TryGetValue(SemanticVocabulary.ValueKey(v), out var bv) ? bv : cell;
        });
        for (int r = 0; r < column.Count && !ReferenceEquals(mapped, column); r++)
        {
            if (mapped[r] != column[r])
            {
                var key = (column[r], mapped[r]);
                changes[key] = changes.GetValueOrDefault(key) + 1;
            }
        }

        return (mapped, changes);
    }
}
