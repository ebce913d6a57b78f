namespace Agensium.Analysis.Clean;

/// <summary>Clean-agent scores: Σ metric·weight, clamped to 0–100, and the status bands of AGENSIUM section 4.</summary>
public static class CleanScore
{
    /// <summary>Σ metricᵢ·weightᵢ rounded to 2 decimals and clamped to [0, 100].</summary>
    public static double Weighted(params (double Metric, double Weight)[] parts) =>
        Rounding.Pct(Math.Clamp(parts.Sum(p => p.Metric * p.Weight), 0, 100));

    /// <summary>excellent ≥ <paramref name="excellent"/>, good ≥ <paramref name="good"/>, else needs_improvement.</summary>
    public static string Status(double score, double excellent = 90, double good = 75) =>
        score >= excellent ? "excellent" : score >= good ? "good" : "needs_improvement";

    /// <summary>Card status for a score status.</summary>
    public static string CardStatus(string status) => status switch
    {
        "excellent" => "success",
        "good" => "warning",
        _ => "critical",
    };
}
