namespace Agensium.Analysis.Master;

/// <summary>
/// Normalises match-key values: lower case, trimmed, punctuation removed, spaces collapsed; phones digits only (without an
/// extension; the last 10 when longer, so a country or trunk prefix does not hide the national number); names without single-letter initials
/// and generational suffixes (jr, sr, ii, iii, iv); ZIP+4 codes cut to their 5 digits; street words dropped from addresses.
/// </summary>
public static class MatchNormalizer
{
    private static readonly HashSet<string> StreetWords = new(StringComparer.Ordinal)
    {
        "road", "rd", "street", "st", "avenue", "ave", "av", "lane", "ln", "drive", "dr",
    };

    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal) { "jr", "sr", "ii", "iii", "iv" };

    /// <summary>The comparable form of <paramref name="value"/> for a field of <paramref name="kind"/>.</summary>
    public static string Normalize(string value, MatchFieldKind kind)
    {
        if (kind == MatchFieldKind.Phone)
        {
            return PhoneDigits(value);
        }

        if (kind == MatchFieldKind.BirthDate)
        {
            return BirthDates.Normalize(value);
        }

        string text = Basic(value);
        if (kind == MatchFieldKind.Email)
        {
            return text.Replace(" ", "", StringComparison.Ordinal);
        }

        if (kind == MatchFieldKind.Address)
        {
            return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => !StreetWords.Contains(t)));
        }

        if (kind is MatchFieldKind.FirstName or MatchFieldKind.LastName or MatchFieldKind.FullName)
        {
            return NameCore(text);
        }

        var raw = value.AsSpan().Trim();
        if (kind == MatchFieldKind.Zip && raw.Length == 10 && raw[5] is '-' or ' ' && IsDigits(raw[..5]) && IsDigits(raw[6..]))
        {
            return raw[..5].ToString(); // ZIP+4: 12345-6789 → 12345
        }

        return text;
    }

    /// <summary>The digits of a phone number before any extension (a letter after 7 digits: x, ext); the last 10 when there are more (country code, trunk prefix).</summary>
    public static string PhoneDigits(string value)
    {
        Span<char> digits = value.Length <= 64 ? stackalloc char[value.Length] : new char[value.Length];
        int count = 0;
        foreach (char c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
            }
            else if (char.IsAsciiLetter(c) && count >= 7)
            {
                break; // an extension follows: x123, ext. 123
            }
        }

        return new string(count > 10 ? digits[(count - 10)..count] : digits[..count]);
    }

    // A basic-normalised name without single-letter tokens (initials) and generational suffixes, unless nothing else is left.
    private static string NameCore(string text)
    {
        if (text.IndexOf(' ') < 0)
        {
            return text;
        }

        var tokens = text.Split(' ');
        var kept = tokens.Where(t => t.Length > 1 && !Suffixes.Contains(t)).ToArray();
        return kept.Length == 0 || kept.Length == tokens.Length ? text : string.Join(' ', kept);
    }

    private static bool IsDigits(ReadOnlySpan<char> span)
    {
        foreach (char c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lower case, letters/digits/spaces only (punctuation dropped), single spaces, trimmed.</summary>
    public static string Basic(string value)
    {
        Span<char> buffer = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        int length = 0;
        bool space = false;
        foreach (char raw in value)
        {
            char c = char.ToLowerInvariant(raw);
            if (char.IsLetterOrDigit(c))
            {
                if (space && length > 0)
                {
                    buffer[length++] = ' ';
                }

                buffer[length++] = c;
                space = false;
            }
            else if (char.IsWhiteSpace(c))
            {
                space = true;
            }
        }

        return length == value.Length && value.AsSpan().SequenceEqual(buffer[..length]) ? value : new string(buffer[..length]);
    }

    /// <summary>AGENSIUM default weight of a field kind: email 40, phone 30, last name 35, first name 25, other 10; birth date (not in AGENSIUM) 30.</summary>
    public static double DefaultWeight(MatchFieldKind kind) => kind switch
    {
        MatchFieldKind.Email => 40,
        MatchFieldKind.Phone => 30,
        MatchFieldKind.LastName => 35,
        MatchFieldKind.FirstName => 25,
        MatchFieldKind.BirthDate => 30,
        _ => 10,
    };
}
