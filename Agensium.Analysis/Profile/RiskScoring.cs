namespace Agensium.Analysis.Profile;

/// <summary>The score-risk rules (AGENSIUM 5.1) as pure functions of a column name and a value sample.</summary>
public static class RiskScoring
{
    /// <summary>Points for a detected value pattern.</summary>
    public const double PatternPoints = 80;

    /// <summary>Points for a column named email/email_address whose values mostly hold '@'.</summary>
    public const double EmailNamePoints = 75;

    /// <summary>Points for a sensitive name keyword (only when the email-name rule did not apply).</summary>
    public const double KeywordPoints = 60;

    /// <summary>Sensitive name keywords, matched where they start or end a word of the column name (<see cref="ColumnNameKeywords"/>).</summary>
    public static readonly IReadOnlyList<string> SensitiveKeywords =
    [
        "email", "phone", "ssn", "name", "address", "dob", "birth", "password", "token", "secret", "account_number",
        "credit_card", "card_number", "iban", "passport", "patient_id", "medical_record",
    ];

    /// <summary>Frameworks and the name keywords that bring a column under them.</summary>
    public static readonly IReadOnlyList<(string Framework, string[] Keywords)> Frameworks =
    [
        ("GDPR", ["email", "phone", "name", "address", "dob"]),
        ("CCPA", ["email", "phone", "name", "address", "dob", "ssn"]),
        ("HIPAA", ["email", "phone", "name", "ssn", "patient_id", "medical_record"]),
    ];

    /// <summary>Scores one column; <paramref name="sample"/> holds its sampled non-null values.</summary>
    public static RiskColumnScore Score(string column, IReadOnlyList<string> sample, RiskSettings settings)
    {
        string name = SimpleCase.Lower(column.Trim());
        string words = ColumnNameKeywords.Normalize(column);
        double score = 0;
        var detected = RiskPatterns.Detect(sample, column);
        if (detected is not null)
        {
            score += PatternPoints;
        }

        double atPct = sample.Count == 0 ? 0 : 100.0 * sample.Count(v => v.Contains('@')) / sample.Count;
        bool emailName = name is "email" or "email_address" && atPct > 70;
        string? keyword = null;
        if (emailName)
        {
            score += EmailNamePoints;
        }
        else
        {
            keyword = SensitiveKeywords.FirstOrDefault(k => ColumnNameKeywords.Contains(words, k));
            score += keyword is null ? 0 : KeywordPoints;
        }

        score = Math.Min(100, score);
        var frameworks = Frameworks.Where(f => f.Keywords.Any(k => ColumnNameKeywords.Contains(words, k))).Select(f => f.Framework).ToList();
        return new RiskColumnScore(column, score, settings.Level(score), detected?.Pattern, detected?.MatchPct ?? 0, emailName, keyword,
            frameworks, sample.Count)
        {
            EmbeddedKinds = detected?.Pattern == "pii_in_text"
                ? [.. sample.Select(EmbeddedPii.Find).OfType<string>().Distinct().OrderBy(k => Array.IndexOf(EmbeddedPii.Kinds, k))]
                : [],
        };
    }

    /// <summary>Mean of the column scores; 0 without columns.</summary>
    public static double Overall(IReadOnlyCollection<RiskColumnScore> columns) => columns.Count == 0 ? 0 : columns.Average(c => c.Score);
}
