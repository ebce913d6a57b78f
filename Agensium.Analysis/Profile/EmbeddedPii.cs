using System.Text.RegularExpressions;

namespace Agensium.Analysis.Profile;

/// <summary>
/// Personal data written inside free text: an e-mail address, a US social security number, an IBAN or a phone number in a note
/// such as "patient John Smith reachable at 555-123-4567". AGENSIUM's patterns test whole values only, so a notes
/// column holding contact details scored 0 while it is the riskiest column of the file. A value counts only when it
/// holds words besides the match (a letter outside it), so a column of bare phone numbers or e-mails stays with the
/// whole-value patterns and their 50 % rule. A phone number must be written as one (<see cref="PhoneInText"/>: 9–15
/// digits with a +country code, an (area code), a phone layout or a phone word; not a date, an amount, a list of
/// figures). An e-mail is not a file name ("logo@2x.png") nor a git remote ("git@github.com:org/repo.git",
/// "deploy@host.com:app/repo.git"); an address followed by a port ("user@example.com:8080") is an e-mail, its local part a
/// user at that host. An SSN (123-45-6789) is no SSN behind a word naming another number ("Part 123-45-6789", "Serial
/// 123-45-6789"; <see cref="NumberLabels"/>, as for phones) unless an SSN word comes first ("SSN no 123-45-6789"). An IBAN
/// (<see cref="IbanInText"/>: "Pay to BE68 5390 0754 7034") is a bank account, personal financial data of its own kind,
/// as score-risk names a column of IBANs "iban".
/// The work per value is linear in its length and bounded: letters are counted once (a value without any letter holds
/// no personal data among words and is left at once: a cell of 100,000 numbers cost seconds when every number-shaped
/// match rescanned the whole cell), only the first <see cref="MaxChars"/> characters are read, e-mails are looked for
/// only around an '@', and the SSN pattern has bounded repeats.
/// </summary>
public static partial class EmbeddedPii
{
    /// <summary>Kinds of personal data found in text, in the order they are looked for.</summary>
    public static readonly string[] Kinds = ["email", "ssn", "iban", "phone"];

    /// <summary>Characters of a value read: free text past them (a cell of 7 MB of pixel values) is not searched.</summary>
    public const int MaxChars = 16_384;

    // Characters of text looked at before and after an '@', and '@'s looked at per value.
    private const int EmailWindowBefore = 64;
    private const int EmailWindowAfter = 255;
    private const int MaxAtSigns = 32;

    // Words naming a social security number (or the US taxpayer number written like one) before it.
    private static readonly HashSet<string> SsnWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ssn", "ss", "social", "security", "tax", "taxpayer", "tin", "itin",
    };

    // Digits of a port after "host:" (at most 65535).
    private const int MaxPortDigits = 5;

    // File types written after an '@' that are no e-mail domain: "icon@2x.png", "photo@home.jpg".
    private static readonly HashSet<string> FileExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff", "pdf", "js", "css", "json", "xml", "txt",
        "csv", "htm", "html", "git",
    };

    /// <summary>The first kind of personal data <paramref name="value"/> holds inside other text, or null.</summary>
    public static string? Find(string value)
    {
        long steps = 0;
        return Find(value, ref steps);
    }

    /// <summary>
    /// <see cref="Find(string)"/>, adding to <paramref name="steps"/> the characters its own loops look at (regular
    /// expressions excluded, all bounded), so tests can check the work stays linear in the value's length.
    /// </summary>
    internal static string? Find(string value, ref long steps)
    {
        string text = value.Length > MaxChars ? value[..MaxChars] : value;
        int letters = 0;
        int ibanStart = -1; // the first place an IBAN could start, found in the same pass: most text has none
        for (int i = 0; i < text.Length; i++)
        {
            letters += char.IsLetter(text[i]) ? 1 : 0;
            if (ibanStart < 0 && char.IsAsciiLetterUpper(text[i]) && IbanInText.StartsAt(text, i))
            {
                ibanStart = i;
            }
        }

        steps += text.Length;
        if (letters == 0)
        {
            return null;
        }

        if (HasEmail(text, letters, ref steps))
        {
            return "email";
        }

        foreach (Match m in SsnRegex().Matches(text))
        {
            steps += m.Length;
            if (letters - LettersIn(text, m.Index, m.Length) > 0
                && !NumberLabels.WordsBefore(text, m.Index, static w => SsnWords.Contains(w), ref steps, NumberLabels.IsGoodsWord).Identifier)
            {
                return "ssn";
            }
        }

        if (ibanStart >= 0 && IbanInText.Contains(text, ibanStart, letters, ref steps))
        {
            return "iban";
        }

        return PhoneInText.Contains(text, letters, ref steps) ? "phone" : null;
    }

    private static bool HasEmail(string value, int letters, ref long steps)
    {
        int at = value.IndexOf('@');
        for (int seen = 0; at >= 0 && seen < MaxAtSigns; seen++, at = value.IndexOf('@', at + 1))
        {
            int start = Math.Max(0, at - EmailWindowBefore);
            int end = Math.Min(value.Length, at + EmailWindowAfter);
            steps += end - start;
            var m = EmailRegex().Match(value, start, end - start);
            while (m.Success && m.Index + m.Length <= at)
            {
                m = m.NextMatch();
            }

            if (m.Success && m.Index <= at && IsAddress(value, m) && letters - LettersIn(value, m.Index, m.Length) > 0)
            {
                return true;
            }
        }

        return false;
    }

    // Not a file name ("logo@2x.png") nor an scp-style git remote (host then ':path').
    private static bool IsAddress(string value, Match m)
    {
        int end = m.Index + m.Length;
        if (end + 1 < value.Length && value[end] == ':' && IsRemote(value, m.Value[..m.Value.IndexOf('@')], end + 1))
        {
            return false;
        }

        int dot = m.Value.LastIndexOf('.');
        return !FileExtensions.Contains(m.Value[(dot + 1)..]);
    }

    // After "user@host:", a remote's path: "git@github.com:org/repo.git" (the git user, any path), or another user's
    // owner/repo or repo.git ("deploy@host.com:app/site.git"). A port ("user@example.com:8080", also before a URL's
    // path, ":8080/app") is none: the address is a user at that host. Other text after the colon ("bob@x.com:urgent")
    // is a word after an e-mail.
    private static bool IsRemote(string value, string local, int pathStart)
    {
        int end = pathStart;
        int limit = Math.Min(value.Length, pathStart + EmailWindowAfter);
        while (end < limit && !char.IsWhiteSpace(value[end]))
        {
            end++;
        }

        var path = value.AsSpan(pathStart, end - pathStart).TrimEnd(".,;:)!?\"'");
        if (path.IsEmpty)
        {
            return false;
        }

        // The git user or a repository after the port is a remote with a port ("ssh://git@host:2222/org/repo.git").
        if (local.Equals("git", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        int digits = 0;
        while (digits < path.Length && char.IsAsciiDigit(path[digits]))
        {
            digits++;
        }

        if (digits is > 0 and <= MaxPortDigits && (digits == path.Length || path[digits] == '/'))
        {
            return false;
        }

        return path.Contains('/');
    }

    /// <summary>The letters among <paramref name="length"/> characters of <paramref name="value"/> from <paramref name="index"/>.</summary>
    internal static int LettersIn(string value, int index, int length)
    {
        int letters = 0;
        for (int i = index; i < index + length; i++)
        {
            letters += char.IsLetter(value[i]) ? 1 : 0;
        }

        return letters;
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();

    // 123-45-6789, or with spaces (123 45 6789) when the number is a valid SSN (no area 000, 666 or 9xx, no group
    // 00, no serial 0000): three spaced groups of 3-2-4 digits are otherwise too common in prose to be an SSN.
    [GeneratedRegex(@"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])|(?<![\w.,-])(?!000|666|9)\d{3} (?!00)\d{2} (?!0000)\d{4}(?![\w.,-]|[ ]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex SsnRegex();
}
