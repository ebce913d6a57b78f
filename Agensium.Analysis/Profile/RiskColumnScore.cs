using System.Text.Json.Nodes;

namespace Agensium.Analysis.Profile;

/// <summary>The PII risk of one column.</summary>
/// <param name="Column">Column name.</param>
/// <param name="Score">0–100: +80 for a detected pattern, +75 for an email-named column of '@' values, else +60 for a sensitive name.</param>
/// <param name="Level">high, medium, low or none.</param>
/// <param name="DetectedPattern">The winning value pattern, or null.</param>
/// <param name="PatternMatchPct">Share of the sample fitting it.</param>
/// <param name="EmailNameBonus">True when the +75 rule applied.</param>
/// <param name="SensitiveKeyword">The name keyword that gave +60, or null.</param>
/// <param name="Frameworks">GDPR, CCPA and/or HIPAA, by name keyword.</param>
/// <param name="SampleSize">Values sampled.</param>
public sealed record RiskColumnScore(
    string Column,
    double Score,
    string Level,
    string? DetectedPattern,
    double PatternMatchPct,
    bool EmailNameBonus,
    string? SensitiveKeyword,
    IReadOnlyList<string> Frameworks,
    int SampleSize)
{
    /// <summary>For "pii_in_text": the kinds of personal data found inside the sampled text (email, ssn, iban, phone).</summary>
    public IReadOnlyList<string> EmbeddedKinds { get; init; } = [];

    /// <summary>True when any rule fired (score &gt; 0).</summary>
    public bool PiiDetected => Score > 0;

    /// <summary>"missing encryption" for a column with PII evidence.</summary>
    public IReadOnlyList<string> ComplianceGaps => PiiDetected ? ["missing encryption"] : [];

    /// <summary>The column as JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["column"] = Column,
        ["risk_score"] = Rounding.Pct(Score),
        ["risk_level"] = Level,
        ["pii_detected"] = PiiDetected,
        ["detected_pattern"] = DetectedPattern,
        ["pattern_match_pct"] = Rounding.Pct(PatternMatchPct),
        ["pii_in_text_kinds"] = new JsonArray([.. EmbeddedKinds.Select(k => (JsonNode)k)]),
        ["email_name_bonus"] = EmailNameBonus,
        ["sensitive_keyword"] = SensitiveKeyword,
        ["frameworks"] = new JsonArray([.. Frameworks.Select(f => (JsonNode)f)]),
        ["compliance_gaps"] = new JsonArray([.. ComplianceGaps.Select(g => (JsonNode)g)]),
        ["sample_size"] = SampleSize,
    };
}
