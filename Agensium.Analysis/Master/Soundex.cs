namespace Agensium.Analysis.Master;

/// <summary>
/// American Soundex (the phonetic code used for name matching and blocking): first letter plus three digits;
/// vowels separate equal codes, h and w do not; letters outside a–z are ignored.
/// </summary>
public static class Soundex
{
    // Codes for a..z; '0' = vowel (a e i o u y), '-' = h/w (transparent).
    private const string Codes = "01230120022455012623010202";

    /// <summary>The Soundex code, e.g. Robert → R163, Ashcraft → A261, Tymczak → T522; "" when there is no letter.</summary>
    public static string Encode(string value)
    {
        Span<char> code = stackalloc char[4];
        return Write(value, code) == 0 ? "" : new string(code);
    }

    /// <summary>Writes the code of <paramref name="value"/> into <paramref name="code"/> (4 chars); returns 4, or 0 when there is no letter.</summary>
    public static int Write(ReadOnlySpan<char> value, Span<char> code)
    {
        int length = 0;
        char previous = '\0';
        foreach (char raw in value)
        {
            char c = Common.SimpleCase.LowerChar(raw);
            if (c is < 'a' or > 'z')
            {
                continue;
            }

            char digit = c is 'h' or 'w' ? '-' : Codes[c - 'a'];
            if (length == 0)
            {
                code[length++] = Common.SimpleCase.UpperChar(c);
                previous = digit;
                continue;
            }

            if (digit == '-')
            {
                continue;
            }

            if (digit != '0' && digit != previous)
            {
                code[length++] = digit;
                if (length == 4)
                {
                    break;
                }
            }

            previous = digit;
        }

        if (length == 0)
        {
            return 0;
        }

        for (int i = length; i < 4; i++)
        {
            code[i] = '0';
        }

        return 4;
    }
}
