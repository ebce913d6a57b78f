namespace Agensium.Analysis.Profile;

/// <summary>
/// ISO 13616 IBANs: a country code, two check digits and up to 30 letters or digits (written plain or in groups of four
/// separated by spaces), whose ISO 7064 MOD 97-10 check gives 1. The check keeps other codes of that shape (a product
/// key, a tracking number) out: one random string in 97 passes it.
/// </summary>
public static class IbanCheck
{
    private const int MinLength = 15; // Norway
    private const int MaxLength = 34;

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

            compact[length++] = char.ToUpperInvariant(c);
        }

        if (length < MinLength || !char.IsAsciiLetterUpper(compact[0]) || !char.IsAsciiLetterUpper(compact[1])
            || !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3]))
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
}
