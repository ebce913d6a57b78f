using System.Globalization;
using System.Text.RegularExpressions;

namespace Agensium.Analysis.Common;

/// <summary>Allocation-free checks of single cell values against common formats.</summary>
public static partial class PatternValidators
{
    /// <summary>local@domain.tld with a 2+ letter top-level domain; letters of any script, and an apostrophe in the local part (o'brien@eir.ie).</summary>
    public static bool IsEmail(ReadOnlySpan<char> value) =>
        value.Contains('@') && EmailRegex().IsMatch(value.Trim());

    /// <summary>
    /// Digits, spaces, '-', '.', '/', '(', ')' and a leading '+': 10–15 digits, or 8–15 after a leading '+' (a number
    /// with its country code, such as +1-555-0101 or +47 12345678). A dotted IPv4 address (192.168.10.123) is not a phone.
    /// </summary>
    public static bool IsPhone(ReadOnlySpan<char> value) => IsPhone(value, nationalMin: 10, internationalMin: 8);

    /// <summary>
    /// A valid value of a field known to hold phone numbers (stewardship-flagger's "phone" format; AGENSIUM does not
    /// say which numbers are valid): written as <see cref="IsPhone(ReadOnlySpan{char})"/> is,
    /// with the lengths E.164 allows national numbers, from <see cref="MinPhoneNumberDigits"/> digits (Austria's
    /// "01 234567", Germany's "089 12345", Norway's "12 34 56 78") to 15. <see cref="IsPhone(ReadOnlySpan{char})"/>,
    /// which guesses whether any value is a phone number, keeps its 10 (8 after a '+'): eight digits alone are as often
    /// an identifier.
    /// </summary>
    /// A date ("2024-06-10", "10.06.2024"), a ZIP+4 ("02134-1234") or an amount with thousands dots ("1.234.567") that
    /// slipped into the field has the digits of one and is none.
    public static bool IsPhoneNumber(ReadOnlySpan<char> value) =>
        IsPhone(value, MinPhoneNumberDigits, MinPhoneNumberDigits) && !IsDate(value) && !IsZipPlus4(value.Trim()) && !IsThousands(value.Trim());

    // 02134-1234
    private static bool IsZipPlus4(ReadOnlySpan<char> value) =>
        value.Length == 10 && value[5] == '-' && !value[..5].ContainsAnyExceptInRange('0', '9') && !value[6..].ContainsAnyExceptInRange('0', '9');

    // 1.234.567: one to three digits, not a trunk 0 ("030.123.456" is Berlin's), then groups of three after dots.
    private static bool IsThousands(ReadOnlySpan<char> value)
    {
        int groups = 0;
        foreach (var range in value.Split('.'))
        {
            var group = value[range];
            if (group.Length == 0 || group.ContainsAnyExceptInRange('0', '9') || (groups == 0 ? group.Length > 3 || group[0] == '0' : group.Length != 3))
            {
                return false;
            }
            groups++;
        }
        return groups >= 3;
    }

    /// <summary>The fewest digits of a phone number in a phone field: a trunk 0 and a short area and subscriber number.</summary>
    public const int MinPhoneNumberDigits = 7;

    private static bool IsPhone(ReadOnlySpan<char> value, int nationalMin, int internationalMin)
    {
        value = value.Trim();
        if (value.Length < Math.Min(nationalMin, internationalMin + 1))
        {
            return false;
        }

        int digits = 0;
        int dots = 0;
        bool onlyDigitsAndDots = true;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is ' ' or '-' or '.' or '/' or '(' or ')' || (c == '+' && i == 0))
            {
                dots += c == '.' ? 1 : 0;
                onlyDigitsAndDots &= c == '.';
            }
            else
            {
                return false;
            }
        }

        if (onlyDigitsAndDots && dots == 3 && IsIPv4(value))
        {
            return false;
        }

        return digits <= 15 && digits >= (value[0] == '+' ? internationalMin : nationalMin);
    }

    private static bool IsIPv4(ReadOnlySpan<char> value)
    {
        foreach (var range in value.Split('.'))
        {
            var part = value[range];
            if (part.Length is 0 or > 3 || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int octet) || octet > 255)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A calendar date (optionally with a time) as clean-my-data reads one (<see cref="Clean.DateValues"/>): ISO,
    /// M/d/yyyy, d/M/yyyy, M-d-yyyy, d-M-yyyy or d.M.yyyy form, or with an English month name ("March 4, 2021",
    /// "04-Mar-2021": <see cref="MonthNameDate"/>). One rule for both tools: the profiler's own formats had no M-d-yyyy,
    /// so it counted "12-31-2024" as text where clean-my-data rewrote it as 2024-12-31.
    /// </summary>
    public static bool IsDate(ReadOnlySpan<char> value) => Clean.DateValues.IsDate(value);

    /// <summary>
    /// A cheap necessary condition for date formats that start with yyyy, M or d followed by '-', '/' or '.', so that
    /// most non-dates (phone numbers, amounts, codes) skip the expensive TryParseExact: only digits, white space,
    /// date/time separators, T, Z, +, AM/PM letters; the first run of digits has 1, 2 or 4 digits and is followed, after
    /// optional white space, by '-', '/' or '.'.
    /// </summary>
    internal static bool CouldBeDate(ReadOnlySpan<char> value)
    {
        int run = 0;
        while (run < value.Length && char.IsAsciiDigit(value[run]))
        {
            run++;
        }

        if (run is not (1 or 2 or 4))
        {
            return false;
        }

        int next = run;
        while (next < value.Length && char.IsWhiteSpace(value[next]))
        {
            next++;
        }

        if (next == value.Length || value[next] is not ('-' or '/' or '.'))
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!(char.IsAsciiDigit(c) || char.IsWhiteSpace(c) || c is '-' or '/' or '.' or ':' or '+' or 'T' or 't' or 'Z' or 'z' or 'A' or 'a' or 'P' or 'p' or 'M' or 'm'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"true" or "false", any case.</summary>
    public static bool IsBoolean(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        return value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>US social security number NNN-NN-NNNN.</summary>
    public static bool IsSsn(ReadOnlySpan<char> value) => SsnRegex().IsMatch(value.Trim());

    /// <summary>A payment card number: 13–19 digits, optionally grouped by spaces or dashes.</summary>
    public static bool IsCardNumber(ReadOnlySpan<char> value) => CardRegex().IsMatch(value.Trim());

    /// <summary>One to four words of letters (apostrophes, dots and hyphens allowed), like a person's name.</summary>
    public static bool IsPersonName(ReadOnlySpan<char> value) => PersonNameRegex().IsMatch(value.Trim());

    // Letters of any script (RFC 6531 addresses and internationalised domains: hans.müller@beispiel.de, anna@przykład.pl).
    // The local part takes an apostrophe, as RFC 5322 does and Irish, Italian and French names need (o'brien@eir.ie,
    // d'angelo@…): such addresses were no e-mails to the profile, score-risk, stewardship's format check and the contract.
    [GeneratedRegex(@"^[\p{L}\p{M}\p{N}._%+'\-]+@[\p{L}\p{M}\p{N}.\-]+\.[\p{L}\p{M}]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"^\d{3}-\d{2}-\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex SsnRegex();

    [GeneratedRegex(@"^\d(?:[ \-]?\d){12,18}$", RegexOptions.CultureInvariant)]
    private static partial Regex CardRegex();

    [GeneratedRegex(@"^\p{L}[\p{L}'.\-]*(?: \p{L}[\p{L}'.\-]*){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex PersonNameRegex();
}
