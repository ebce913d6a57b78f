using System.Text.RegularExpressions;

namespace Agensium.Analysis.Profile;

/// <summary>
/// The value patterns of score-risk, in detection order: email, ssn, credit_card, iban, phone, us_zip. AGENSIUM checks phone
/// second, and its phone pattern (10+ of digits, space, '-', '(', ')', '+') also matches SSNs and card numbers; here SSN
/// and card are checked before phone so those columns are named correctly. The phone pattern also fits ISO dates
/// (yyyy-mm-dd is 10 such characters) and ZIP+4 codes (12345-6789); values that parse as calendar dates or are ZIP+4
/// codes are therefore not counted as phones. An e-mail address may have letters of any script (hans.müller@beispiel.de).
/// A card number is AGENSIUM's four groups of four digits, or a number of a card network's length for its first digits
/// (e.g. a 15-digit American Express 34…/37… or a 14-digit Diners number, spaces or dashes allowed) whose Luhn check
/// digit is right: without that such numbers are the phone pattern's; with it, a column of phone numbers does not pass
/// for cards (one random number in ten passes Luhn), nor one of other Luhn-checked identifiers (IMEI, SIRET).
/// Sixteen digits written without a separator are no card by AGENSIUM's pattern alone: they must pass the same network
/// and Luhn test, or a column of 16-digit order ids or of integers past 2^53 (9007199254740993) was "credit_card", high
/// risk; four groups written with spaces or dashes, as a card is printed, keep AGENSIUM's pattern. A value of more than
/// 15 digits is no phone (E.164 numbers have at most 15), so such ids do not fall to the phone pattern instead.
/// AGENSIUM has no pattern for bank accounts: an IBAN (with a valid MOD 97 check and its country's length, <see cref="IbanCheck"/>) is detected
/// as "iban", so a column of account numbers of any country is personal financial data, not risk 0.
/// Two departures for what AGENSIUM's whole-value patterns miss or over-read: "pii_in_text" (checked last) is a column
/// of free text of which at least <see cref="EmbeddedPct"/>% of the sampled values hold an e-mail, SSN, IBAN or phone number
/// among other words (<see cref="EmbeddedPii"/>; a notes column scored 0), and a column of five-digit numbers is a US
/// ZIP only when its name does not say it holds something else (<see cref="ZipNameRules"/>: order_ref, salary).
/// </summary>
public static partial class RiskPatterns
{
    /// <summary>Pattern names in detection order.</summary>
    public static readonly IReadOnlyList<string> Order = ["email", "ssn", "credit_card", "iban", "phone", "us_zip", "pii_in_text"];

    /// <summary>Share of matching values a pattern needs (strictly more than 50%).</summary>
    public const double DetectionPct = 50;

    /// <summary>
    /// Share of sampled values (at least this %) that must hold personal data inside free text for "pii_in_text": a
    /// notes column leaks contact details when some of its notes do, not only when most of them do.
    /// </summary>
    public const double EmbeddedPct = 10;

    // E.164: a country code and subscriber number of at most 15 digits together.
    private const int MaxPhoneDigits = 15;

    /// <summary>True when <paramref name="value"/> (trimmed) fits <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string value)
    {
        value = value.Trim();
        return pattern switch
        {
            "email" => PatternValidators.IsEmail(value), // letters of any script, as the profiler counts e-mails
            "ssn" => SsnRegex().IsMatch(value),
            "credit_card" => (CardRegex().IsMatch(value) && value.Any(c => c is ' ' or '-')) || IsLuhnCardNumber(value),
            "iban" => IbanCheck.IsIban(value),
            "phone" => PhoneRegex().IsMatch(value) && value.Count(char.IsAsciiDigit) <= MaxPhoneDigits
                && !PatternValidators.IsDate(value) && !ZipRegex().IsMatch(value),
            "us_zip" => ZipRegex().IsMatch(value),
            "pii_in_text" => EmbeddedPii.Find(value) is not null,
            _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "unknown pattern"),
        };
    }

    /// <summary>
    /// The first pattern of <see cref="Order"/> that more than 50% of <paramref name="sample"/> fits (pii_in_text: at
    /// least <see cref="EmbeddedPct"/>%), with its match %; null when none. us_zip is not tried for a column whose
    /// <paramref name="column"/> name says it holds other numbers (<see cref="ZipNameRules.RulesOutZip"/>).
    /// </summary>
    public static (string Pattern, double MatchPct)? Detect(IReadOnlyList<string> sample, string column = "")
    {
        if (sample.Count == 0)
        {
            return null;
        }

        foreach (string pattern in Order)
        {
            if (pattern == "us_zip" && ZipNameRules.RulesOutZip(column))
            {
                continue;
            }

            double pct = 100.0 * sample.Count(v => Matches(pattern, v)) / sample.Count;
            if (pattern == "pii_in_text" ? pct >= EmbeddedPct : pct > DetectionPct)
            {
                return (pattern, pct);
            }
        }

        return null;
    }

    // 13–19 digits, optionally grouped by spaces or dashes, at a card network's length for its first digits (Visa,
    // Mastercard, American Express, Diners, Discover, JCB, UnionPay), with a valid Luhn check digit. The network test
    // keeps other Luhn-checked identifiers out: a 15-digit IMEI (35…, 86…) or a 14-digit SIRET is no card.
    private static bool IsLuhnCardNumber(string value)
    {
        if (!PatternValidators.IsCardNumber(value))
        {
            return false;
        }

        string digits = string.Concat(value.Where(char.IsAsciiDigit));
        if (!IsCardNetworkNumber(digits))
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

    private static bool IsCardNetworkNumber(string d)
    {
        int Prefix(int n) => int.Parse(d.AsSpan(0, n), System.Globalization.CultureInfo.InvariantCulture);
        int length = d.Length;
        return (d[0] == '4' && length is 13 or 16 or 19)                                             // Visa
            || (length == 16 && (Prefix(2) is >= 51 and <= 55 || Prefix(4) is >= 2221 and <= 2720))    // Mastercard
            || (length == 15 && Prefix(2) is 34 or 37)                                               // American Express
            || (length == 14 && (Prefix(3) is >= 300 and <= 305 || Prefix(2) is 36 or 38 or 39))      // Diners Club
            || (length is >= 16 and <= 19 && (Prefix(4) == 6011 || Prefix(2) == 65 || Prefix(3) is >= 644 and <= 649)) // Discover
            || (length is >= 16 and <= 19 && Prefix(4) is >= 3528 and <= 3589)                       // JCB
            || (length is >= 16 and <= 19 && Prefix(2) == 62);                                       // UnionPay
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
