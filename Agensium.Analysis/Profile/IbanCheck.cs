namespace Agensium.Analysis.Profile;

/// <summary>
/// ISO 13616 IBANs: a country code of the IBAN registry (or of a country using IBANs nationally), two check digits and
/// the length that country's IBANs have (<see cref="Lengths"/>, <see cref="NationalLengths"/>; written plain or in groups of four separated by spaces), whose ISO 7064 MOD 97-10 check gives 1.
/// The check keeps other codes of that shape (a product key, a tracking number) out: one random string in 97 passes it;
/// the country's length keeps out a code that passes it by chance at another length ("DE" and 20 characters, or a
/// country with no IBANs such as "US").
/// </summary>
public static class IbanCheck
{
    private const int MinLength = 15; // Norway
    private const int MaxLength = 34;

    /// <summary>
    /// The length of each country's IBANs, from the SWIFT IBAN registry (ISO 13616; release 98, 2024). Territories
    /// that use another country's IBANs write that country's code (Åland FI, French overseas departments FR, Jersey GB).
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, int> Lengths = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22,
        ["BH"] = 22, ["BI"] = 27, ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24,
        ["DE"] = 22, ["DJ"] = 27, ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18,
        ["FK"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27,
        ["GT"] = 28, ["HN"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20,
        ["LU"] = 20, ["LV"] = 21, ["LY"] = 25, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MN"] = 20,
        ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NI"] = 28, ["NL"] = 18, ["NO"] = 15, ["OM"] = 23, ["PK"] = 24,
        ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["RU"] = 33, ["SA"] = 24,
        ["SC"] = 31, ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["SO"] = 23, ["ST"] = 25,
        ["SV"] = 28, ["TL"] = 23, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
        ["YE"] = 30,
    };

    /// <summary>
    /// IBANs in national use by countries outside the registry (Iran's Sheba, Morocco, Algeria, the Portuguese-speaking
    /// and the BCEAO/BEAC countries of Africa): people's accounts all the same, so personal data wherever they are written.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, int> NationalLengths = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["IR"] = 26, ["MA"] = 28, ["DZ"] = 26, ["AO"] = 25, ["CV"] = 25, ["GW"] = 25, ["MZ"] = 25,
        ["BF"] = 28, ["BJ"] = 28, ["CI"] = 28, ["ML"] = 28, ["NE"] = 28, ["SN"] = 28, ["TG"] = 28,
        ["CF"] = 27, ["CG"] = 27, ["CM"] = 27, ["GA"] = 27, ["GQ"] = 27, ["KM"] = 27, ["MG"] = 27, ["TD"] = 27,
    };

    /// <summary>True when <paramref name="value"/> is an IBAN with a valid check ("DE89 3704 0044 0532 0130 00").</summary>
    public static bool IsIban(ReadOnlySpan<char> value)
    {
        Span<char> compact = stackalloc char[MaxLength];
        int length = 0;
        foreach (char c in value.Trim())
        {
            if (c == ' ')
            {
                continue;
            }

            if (length == MaxLength || !char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }

            compact[length++] = char.ToUpperInvariant(c); // an ASCII letter or digit: cased alike in both modes
        }

        if (length < MinLength || !char.IsAsciiLetterUpper(compact[0]) || !char.IsAsciiLetterUpper(compact[1])
            || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3])
            || CountryLength(compact[0], compact[1]) != length)
        {
            return false;
        }

        // The first four characters moved to the end, letters as 10–35, the whole number taken mod 97.
        int remainder = 0;
        for (int i = 0; i < length; i++)
        {
            char c = compact[(i + 4) % length];
            remainder = char.IsAsciiDigit(c)
                ? ((remainder * 10) + (c - '0')) % 97
                : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder == 1;
    }

    // Lengths and NationalLengths by country code, at (first letter - 'A') * 26 + (second letter - 'A'): looked up from
    // the two characters with no string made per candidate (every ID-like token of a column is one).
    private static readonly byte[] LengthByCode = CodeTable();

    // The length of the country's IBANs, 0 for a country without them. Both letters are ASCII capitals (IsIban checked).
    private static int CountryLength(char first, char second) => LengthByCode[((first - 'A') * 26) + (second - 'A')];

    private static byte[] CodeTable()
    {
        var table = new byte[26 * 26];
        foreach (var (country, length) in NationalLengths.Concat(Lengths))
        {
            table[((country[0] - 'A') * 26) + (country[1] - 'A')] = (byte)length;
        }

        return table;
    }
}
