using System.Text.Json;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>Parameters of field-standardization (AGENSIUM: lowercase, trim, collapse spaces, synonym mappings, units off, dates → yyyy-MM-dd above 50%).</summary>
public sealed record FieldStandardizationSettings(
    string CaseStrategy,
    bool TrimWhitespace,
    bool CollapseSpaces,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> SynonymMappings,
    bool UnitStandardization,
    bool StandardizeDates,
    double DateThreshold,
    IReadOnlyList<string> TargetColumns,
    double ConsistencyWeight,
    double CoverageWeight,
    double ExcellentThreshold,
    double GoodThreshold)
{
    /// <summary>AGENSIUM's defaults.</summary>
    public static FieldStandardizationSettings Defaults() =>
        new("lowercase", true, true, new Dictionary<string, IReadOnlyDictionary<string, string>>(), false, true, 50, [], 0.7, 0.3, 90, 75);

    /// <summary>Reads the settings from the agent's parameters; missing keys take the defaults.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for a value of the wrong type or out of range.</exception>
    public static FieldStandardizationSettings From(AgentParameters p)
    {
        var d = Defaults();
        var synonyms = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (column, node) in p.GetObject("synonym_mappings"))
        {
            if (node is not JsonObject map || map.Any(m => m.Value is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            {
                throw p.Invalid($"synonym_mappings.{column}", "must be an object of variant → canonical strings");
            }

            synonyms[column] = p.CaseInsensitiveMap($"synonym_mappings.{column}", map.Select(m => (m.Key, m.Value!.GetValue<string>())));
        }

        var weights = p.GetWeights(("consistency_weight", d.ConsistencyWeight), ("coverage_weight", d.CoverageWeight));

        return new FieldStandardizationSettings(
            p.GetString("case_strategy", d.CaseStrategy, "lowercase", "uppercase", "titlecase", "none"),
            p.GetBool("trim_whitespace", d.TrimWhitespace),
            p.GetBool("collapse_spaces", d.CollapseSpaces),
            synonyms,
            p.GetBool("unit_standardization", d.UnitStandardization),
            p.GetBool("standardize_dates", d.StandardizeDates),
            p.GetDouble("date_threshold", d.DateThreshold, 0, 100),
            p.GetStringList("target_columns", splitCommas: true),
            weights[0],
            weights[1],
            p.GetDouble("excellent_threshold", d.ExcellentThreshold, 0, 100),
            p.GetDouble("good_threshold", d.GoodThreshold, 0, 100, notAbove: "excellent_threshold"));
    }

    /// <summary>As a snake_case JSON object.</summary>
    public JsonObject ToJson() => new()
    {
        ["case_strategy"] = CaseStrategy,
        ["trim_whitespace"] = TrimWhitespace,
        ["collapse_spaces"] = CollapseSpaces,
        ["synonym_mappings"] = new JsonObject([.. SynonymMappings.Select(s => KeyValuePair.Create(s.Key,
            (JsonNode?)new JsonObject([.. s.Value.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))])))]),
        ["unit_standardization"] = UnitStandardization,
        ["standardize_dates"] = StandardizeDates,
        ["date_threshold"] = DateThreshold,
        ["target_columns"] = new JsonArray([.. TargetColumns.Select(c => (JsonNode)c)]),
        ["consistency_weight"] = ConsistencyWeight,
        ["coverage_weight"] = CoverageWeight,
        ["excellent_threshold"] = ExcellentThreshold,
        ["good_threshold"] = GoodThreshold,
    };
}
