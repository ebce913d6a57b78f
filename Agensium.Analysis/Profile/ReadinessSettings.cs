using System.Text.Json.Nodes;
using Agensium.Analysis.Common;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Profile;

/// <summary>Parameters of the readiness-rater agent.</summary>
/// <param name="ReadyThreshold">Score at or above which the data is ready (default 80).</param>
/// <param name="ReviewThreshold">Score at or above which it needs review, below it is not ready (default 50).</param>
/// <param name="CompletenessWeight">Weight of completeness (default 0.3).</param>
/// <param name="ConsistencyWeight">Weight of consistency (default 0.3).</param>
/// <param name="SchemaWeight">Weight of schema health (default 0.4).</param>
public sealed record ReadinessSettings(double ReadyThreshold, double ReviewThreshold, double CompletenessWeight, double ConsistencyWeight, double SchemaWeight)
{
    /// <summary>AGENSIUM's defaults.</summary>
    public static ReadinessSettings Defaults() => new(80, 50, 0.3, 0.3, 0.4);

    /// <summary>Reads the settings; missing keys take the defaults.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for a value of the wrong type or out of range.</exception>
    public static ReadinessSettings From(AgentParameters parameters)
    {
        var d = Defaults();
        var weights = parameters.GetWeights(("completeness_weight", d.CompletenessWeight), ("consistency_weight", d.ConsistencyWeight), ("schema_weight", d.SchemaWeight));
        return new ReadinessSettings(
            parameters.GetDouble("ready_threshold", d.ReadyThreshold, 0, 100),
            parameters.GetDouble("review_threshold", d.ReviewThreshold, 0, 100, notAbove: "ready_threshold"),
            weights[0],
            weights[1],
            weights[2]);
    }

    /// <summary>ready, needs_review or not_ready, of the score as the report shows it (2 decimals).</summary>
    public string Status(double score)
    {
        double shown = Rounding.Pct(score);
        return shown >= ReadyThreshold ? "ready" : shown >= ReviewThreshold ? "needs_review" : "not_ready";
    }

    /// <summary>The settings as a snake_case JSON object.</summary>
    public JsonObject ToJson() => new()
    {
        ["ready_threshold"] = ReadyThreshold,
        ["review_threshold"] = ReviewThreshold,
        ["completeness_weight"] = CompletenessWeight,
        ["consistency_weight"] = ConsistencyWeight,
        ["schema_weight"] = SchemaWeight,
    };
}
