using System.Text.RegularExpressions;

namespace Agensium.Analysis.Profile;

/// <summary>
/// The value patterns of score-risk, in detection order: email, ssn, credit_card, phone, us_zip. AGENSIUM checks phone
/// second, and its phone pattern (10+ of digits, space, '-', '(', ')', '+') also matches SSNs and card numbers; here SSN
/// and card are checked before phone so those columns are named correctly. The phone pattern also fits ISO dates
/// (yyyy-mm-dd is 10 such characters) and ZIP+4 codes (12345-6789); values that parse as calendar dates or are ZIP+4
/// codes are therefore not counted as phones. An e-mail address may have letters of any script (hans.müller@beispiel.de).
/// A card number is AGENSIUM's four groups of four digits, or any other card length (13–19 digits, e.g. a 15-digit
/// American Express or a 14-digit Diners number, spaces or dashes allowed) whose Luhn check digit is right: without the
/// check such numbers are the phone pattern's, and with it a column of phone numbers does not pass for cards (one
/// random number in ten passes).
/// </summary>
public static partial class RiskPatterns
{
    /// <summary>Pattern names in detection order.</summary>
    public static readonly IReadOnlyList<string> Order = ["email", "ssn", "credit_card", "phone", "us_zip"];

    /// <summary>Share of matching values a pattern needs (strictly more than 50%).</summary>
    public const double DetectionPct = 50;

    /// <summary>True when <paramref name="value"/> (trimmed) fits <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string value)
    {
        value = value.Trim();
        return pattern switch
        {
            "email" => PatternValidators.IsEmail(value), // letters of any script, as the profiler counts e-mails
            "ssn" => SsnRegex().IsMatch(value),
            "credit_card" => CardRegex().IsMatch(value) || IsLuhnCardNumber(value),
            "phone" => PhoneRegex().IsMatch(value) && !PatternValidators.IsDate(value) && !ZipRegex().IsMatch(value),
            "us_zip" => ZipRegex().IsMatch(value),
            _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "unknown pattern"),
        };
    }

    /// <summary>The first pattern of <see cref="Order"/> that more than 50% of <paramref name="sample"/> fits, with its match %; null when none.</summary>
    public static (string Pattern, double MatchPct)? Detect(IReadOnlyList<string> sample)
    {
        if (sample.Count == 0)
        {
            return null;
        }

        foreach (string pattern in Order)
        {
            double pct = 100.0 * sample.Count(v => Matches(pattern, v)) / sample.Count;
            if (pct > DetectionPct)
            {
                return (pattern, pct);
            }
        }

        return null;
    }

    // 13–19 digits, optionally grouped by spaces or dashes, with a valid Luhn check digit.
    private static bool IsLuhnCardNumber(string value)
    {
        if (!PatternValidators.IsCardNumber(value))
        {
            return false;
        }

        int sum = 0;
        bool doubled = false;
        for (int i = value.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                continue;
            }

            int d = value[i] - '0';
            if (doubled)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex(@"^\d{3}-\d{2}-\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex SsnRegex();

    [GeneratedRegex(@"^\d{4}[ \-]?\d{4}[ \-]?\d{4}[ \-]?\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex CardRegex();

    [GeneratedRegex(@"^[0-9 \-()+]{10,}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"^\d{5}(?:-\d{4})?$", RegexOptions.CultureInvariant)]
    private static partial Regex ZipRegex();
}
