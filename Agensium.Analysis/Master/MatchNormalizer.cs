namespace Agensium.Analysis.Master;

/// <summary>
/// Normalises match-key values: lower case, trimmed, punctuation removed, spaces collapsed; phones digits only (without an
/// extension; the last 10 when longer, so a country or trunk prefix does not hide the national number); names without titles before
/// them (Dr, Mrs, Prof, …), single-letter initials and generational suffixes (jr, sr, ii, iii, iv), a full name written "Last, First" turned round; e-mails as the mailbox
/// they deliver to (no +tag; googlemail.com as gmail.com); ZIP+4 codes cut to their 5 digits, other postal codes without spaces
/// or a country prefix (D-60316); street words dropped from addresses.
/// </summary>
public static partial class MatchNormalizer
{
    private static readonly HashSet<string> StreetWords = new(StringComparer.Ordinal)
    {
        "road", "rd", "street", "st", "avenue", "ave", "av", "lane", "ln", "drive", "dr",
    };

    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal) { "jr", "sr", "ii", "iii", "iv" };

    /// <summary>Titles before a name (lower case, without their dot), left out when a name follows.</summary>
    public static readonly IReadOnlySet<string> Titles = new HashSet<string>(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "fr", "herr", "frau", "mme", "mlle", "sr", "sra", "srta",
    };

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

        if (kind == MatchFieldKind.Identifier)
        {
            return EntityIdentifiers.Comparable(value);
        }

        if (kind == MatchFieldKind.Email)
        {
            return Basic(EmailMailbox(value)).Replace(" ", "", StringComparison.Ordinal);
        }

        if (kind == MatchFieldKind.FullName)
        {
            value = UninvertName(value);
        }

        string text = Basic(value);

        if (kind == MatchFieldKind.Organization)
        {
            return OrganizationName(text);
        }

        if (kind == MatchFieldKind.Address)
        {
            return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => !StreetWords.Contains(t)));
        }

        if (kind is MatchFieldKind.FirstName or MatchFieldKind.LastName or MatchFieldKind.FullName)
        {
            return NameCore(text);
        }

        return kind == MatchFieldKind.Zip ? PostalCode(value, text) : text;
    }

    /// <summary>
    /// The generation a name's suffix gives (names compare without it, see <see cref="Normalize"/>): 1 for sr, 2 for jr
    /// and ii (each names the second of the name), 3 for iii, 4 for iv; 0 without one. Only a word after the first
    /// counts ("Sr. Juan Pérez" is a title, señor); a full name written "Last, First" is turned round first.
    /// </summary>
    public static int Generation(string value, MatchFieldKind kind)
    {
        if (kind is not (MatchFieldKind.FirstName or MatchFieldKind.LastName or MatchFieldKind.FullName) || value.IndexOf(' ') < 0 && value.IndexOf(',') < 0)
        {
            return 0;
        }

        var words = Basic(kind == MatchFieldKind.FullName ? UninvertName(value) : value).Split(' ');
        for (int i = words.Length - 1; i >= 1; i--)
        {
            switch (words[i])
            {
                case "sr":
                    return 1;
                case "jr" or "ii":
                    return 2;
                case "iii":
                    return 3;
                case "iv":
                    return 4;
            }
        }

        return 0;
    }

    /// <summary>
    /// An address split after the first word of its local part, lower case: ("daniel", ".garcia@gmail.com") of
    /// "Daniel.Garcia@gmail.com", ("jsmith", "@x.com") of "jsmith@x.com" — people write their first name there; the
    /// rest says whether two addresses follow one pattern at one provider. ("", "") without an '@'.
    /// </summary>
    public static (string FirstWord, string Remainder) EmailNameParts(string value)
    {
        var email = value.AsSpan().Trim();
        int at = email.IndexOf('@');
        if (at <= 0)
        {
            return ("", "");
        }

        int end = 0;
        while (end < at && char.IsLetter(email[end]))
        {
            end++;
        }

        return (Common.SimpleCase.Lower(email[..end].ToString()), Common.SimpleCase.Lower(email[end..].ToString()));
    }

    /// <summary>
    /// The mailbox an address delivers to, for matching: a "+tag" after the local part dropped (plus addressing, offered
    /// by most large providers) and googlemail.com read as gmail.com. (Dots and other punctuation are dropped for every
    /// address by <see cref="Basic"/> afterwards.)
    /// </summary>
    public static string EmailMailbox(string value)
    {
        var email = value.AsSpan().Trim();
        int at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return value;
        }

        var local = email[..at];
        var domain = email[(at + 1)..];
        int plus = local.IndexOf('+');
        bool googlemail = domain.Equals("googlemail.com", StringComparison.OrdinalIgnoreCase);
        if (plus <= 0 && !googlemail)
        {
            return value;
        }

        return string.Concat(plus > 0 ? local[..plus] : local, "@", googlemail ? "gmail.com" : domain);
    }

    /// <summary>
    /// The key of the mailbox an address delivers to, for the rules that take one mailbox as one entity
    /// (<see cref="SharedMailboxes"/>, <see cref="RecordMatcher.SoleMailbox"/>): trimmed, in form C, lower case, a "+tag"
    /// after the local part dropped, googlemail.com read as gmail.com and, at gmail.com only, the dots of the local part
    /// dropped (Gmail ignores them); the '@' and every other character kept. <see cref="Normalize"/>'s form drops all
    /// punctuation, which suits fuzzy scoring but is no mailbox: bob@ray.org, bob@r-ay.org and bo@bray.org were all
    /// "bobrayorg". Text without an '@' after its first character is kept whole (trimmed, composed, lower case). Typing
    /// slips that no valid address contains are undone, so they name no other mailbox: white space inside
    /// ("sarah.gallagher @outlook.com"), a doubled '@' and a dot ending the domain ("x@gmail.com.").
    /// </summary>
    public static string MailboxKey(string value)
    {
        string email = Common.SimpleCase.Lower(Common.ComposedText.Of(value.Trim()));
        if (email.Contains("@@", StringComparison.Ordinal) || email.EndsWith('.') || HasWhiteSpace(email))
        {
            email = Slips().Replace(email, m => m.Value[0] == '@' ? "@" : "").TrimEnd('.');
        }

        int at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return email;
        }

        var local = email.AsSpan(0, at);
        var domain = email.AsSpan(at + 1);
        int plus = local.IndexOf('+');
        local = plus > 0 ? local[..plus] : local;
        bool gmail = domain is "gmail.com" or "googlemail.com";
        if (!gmail)
        {
            return plus > 0 ? string.Concat(local, "@", domain) : email;
        }

        string name = local.ToString().Replace(".", "", StringComparison.Ordinal);
        return name.Length == 0 ? email : name + "@gmail.com"; // "...@gmail.com" is kept as written: no name to key
    }

    private static bool HasWhiteSpace(string text)
    {
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    // White space, a run of '@', dots ending the text (MailboxKey's typing slips).
    [System.Text.RegularExpressions.GeneratedRegex(@"\s+|@{2,}|\.+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Slips();

    /// <summary>"Last, First Middle" as "First Middle Last" (one comma with text on both sides); other text unchanged.</summary>
    public static string UninvertName(string value)
    {
        int comma = value.IndexOf(',');
        if (comma < 0 || value.IndexOf(',', comma + 1) >= 0)
        {
            return value;
        }

        var last = value.AsSpan(0, comma).Trim();
        var rest = value.AsSpan(comma + 1).Trim();
        return last.IsEmpty || rest.IsEmpty ? value : string.Concat(rest, " ", last);
    }

    // ZIP+4 cut to its 5 digits; otherwise letters and digits only (SW1A 1AA = SW1A1AA), without a country letter prefix
    // before a dash (D-60316 = 60316).
    private static string PostalCode(string value, string basic)
    {
        var raw = value.AsSpan().Trim();
        if (raw.Length == 10 && raw[5] is '-' or ' ' && IsDigits(raw[..5]) && IsDigits(raw[6..]))
        {
            return raw[..5].ToString(); // ZIP+4: 12345-6789 → 12345
        }

        int dash = raw.IndexOf('-');
        if (dash is 1 or 2 && char.IsAsciiLetter(raw[0]) && char.IsAsciiLetter(raw[dash - 1]) && dash + 1 < raw.Length && char.IsAsciiDigit(raw[dash + 1]))
        {
            basic = Basic(raw[(dash + 1)..].ToString());
        }

        return basic.Replace(" ", "", StringComparison.Ordinal);
    }

    /// <summary>
    /// The digits of a phone number before any extension (a letter after 7 digits: x, ext), without a national trunk
    /// prefix (one leading 0, not the international 00); the last 10 when there are more (country code). Written
    /// nationally with its 0 ("089 63600", "0711 123450") a number is then the end of its international form
    /// ("+49 89 636 00" → 498963600, "+49 711 123450" → last 10 9711123450), which <see cref="RecordMatcher"/> reads as
    /// one number; with the 0 kept the two differed in their first digit and the short one ended nothing.
    /// </summary>
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

        int start = count >= 8 && digits[0] == '0' && digits[1] != '0' ? 1 : 0; // the trunk prefix of a national number
        return new string(count - start > 10 ? digits[(count - 10)..count] : digits[start..count]);
    }

    // A basic-normalised name without titles before it (Dr, Mrs, Prof), single-letter tokens (initials) and
    // generational suffixes, unless nothing else is left.
    private static string NameCore(string text)
    {
        if (text.IndexOf(' ') < 0)
        {
            return text;
        }

        var tokens = text.Split(' ');
        int start = 0;
        while (start < tokens.Length - 1 && Titles.Contains(tokens[start]))
        {
            start++;
        }

        var kept = tokens.Skip(start).Where(t => t.Length > 1 && !Suffixes.Contains(t)).ToArray();
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

    /// <summary>
    /// Lower case, letters/digits/spaces only (punctuation dropped), single spaces, trimmed; in Unicode form C first, so a
    /// letter written with a combining accent keeps it (the mark alone is no letter and was dropped: "jose" for "josé").
    /// </summary>
    public static string Basic(string value)
    {
        value = Common.ComposedText.Of(value);
        Span<char> buffer = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        int length = 0;
        bool space = false;
        foreach (char raw in value)
        {
            char c = Common.SimpleCase.LowerChar(raw);
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

    // Legal forms written one way; kept (an AG and a GmbH of one name are two companies), only their spelling unified.
    // Forms of several words first, longest first ("limited liability company" before "limited"), as Basic writes them
    // (accents kept, so both spellings; "S.A." is already "sa"). Written out in one system and abbreviated in the other,
    // a form was part of the name's core: "Nordic Timber Aktiebolag" / "Nordic Timber AB" and "Pacific Foods Pty Ltd" /
    // "Pacific Foods Proprietary Limited" were two organisations for OrganizationNamesContradict (cores below 85).
    private static readonly Dictionary<string, string> LegalForms = new(StringComparer.Ordinal)
    {
        ["gesellschaft mit beschrankter haftung"] = "gmbh", ["gesellschaft mit beschränkter haftung"] = "gmbh",
        ["societe a responsabilite limitee"] = "sarl", ["société à responsabilité limitée"] = "sarl",
        ["societe par actions simplifiee"] = "sas", ["société par actions simplifiée"] = "sas",
        ["limited liability partnership"] = "llp", ["limited liability company"] = "llc", ["public limited company"] = "plc",
        ["societa per azioni"] = "spa", ["società per azioni"] = "spa",
        ["societe anonyme"] = "sa", ["société anonyme"] = "sa", ["sociedad anonima"] = "sa", ["sociedad anónima"] = "sa",
        ["besloten vennootschap"] = "bv", ["naamloze vennootschap"] = "nv",
        ["proprietary limited"] = "pty ltd", ["private limited"] = "pvt ltd", ["limited partnership"] = "lp",
        ["incorporated"] = "inc", ["corporation"] = "corp", ["company"] = "co", ["limited"] = "ltd",
        ["aktiengesellschaft"] = "ag", ["kommanditgesellschaft"] = "kg", ["aktiebolag"] = "ab", ["aktieselskab"] = "as",
        ["osakeyhtio"] = "oy", ["osakeyhtiö"] = "oy",
    };

    // The legal forms of several words, each padded with a space on both sides (whole words only), in the dictionary's
    // order: built once, not for every name.
    private static readonly (string LongForm, string Form)[] PaddedLongForms =
        [.. LegalForms.Where(f => f.Key.Contains(' ', StringComparison.Ordinal)).Select(f => (" " + f.Key + " ", " " + f.Value + " "))];

    /// <summary>
    /// An organisation's name for matching, from its <see cref="Basic"/> form: legal forms written one way
    /// ("incorporated" inc, "corporation" corp, "company" co, "limited" ltd, "aktiengesellschaft" ag, the German GmbH
    /// written out), "the" and "and" left out ("&amp;" is gone already).
    /// </summary>
    public static string OrganizationName(string basic)
    {
        if (basic.IndexOf(' ') >= 0)
        {
            // Whole words only: " limited partnership " in the name, not inside another word.
            string padded = " " + basic + " ";
            foreach (var (longForm, form) in PaddedLongForms)
            {
                padded = padded.Replace(longForm, form, StringComparison.Ordinal);
            }

            basic = padded.Trim();
        }

        return string.Join(' ', basic.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t is not ("the" or "and"))
            .Select(t => LegalForms.TryGetValue(t, out var form) ? form : t));
    }

    // Legal forms as OrganizationCode compares them: "inc" and "corp" are one (US corporations written either way).
    private static readonly Dictionary<string, string> FormGroups = new(StringComparer.Ordinal)
    {
        ["inc"] = "inc", ["corp"] = "inc", ["llc"] = "llc", ["llp"] = "llp", ["lp"] = "lp", ["ltd"] = "ltd", ["plc"] = "plc",
        ["gmbh"] = "gmbh", ["ag"] = "ag", ["kg"] = "kg", ["sa"] = "sa", ["sarl"] = "sarl", ["sas"] = "sas", ["bv"] = "bv",
        ["nv"] = "nv", ["srl"] = "srl", ["spa"] = "spa", ["oy"] = "oy", ["ab"] = "ab",
        ["pty"] = "pty", ["pvt"] = "pvt",
    };

    /// <summary>
    /// A prepared organisation name (<see cref="OrganizationName"/>, tokens sorted) as its core (the words without legal
    /// forms and "co", in order) and its legal forms as compared ("inc" for Inc and Corp), each space-joined, with a unit
    /// separator between: worked out once per distinct name (<see cref="PreparedFields.Code"/>), read per compared pair.
    /// </summary>
    public static string OrganizationCode(string prepared)
    {
        var tokens = prepared.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string core = string.Join(' ', tokens.Where(t => t != "co" && !FormGroups.ContainsKey(t)));
        string forms = string.Join(' ', tokens.Where(FormGroups.ContainsKey).Select(t => FormGroups[t]).Distinct().Order(StringComparer.Ordinal));
        return core + "\u001f" + forms;
    }

    /// <summary>AGENSIUM default weight of a field kind: email 40, phone 30, last name 35, first name 25, other 10; birth date (not in AGENSIUM) 30.</summary>
    public static double DefaultWeight(MatchFieldKind kind) => kind switch
    {
        MatchFieldKind.Email or MatchFieldKind.Identifier => 40,
        MatchFieldKind.Phone => 30,
        MatchFieldKind.LastName => 35,
        MatchFieldKind.Organization => 35,
        MatchFieldKind.FirstName => 25,
        MatchFieldKind.BirthDate => 30,
        _ => 10,
    };
}
