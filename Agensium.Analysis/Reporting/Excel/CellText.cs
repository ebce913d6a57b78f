using System.Text;

namespace Agensium.Analysis.Reporting.Excel;

/// <summary>Makes any text safe for a spreadsheet text cell: valid XML, within Excel's cell limit, never a formula.</summary>
public static class CellText
{
    /// <summary>Excel's limit on the characters of one cell.</summary>
    public const int MaxLength = 32_767;

    private const string TruncatedMark = "…[truncated]";

    /// <summary>
    /// Drops characters XML 1.0 cannot carry (NUL and other control characters except tab, line feed and carriage return,
    /// lone surrogates, U+FFFE/U+FFFF), cuts the text to <see cref="MaxLength"/>, and prefixes a single quote when the text
    /// starts like a formula (= + - @ tab, carriage return, or their full-width forms), as OWASP advises against CSV/formula injection.
    /// </summary>
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        string clean = IsXmlSafe(text) ? text : StripInvalid(text);
        if (StartsLikeFormula(clean))
        {
            clean = "'" + clean;
        }

        return clean.Length <= MaxLength ? clean : Cut(clean);
    }

    /// <summary>True when a spreadsheet would read the text as a formula or a DDE command.</summary>
    public static bool StartsLikeFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFF20';

    private static string Cut(string text)
    {
        int end = MaxLength - TruncatedMark.Length;
        if (char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return string.Concat(text.AsSpan(0, end), TruncatedMark);
    }

    private static bool IsXmlSafe(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (!IsXmlChar(text, ref i))
            {
                return false;
            }
        }

        return true;
    }

    private static string StripInvalid(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            int start = i;
            if (IsXmlChar(text, ref i))
            {
                sb.Append(text, start, i - start + 1);
            }
        }

        return sb.ToString();
    }

    // Advances i past the second half of a valid surrogate pair.
    private static bool IsXmlChar(string text, ref int i)
    {
        char c = text[i];
        if (char.IsHighSurrogate(c))
        {
            if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                return true;
            }

            return false;
        }

        return c is '\t' or '\n' or '\r' || (c >= '\u0020' && c <= '\uD7FF') || (c >= '\uE000' && c <= '\uFFFD');
    }
}
