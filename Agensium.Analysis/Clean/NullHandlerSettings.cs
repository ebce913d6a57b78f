using System.Text.Json;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>
/// Parameters of null-handler: column_strategies {column: strategy | {strategy, value}}, global_strategy none | drop_rows,
/// knn_neighbors, keep_null_tokens_in [columns whose null tokens are data: a surname "Null", "None" for no allergies],
/// score weights.
/// </summary>
public sealed record NullHandlerSettings(
    IReadOnlyDictionary<string, NullStrategy> ColumnStrategies,
    string GlobalStrategy,
    int KnnNeighbors,
    double CompletenessWeight,
    double RetentionWeight,
    double ExcellentThreshold,
    double GoodThreshold)
{
    /// <summary>Columns whose null tokens are kept as written: values, not nulls, to null-handler.</summary>
    public IReadOnlyList<string> KeepTokensIn { get; init; } = [];

    /// <summary>The strategies column_strategies accepts.</summary>
    public static IReadOnlyList<string> Strategies { get; } = ["mean", "median", "mode", "ffill", "bfill", "constant", "knn", "drop_column"];

    /// <summary>AGENSIUM's defaults.</summary>
    public static NullHandlerSettings Defaults() => new(new Dictionary<string, NullStrategy>(), "none", 5, 0.6, 0.4, 90, 75);

    /// <summary>Reads the settings from the agent's parameters; missing keys take the defaults.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for a value of the wrong type or out of range.</exception>
    public static NullHandlerSettings From(AgentParameters p)
    {
        var d = Defaults();
        var strategies = new Dictionary<string, NullStrategy>(StringComparer.Ordinal);
        foreach (var (column, node) in p.GetObject("column_strategies"))
        {
            strategies[column] = Parse(p, column, node);
        }

        var weights = p.GetWeights(("completeness_weight", d.CompletenessWeight), ("retention_weight", d.RetentionWeight));
        return new NullHandlerSettings(
            strategies,
            p.GetString("global_strategy", d.GlobalStrategy, "none", "drop_rows"),
            p.GetInt("knn_neighbors", d.KnnNeighbors, 1, 1000),
            weights[0],
            weights[1],
            p.GetDouble("excellent_threshold", d.ExcellentThreshold, 0, 100),
            p.GetDouble("good_threshold", d.GoodThreshold, 0, 100, notAbove: "excellent_threshold"))
        {
            KeepTokensIn = p.GetStringList("keep_null_tokens_in", splitCommas: true),
        };
    }

    /// <summary>As a snake_case JSON object.</summary>
    public JsonObject ToJson() => new()
    {
        ["column_strategies"] = new JsonObject([.. ColumnStrategies.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value.ToJson()))]),
        ["global_strategy"] = GlobalStrategy,
        ["knn_neighbors"] = KnnNeighbors,
        ["keep_null_tokens_in"] = new JsonArray([.. KeepTokensIn.Select(c => (JsonNode)c)]),
        ["completeness_weight"] = CompletenessWeight,
        ["retention_weight"] = RetentionWeight,
        ["excellent_threshold"] = ExcellentThreshold,
        ["good_threshold"] = GoodThreshold,
    };

    private static NullStrategy Parse(AgentParameters p, string column, JsonNode? node)
    {
        string? name = null;
        string? value = null;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            name = v.GetValue<string>();
        }
        else if (node is JsonObject obj && obj["strategy"] is JsonValue s && s.GetValueKind() == JsonValueKind.String)
        {
            name = s.GetValue<string>();
            value = obj["value"] switch
            {
                null => null,
                JsonValue x when x.GetValueKind() == JsonValueKind.String => x.GetValue<string>(),
                var x => x.ToJsonString(),
            };
        }

        name = name is null ? null : Common.SimpleCase.Lower(name.Trim());
        if (name is null || !Strategies.Contains(name))
        {
            throw p.Invalid($"column_strategies.{column}", $"must be one of {string.Join(", ", Strategies)} (or {{\"strategy\":…, \"value\":…}}), got {node?.ToJsonString() ?? "null"}");
        }

        if (name == "constant" && value is null)
        {
            throw p.Invalid($"column_strategies.{column}", "needs a value: {\"strategy\":\"constant\",\"value\":…}");
        }

        return new NullStrategy(name, value);
    }
}
