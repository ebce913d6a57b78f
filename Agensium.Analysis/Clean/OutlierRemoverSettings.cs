using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>Parameters of outlier-remover: detection method (iqr ×1.5, z_score 3, percentile 1–99), action, columns and score weights.</summary>
public sealed record OutlierRemoverSettings(
    string Method,
    double IqrMultiplier,
    double ZThreshold,
    double LowerPercentile,
    double UpperPercentile,
    string Action,
    IReadOnlyList<string> Columns,
    double CleanlinessWeight,
    double RetentionWeight,
    double ExcellentThreshold,
    double GoodThreshold)
{
    /// <summary>AGENSIUM's defaults.</summary>
    public static OutlierRemoverSettings Defaults() => new("iqr", 1.5, 3, 1, 99, "remove", [], 0.6, 0.4, 90, 75);

    /// <summary>Reads the settings from the agent's parameters; missing keys take the defaults.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for a value of the wrong type or out of range.</exception>
    public static OutlierRemoverSettings From(AgentParameters p)
    {
        var d = Defaults();
        var weights = p.GetWeights(("cleanliness_weight", d.CleanlinessWeight), ("retention_weight", d.RetentionWeight));
        var s = new OutlierRemoverSettings(
            p.GetString("method", d.Method, "iqr", "z_score", "percentile"),
            p.GetDouble("iqr_multiplier", d.IqrMultiplier, 0, 1000),
            p.GetDouble("z_threshold", d.ZThreshold, 0, 1000),
            p.GetDouble("lower_percentile", d.LowerPercentile, 0, 100),
            p.GetDouble("upper_percentile", d.UpperPercentile, 0, 100),
            p.GetString("action", d.Action, "remove", "impute_mean", "impute_median"),
            p.GetStringList("columns", splitCommas: true),
            weights[0],
            weights[1],
            p.GetDouble("excellent_threshold", d.ExcellentThreshold, 0, 100),
            p.GetDouble("good_threshold", d.GoodThreshold, 0, 100, notAbove: "excellent_threshold"));
        if (s.LowerPercentile >= s.UpperPercentile)
        {
            throw p.Invalid("lower_percentile", "must be below upper_percentile");
        }

        return s;
    }

    /// <summary>As a snake_case JSON object.</summary>
    public JsonObject ToJson() => new()
    {
        ["method"] = Method,
        ["iqr_multiplier"] = IqrMultiplier,
        ["z_threshold"] = ZThreshold,
        ["lower_percentile"] = LowerPercentile,
        ["upper_percentile"] = UpperPercentile,
        ["action"] = Action,
        ["columns"] = new JsonArray([.. Columns.Select(c => (JsonNode)c)]),
        ["cleanliness_weight"] = CleanlinessWeight,
        ["retention_weight"] = RetentionWeight,
        ["excellent_threshold"] = ExcellentThreshold,
        ["good_threshold"] = GoodThreshold,
    };
}
