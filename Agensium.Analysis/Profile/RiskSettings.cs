using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Profile;

/// <summary>Parameters of the score-risk agent.</summary>
/// <param name="PiiSampleSize">Non-null values sampled per column for pattern checks (default 100).</param>
/// <param name="HighRiskThreshold">Score at or above which risk is high (default 70).</param>
/// <param name="MediumRiskThreshold">Score at or above which risk is medium (default 40).</param>
public sealed record RiskSettings(int PiiSampleSize, double HighRiskThreshold, double MediumRiskThreshold)
{
    /// <summary>Seed of the per-column reservoir sample, fixed so that runs are reproducible.</summary>
    public const int SampleSeed = 42;

    /// <summary>AGENSIUM's defaults.</summary>
    public static RiskSettings Defaults() => new(100, 70, 40);

    /// <summary>Reads the settings; missing keys take the defaults.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for a value of the wrong type or out of range.</exception>
    public static RiskSettings From(AgentParameters parameters)
    {
        var d = Defaults();
        return new RiskSettings(
            parameters.GetInt("pii_sample_size", d.PiiSampleSize, 1, 1_000_000),
            parameters.GetDouble("high_risk_threshold", d.HighRiskThreshold, 0, 100),
            parameters.GetDouble("medium_risk_threshold", d.MediumRiskThreshold, 0, 100, notAbove: "high_risk_threshold"));
    }

    /// <summary>
    /// none for a column without risk (score 0, whatever the thresholds), else high, medium or low, judged on the score
    /// as the report shows it (two decimals), so a level never contradicts the score printed beside it.
    /// </summary>
    public string Level(double score)
    {
        double shown = Rounding.Pct(score);
        return shown <= 0 ? "none" : shown >= HighRiskThreshold ? "high" : shown >= MediumRiskThreshold ? "medium" : "low";
    }

    /// <summary>The settings as a snake_case JSON object.</summary>
    public JsonObject ToJson() => new()
    {
        ["pii_sample_size"] = PiiSampleSize,
        ["high_risk_threshold"] = HighRiskThreshold,
        ["medium_risk_threshold"] = MediumRiskThreshold,
    };
}
