using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>Parameters of duplicate-resolver.</summary>
public sealed record DuplicateResolverSettings(
    IReadOnlyList<string> DetectionTypes,
    IReadOnlyList<string> KeyColumns,
    string MergeStrategy,
    double UniquenessWeight,
    double RetentionWeight,
    double ExcellentThreshold,
    double GoodThreshold)
{
    /// <summary>Detection types this agent knows; missing_values is accepted but not implemented (as in AGENSIUM).</summary>
    public static IReadOnlyList<string> KnownDetectionTypes { get; } = ["exact", "case_variations", "email_case", "conflicting", "missing_values"];

    /// <summary>AGENSIUM's defaults.</summary>
    public static DuplicateResolverSettings Defaults() =>
        new(["exact", "case_variations", "email_case", "conflicting"], [], "remove_duplicates", 0.6, 0.4, 90, 75);

    /// <summary>Reads the settings from the agent's parameters; missing keys take the defaults.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for a value of the wrong type or out of range.</exception>
    public static DuplicateResolverSettings From(AgentParameters p)
    {
        var d = Defaults();
        // Names read whatever their case ("Exact"), as every other choice parameter.
        var types = p.Has("detection_types") ? [.. p.GetStringList("detection_types", splitCommas: true).Select(Common.SimpleCase.Lower)] : d.DetectionTypes;
        var unknown = types.Where(t => !KnownDetectionTypes.Contains(t, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw p.Invalid("detection_types", $"has unknown type(s) {string.Join(", ", unknown)} (known: {string.Join(", ", KnownDetectionTypes)})");
        }

        var weights = p.GetWeights(("uniqueness_weight", d.UniquenessWeight), ("retention_weight", d.RetentionWeight));

        return new DuplicateResolverSettings(
            types,
            p.GetStringList("key_columns", splitCommas: true),
            p.GetString("merge_strategy", d.MergeStrategy, "remove_duplicates", "merge_smart"),
            weights[0],
            weights[1],
            p.GetDouble("excellent_threshold", d.ExcellentThreshold, 0, 100),
            p.GetDouble("good_threshold", d.GoodThreshold, 0, 100, notAbove: "excellent_threshold"));
    }

    /// <summary>As a snake_case JSON object.</summary>
    public JsonObject ToJson() => new()
    {
        ["detection_types"] = new JsonArray([.. DetectionTypes.Select(t => (JsonNode)t)]),
        ["key_columns"] = new JsonArray([.. KeyColumns.Select(t => (JsonNode)t)]),
        ["merge_strategy"] = MergeStrategy,
        ["uniqueness_weight"] = UniquenessWeight,
        ["retention_weight"] = RetentionWeight,
        ["excellent_threshold"] = ExcellentThreshold,
        ["good_threshold"] = GoodThreshold,
    };
}
