using System.Globalization;

namespace Agensium.Analysis.Input;

/// <summary>
/// A number format of digit placeholders and separators, as Excel's "Special" formats are: ZIP code <c>00000</c>,
/// ZIP+4 <c>00000-0000</c>, social security number <c>000-00-0000</c>. Excel shows a whole number in it with its
/// leading zeros and separators (02134-1234, 012-34-5678); written as the bare number (21341234, 12345678) the zeros and
/// the shape an identifier is known by are lost. Words in quotes or after '\' (a unit, a prefix) are decoration, left out
/// as before; anything else (#, ?, a decimal point, a second section, a condition) is no template.
/// </summary>
internal static class DigitTemplate
{
    /// <summary>Separators kept between digit groups.</summary>
    private const string Separators = "-() ./";

    /// <summary>The template of a format code ('0' for a digit, other characters as shown), or null when it is none.</summary>
    public static string? Of(string code)
    {
        var template = new System.Text.StringBuilder();
        for (int i = 0; i < code.Length; i++)
        {
            char c = code[i];
            if (c == '0' || c is '-' or '(' or ')' or ' ')
            {
                template.Append(c);
            }
            else if (c == '\\' && i + 1 < code.Length)
            {
                i++;
                template.Append(Separators.Contains(code[i]) ? code[i] : '\0'); // a letter after '\': decoration
            }
            else if (c == '"')
            {
                int close = code.IndexOf('"', i + 1);
                if (close < 0)
                {
                    return null;
                }

                var quoted = code[(i + 1)..close];
                template.Append(quoted.Length > 0 && quoted.All(q => Separators.Contains(q)) ? quoted : "\0");
                i = close;
            }
            else if (c == '[')
            {
                // A colour or a locale ([Red], [$-409]) changes no digit; a condition ([<=9999999]) picks a section.
                int close = code.IndexOf(']', i + 1);
                if (close < 0 || code.AsSpan(i + 1, close - i - 1).IndexOfAny("<>=") >= 0)
                {
                    return null;
                }

                i = close;
            }
            else
            {
                return null;
            }
        }

        // Decoration is left out with the spaces around it ("00000 \k\g" is 02134); separators stay between digits.
        var text = template.ToString();
        int first = text.IndexOf('0');
        int last = text.LastIndexOf('0');
        if (first < 0 || text.Count(ch => ch == '0') < 2)
        {
            return null;
        }

        var lead = text[..first].Replace("\0", "", StringComparison.Ordinal).TrimStart();
        var tail = text[(last + 1)..].Replace("\0", "", StringComparison.Ordinal).TrimEnd();
        var middle = text[first..(last + 1)];
        return middle.Contains('\0') ? null : lead + middle + tail;
    }

    /// <summary>
    /// A whole, non-negative number in the template; digits beyond the placeholders go to the first one, as Excel shows
    /// them. Null for anything else (a fraction, a negative number), which is kept as the number.
    /// </summary>
    public static string? Apply(string template, string raw)
    {
        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out long whole))
        {
            return null;
        }

        int placeholders = template.Count(c => c == '0');
        var digits = whole.ToString(CultureInfo.InvariantCulture).PadLeft(placeholders, '0');
        int extra = digits.Length - placeholders;
        var shown = new System.Text.StringBuilder();
        int next = 0;
        foreach (char c in template)
        {
            if (c != '0')
            {
                shown.Append(c);
                continue;
            }

            int take = next == 0 ? extra + 1 : 1;
            shown.Append(digits, next, take);
            next += take;
        }

        return shown.ToString();
    }
}
