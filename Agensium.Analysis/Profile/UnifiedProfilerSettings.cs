using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Profile;

/// <summary>Parameters of the unified-profiler agent.</summary>
/// <param name="NullAlertThreshold">Null percentage above which a column raises an alert (default 50).</param>
/// <param name="TopNValues">How many most frequent values each column profile lists (default 10).</param>
/// <param name="OutlierIqrMultiplier">k of the IQR fences Q1 − k·IQR, Q3 + k·IQR (default 1.5).</param>
/// <param name="ExactQuantileLimit">
/// Numeric values per column kept for exact quartiles (default 1,000,000); past it the column's quartiles, fences and
/// outlier counts come from a quantile sketch, and the report says they are estimates. Bounds the profiler's memory.
/// </param>
public sealed record UnifiedProfilerSettings(double NullAlertThreshold, int TopNValues, double OutlierIqrMultiplier, int ExactQuantileLimit)
{
    public const int MinExactQuantileLimit = 1_000;

    /// <summary>AGENSIUM's defaults.</summary>
    public static UnifiedProfilerSettings Defaults() => new(50, 10, 1.5, 1_000_000);

    /// <summary>Reads the settings from the agent's parameters; missing keys take the defaults.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for a value of the wrong type or out of range.</exception>
    public static UnifiedProfilerSettings From(AgentParameters parameters)
    {
        var d = Defaults();
        return new UnifiedProfilerSettings(
            parameters.GetDouble("null_alert_threshold", d.NullAlertThreshold, 0, 100),
            parameters.GetInt("top_n_values", d.TopNValues, 0, 1000),
            parameters.GetDouble("outlier_iqr_multiplier", d.OutlierIqrMultiplier, 0, 1000),
            parameters.GetInt("exact_quantile_limit", d.ExactQuantileLimit, MinExactQuantileLimit, int.MaxValue));
    }

    /// <summary>The settings as a snake_case JSON object.</summary>
    public JsonObject ToJson() => new()
    {
        ["null_alert_threshold"] = NullAlertThreshold,
        ["top_n_values"] = TopNValues,
        ["outlier_iqr_multiplier"] = OutlierIqrMultiplier,
        ["exact_quantile_limit"] = ExactQuantileLimit,
    };
}
