using System.Text;

namespace Agensium.Analysis.Reporting.Excel;

/// <summary>
/// Makes any text safe for a spreadsheet text cell: valid XML, within Excel's cell limit. A text cell that starts like a
/// formula is written with the quotePrefix style (<see cref="WorksheetWriter"/>), so it is never one.
/// </summary>
public static class CellText
{
    /// <summary>Excel's limit on the characters of one cell.</summary>
    public const int MaxLength = 32_767;

    private const string TruncatedMark = "…[truncated]";

    /// <summary>
    /// Drops characters XML 1.0 cannot carry (NUL and other control characters except tab, line feed and carriage return,
    /// lone surrogates, U+FFFE/U+FFFF) and cuts the text to <see cref="MaxLength"/>. The text is kept as it is otherwise: a
    /// text starting like a formula (<see cref="StartsLikeFormula"/>) gets Excel's quotePrefix cell style, which shows it
    /// as written and keeps it text even after an edit (a leading apostrophe written into the text showed in the cell and
    /// altered the value: "'-500").
    /// </summary>
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        string clean = IsXmlSafe(text) ? text : StripInvalid(text);
        return clean.Length <= MaxLength ? clean : Cut(clean);
    }

    /// <summary>
    /// A text that is a plain decimal number as a spreadsheet writes one ("-500", "12.5": optional minus, digits, an
    /// optional fraction; at most 15 significant digits, no leading zero, no trailing fraction zero), so a numeric cell
    /// shows exactly that text; null for anything else ("007", "1e5", "+3", "1,000", a 16-digit id).
    /// </summary>
    public static double? AsNumber(string text)
    {
        if (text.Length is 0 or > 17)
        {
            return null;
        }

        var digits = text.AsSpan(text[0] == '-' ? 1 : 0);
        int point = digits.IndexOf('.');
        var whole = point < 0 ? digits : digits[..point];
        var fraction = point < 0 ? [] : digits[(point + 1)..];
        if (whole.Length == 0 || whole.ContainsAnyExceptInRange('0', '9') || fraction.ContainsAnyExceptInRange('0', '9')
            || (whole.Length > 1 && whole[0] == '0') || (point >= 0 && (fraction.Length == 0 || fraction[^1] == '0'))
            || whole.TrimStart('0').Length + fraction.Length > 15 || (text[0] == '-' && whole.SequenceEqual("0") && fraction.Length == 0))
        {
            return null;
        }

        return double.Parse(text, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
            System.Globalization.CultureInfo.InvariantCulture);
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
