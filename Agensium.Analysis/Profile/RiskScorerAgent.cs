using System.Text.Json.Nodes;
using Agensium.Analysis.Input;
using static Agensium.Analysis.Profile.AgentReportFactory;

namespace Agensium.Analysis.Profile;

/// <summary>
/// The score-risk agent: streams the primary file once, keeping a fixed-seed reservoir sample of each column's non-null
/// values, then scores each column's PII risk, maps it to GDPR/CCPA/HIPAA and lists compliance gaps.
/// </summary>
public sealed class RiskScorerAgent(TimeProvider timeProvider)
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "score-risk";

    /// <summary>The agent's display name.</summary>
    public const string DisplayName = "Risk Scorer";

    /// <summary>Scores <paramref name="primary"/>.</summary>
    /// <exception cref="AnalysisException">INVALID_INPUT_FILE or INVALID_PARAMETERS.</exception>
    public AgentReport Run(InputFile primary, AgentParameters parameters, CancellationToken cancellationToken)
    {
        long started = timeProvider.GetTimestamp();
        var settings = RiskSettings.From(parameters);
        ReservoirSample[] samples = [];
        var shape = TableScan.Run(primary, cancellationToken,
            columns => samples = [.. columns.Select(_ => new ReservoirSample(settings.PiiSampleSize, RiskSettings.SampleSeed))],
            (i, value, _) =>
            {
                if (!TableScan.IsNull(value))
                {
                    samples[i].Add(value.Trim());
                }
            });
        var scores = shape.Columns.Select((c, i) => RiskScoring.Score(c, samples[i].Items, settings)).ToList();
        double overall = RiskScoring.Overall(scores);
        string level = settings.Level(overall);
        var pii = scores.Where(s => s.PiiDetected).ToList();
        var frameworks = new JsonObject();
        foreach (var (framework, _) in RiskScoring.Frameworks)
        {
            frameworks[framework] = new JsonArray([.. scores.Where(s => s.Frameworks.Contains(framework)).Select(s => (JsonNode)s.Column)]);
        }

        var metrics = new JsonObject
        {
            ["overall_risk_score"] = Rounding.Pct(overall),
            ["risk_level"] = level,
            ["total_columns"] = scores.Count,
            ["pii_columns"] = pii.Count,
            ["high_risk_columns"] = scores.Count(s => s.Level == "high"),
            ["medium_risk_columns"] = scores.Count(s => s.Level == "medium"),
            ["compliance_gaps"] = pii.Count,
            ["frameworks_applicable"] = new JsonArray([.. frameworks.Where(f => f.Value!.AsArray().Count > 0).Select(f => (JsonNode)f.Key)]),
        };
        var data = new JsonObject
        {
            ["overall_risk_score"] = Rounding.Pct(overall),
            ["risk_level"] = level,
            ["columns"] = new JsonArray([.. scores.Select(s => (JsonNode)s.ToJson())]),
            ["frameworks"] = frameworks,
            ["compliance_gaps"] = new JsonArray([.. pii.Select(s => (JsonNode)new JsonObject { ["column"] = s.Column, ["gap"] = "missing encryption" })]),
            ["methods"] = new JsonObject
            {
                ["sampling"] = $"reservoir sample of up to pii_sample_size non-null values per column, System.Random seed {RiskSettings.SampleSeed}",
                ["pattern_order"] = string.Join(", ", RiskPatterns.Order),
                ["pattern_order_note"] = "SSN and card are checked before phone: AGENSIUM's phone pattern (10+ of digits, space, -, (, ), +) also matches SSNs and card numbers, a quirk not copied; a card number is four groups of four digits written with spaces or dashes or, at a card network's length for its first digits (e.g. Visa 4, 16 digits; American Express 34/37, 15 digits), one with a valid Luhn check digit, so 16-digit order ids or integers past 2^53 are no cards; a value of more than 15 digits is no phone (E.164); 'iban' (not AGENSIUM's) is an IBAN with a valid MOD 97-10 check and the length of its country's IBANs (ISO 13616 registry); values that parse as calendar dates (e.g. 2024-06-10, also 10 such characters) are not counted as phones; 'pii_in_text' (not AGENSIUM's, tried last) is free text of which at least 10% of the sampled values hold an e-mail (not a git remote; an address followed by a port counts), an SSN (not after a word naming another number such as part or serial), an IBAN (check and country length) or a phone number (9-15 digits written as a phone is: with a +country code, an (area code), a trunk 0, a 3-3-4 layout or a phone word such as tel or call before it; not a date, an amount, a version, a run of equal-length groups or a number after a word naming another, such as order, serial or batch) among other words ('call 555-123-4567 after 5'); a value is read in its first 16,384 characters, so a notes column holding contact details is not risk 0 (pii_in_text_kinds names what was found); 'us_zip' (any five digits) is not tried on a column whose name says it holds other numbers: an identifier other than a postal code (order_ref, customer_id, sku) or a measure (amount, price, salary, qty, ...)",
                ["scoring"] = "first pattern matching > 50% of the sample +80; column named email/email_address with > 70% '@' +75, else sensitive name keyword +60 (in the lower-case name at the start or end of one of its words, words split at non-letters and lower-to-upper case changes: 'customer_name', 'firstName', 'surname', 'date_of_birth' count, the 'ssn' inside 'classname', the 'name' inside 'tournament', the 'dob' inside 'adobe' and the 'phone' inside 'headphones' do not; the 'name' of pandas' \"Unnamed: N\" does not count); frameworks by the same keyword match; capped at 100; overall = mean over all columns",
            },
        };
        parameters.Describe(data, RiskSettings.Defaults().ToJson(), settings.ToJson());
        var findings = Findings(scores, metrics);
        JsonArray cards =
        [
            ExecutiveCard.Create("risk_score", "Risk Score", $"{F(overall)}/100 ({level})",
                level == "high" ? "critical" : level == "medium" ? "warning" : "success", "Mean PII risk over all columns."),
            ExecutiveCard.Create("risk_pii_columns", "PII Columns", pii.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                pii.Count == 0 ? "success" : "warning", "Columns with PII evidence, each lacking encryption."),
        ];
        string narrative = $"Scored {scores.Count} column(s) of {shape.FileName} for PII risk: overall {F(overall)} ({level}); "
            + $"{pii.Count} column(s) show PII evidence ({string.Join(", ", pii.Select(s => s.Column))}).";
        return AgentReportFactory.Create(timeProvider, started, AgentId, DisplayName, metrics, data, findings, cards, narrative);
    }

    private static AgentFindings Findings(IReadOnlyList<RiskColumnScore> scores, JsonObject metrics)
    {
        var f = new AgentFindings(AgentId, "risk");
        var high = scores.Where(s => s.Level == "high").ToList();
        var medium = scores.Where(s => s.Level == "medium").ToList();
        if (high.Count > 0)
        {
            f.Alert("high_risk_pii", "high", "privacy", high.Count, $"{high.Count} high-risk PII column(s): {string.Join(", ", high.Select(s => s.Column))}",
                "Encrypt or mask these columns before storing or sharing the data.");
        }

        if (medium.Count > 0)
        {
            f.Alert("medium_risk_pii", "medium", "privacy", medium.Count, $"{medium.Count} medium-risk column(s): {string.Join(", ", medium.Select(s => s.Column))}",
                "Review these columns and protect any personal data.");
        }

        var frameworks = metrics["frameworks_applicable"]!.AsArray();
        if (frameworks.Count > 0)
        {
            f.Alert("compliance_frameworks", "medium", "compliance", scores.Count(s => s.Frameworks.Count > 0),
                $"Columns fall under {string.Join(", ", frameworks.Select(n => (string?)n))}", "Check retention, consent and access controls for these frameworks.");
        }

        foreach (var s in scores.Where(s => s.PiiDetected))
        {
            string why = s.DetectedPattern is "pii_in_text"
                ? $"{F(s.PatternMatchPct)}% of sampled values hold {string.Join(", ", s.EmbeddedKinds)} inside text"
                : s.DetectedPattern is { } p ? $"{F(s.PatternMatchPct)}% of sampled values look like {p}" : $"its name suggests {s.SensitiveKeyword ?? "email"}";
            f.Issue(s.Column, "pii_risk", s.Level == "none" ? "low" : s.Level, $"Column '{s.Column}' has PII risk {F(s.Score)} ({why}); missing encryption",
                $"Encrypt or mask '{s.Column}'.");
        }

        return f;
    }
}
