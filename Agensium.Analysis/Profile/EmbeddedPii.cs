using System.Text.RegularExpressions;
using Agensium.Analysis.Common;

namespace Agensium.Analysis.Profile;

/// <summary>
/// Personal data written inside free text: an e-mail address, a US social security number or a phone number in a note
/// such as "patient John Smith reachable at 555-123-4567". AGENSIUM's patterns test whole values only, so a notes
/// column holding contact details scored 0 while it is the riskiest column of the file. A value counts only when it
/// holds words besides the match (a letter outside it), and a phone number must be written as one (a +country code,
/// an (area code) or three groups of 9–15 digits in all; not a date, not an IP address): a column of bare phone numbers or e-mails stays with the
/// whole-value patterns and their 50 % rule. Each search is bounded: e-mails are looked for only around an '@', and the
/// SSN and phone patterns have bounded repeats, so a long note costs time linear in its length.
/// </summary>
public static partial class EmbeddedPii
{
    /// <summary>Kinds of personal data found in text, in the order they are looked for.</summary>
    public static readonly string[] Kinds = ["email", "ssn", "phone"];

    // Characters of text looked at before and after an '@', and '@'s looked at per value.
    private const int EmailWindowBefore = 64;
    private const int EmailWindowAfter = 255;
    private const int MaxAtSigns = 32;

    // A phone number has 9 to 15 digits (E.164 at most 15; fewer are extensions, amounts or years).
    private const int MinPhoneDigits = 9;
    private const int MaxPhoneDigits = 15;

    /// <summary>The first kind of personal data <paramref name="value"/> holds inside other text, or null.</summary>
    public static string? Find(string value)
    {
        if (HasEmail(value))
        {
            return "email";
        }

        foreach (Match m in SsnRegex().Matches(value))
        {
            if (HasLetterOutside(value, m.Index, m.Length))
            {
                return "ssn";
            }
        }

        foreach (Match m in PhoneRegex().Matches(value))
        {
            if (IsPhone(m.ValueSpan) && HasLetterOutside(value, m.Index, m.Length))
            {
                return "phone";
            }
        }

        return null;
    }

    private static bool HasEmail(string value)
    {
        int at = value.IndexOf('@');
        for (int seen = 0; at >= 0 && seen < MaxAtSigns; seen++, at = value.IndexOf('@', at + 1))
        {
            int start = Math.Max(0, at - EmailWindowBefore);
            int end = Math.Min(value.Length, at + EmailWindowAfter);
            var m = EmailRegex().Match(value, start, end - start);
            while (m.Success && m.Index + m.Length <= at)
            {
                m = m.NextMatch();
            }

            if (m.Success && m.Index <= at && HasLetterOutside(value, m.Index, m.Length))
            {
                return true;
            }
        }

        return false;
    }

    // Written as a phone number is: a +country code or an (area code), or three groups of digits or more. Two groups
    // alone are more often something else in prose (a barcode "4006381 333931", a serial number).
    private static bool IsPhone(ReadOnlySpan<char> match)
    {
        int digits = 0;
        int separators = 0;
        for (int i = 0; i < match.Length; i++)
        {
            digits += char.IsAsciiDigit(match[i]) ? 1 : 0;
            separators += match[i] is ' ' or '.' or '-' && i > 0 && char.IsAsciiDigit(match[i - 1]) ? 1 : 0;
        }

        bool written = match[0] is '+' or '(' || separators >= 2;
        return written && digits is >= MinPhoneDigits and <= MaxPhoneDigits && !PatternValidators.IsDate(match) && !Ipv4Regex().IsMatch(match);
    }

    private static bool HasLetterOutside(string value, int index, int length)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (i == index)
            {
                i += length - 1;
                continue;
            }

            if (char.IsLetter(value[i]))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex SsnRegex();

    // An optional +country code and (area code), then two to five groups of digits separated by a space, '.' or '-'.
    // Not part of a longer figure: no digit or letter joined to it, nor one after '.', ',', ':', '/' or '-' (an amount,
    // a time of day after a date such as 31.03.2024 14:05, a fraction).
    [GeneratedRegex(@"(?<![\w+.,/-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,5}){1,4}(?![\w.,:/-]\d|\w)", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"^\d{1,3}(?:\.\d{1,3}){3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Regex();
}
