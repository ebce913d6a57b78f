using System.Globalization;
using System.Text;

namespace Agensium.Analysis.Input;

/// <summary>
/// A number format whose sections show words and no digit: LibreOffice saves a boolean cell as the number 1 or 0 in
/// the format <c>"TRUE";"TRUE";"FALSE"</c> (Excel writes a boolean cell, t="b"), and a sheet may show 1/0 as
/// <c>"Yes";"Yes";"No"</c>. Excel shows the section's words (positive; negative; zero), so the cell is written as them:
/// TRUE/FALSE as from Excel, not 1/0. Formats that hide numbers (<c>;;;</c>, every section empty or all alike) keep the number.
/// </summary>
internal static class LiteralFormat
{
    /// <summary>The text of each section, or null when the format shows digits, a date, or the same text for every number.</summary>
    public static string[]? Of(string code)
    {
        var sections = new List<string>();
        var text = new StringBuilder();
        for (int i = 0; i < code.Length; i++)
        {
            char c = code[i];
            if (c == '"')
            {
                int close = code.IndexOf('"', i + 1);
                if (close < 0)
                {
                    return null;
                }

                text.Append(code, i + 1, close - i - 1);
                i = close;
            }
            else if (c == '\\' && i + 1 < code.Length)
            {
                text.Append(code[++i]);
            }
            else if (c == '[')
            {
                // A colour or a locale ([Red], [$-409]); a condition ([<1]) picks sections otherwise than by sign.
                int close = code.IndexOf(']', i + 1);
                if (close < 0 || code.AsSpan(i + 1, close - i - 1).IndexOfAny("<>=") >= 0)
                {
                    return null;
                }

                i = close;
            }
            else if (c == ';')
            {
                sections.Add(text.ToString());
                text.Clear();
            }
            else if (c != ' ')
            {
                return null; // a placeholder, a date code, General, @, a fill or a spacing
            }
            else
            {
                text.Append(c);
            }
        }

        sections.Add(text.ToString());
        // Three sections at most for numbers (a fourth is for text cells); two or more that differ: a word per value.
        var forNumbers = sections.Take(3).ToArray();
        return forNumbers.Length >= 2 && forNumbers.Distinct(StringComparer.Ordinal).Count() > 1 && forNumbers.Any(s => s.Trim().Length > 0)
            ? forNumbers : null;
    }

    /// <summary>The section's text for the number: positive (the first), negative (the second), zero (the third, or the first).</summary>
    public static string? Apply(string[] sections, string raw)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            return null;
        }

        return value > 0 ? sections[0]
            : value < 0 ? sections[1]
            : sections.Length > 2 ? sections[2] : sections[0];
    }
}
