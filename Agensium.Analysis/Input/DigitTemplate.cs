using System.Globalization;

namespace Agensium.Analysis.Input;

/// <summary>
/// A number format of digit placeholders, separators and literal text, as Excel's "Special" formats are: ZIP code
/// <c>00000</c>, ZIP+4 <c>00000-0000</c>, social security number <c>000-00-0000</c>, or a unit or prefix in quotes or
/// after '\' (<c>00 "kg"</c>, <c>"ID "00000</c>). The cell is written as Excel shows it: the number rounded to a whole
/// one (half away from zero: 7.6 in <c>00</c> is 08), with its leading zeros, separators and text (02134-1234,
/// 012-34-5678, 07 kg, ID 00007), and a minus sign before all of it for a negative number (-07); written as the bare
/// number (21341234, 7.6) the zeros, the shape an identifier is known by and the unit are lost. Anything else (#, ?, a
/// decimal point, a second section, a condition) is no template.
/// </summary>
internal static class DigitTemplate
{
    /// <summary>The mark of a digit placeholder in a template; every other character is shown as it is.</summary>
    public const char Digit = '\0';

    /// <summary>The template of a format code (<see cref="Digit"/> for a digit, other characters as shown), or null when it is none.</summary>
    public static string? Of(string code)
    {
        var template = new System.Text.StringBuilder();
        int placeholders = 0;
        for (int i = 0; i < code.Length; i++)
        {
            char c = code[i];
            if (c == '0')
            {
                template.Append(Digit);
                placeholders++;
            }
            else if (c is '-' or '(' or ')' or ' ')
            {
                template.Append(c);
            }
            else if (c == '\\' && i + 1 < code.Length)
            {
                template.Append(code[++i]);
            }
            else if (c == '"')
            {
                int close = code.IndexOf('"', i + 1);
                if (close < 0)
                {
                    return null;
                }

                template.Append(code, i + 1, close - i - 1);
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

        // One placeholder alone ("0") is Excel's plain integer format, written as the number (as built-in format 1 is);
        // with text ("0 \k\g", "0 \"kg\"") it is a template as "00 \"kg\"" is: 7.6 is 8 kg there as 7.6 is 08 kg here.
        bool text = template.ToString().Any(c => c != Digit && c != ' ');
        return placeholders == 0 || (placeholders == 1 && !text) ? null : template.ToString();
    }

    /// <summary>
    /// The number as Excel shows it in the template: its 15 significant digits (Excel shows no more), rounded half away
    /// from zero to a whole number, digits beyond the placeholders going to the first one, a minus sign first when it is
    /// negative. Null when the text is no number.
    /// </summary>
    public static string? Apply(string template, string raw)
    {
        // The stored double's 15 significant digits, a whole number's too: 2.4999999999999996 is 2.5 in Excel (03 in 00),
        // and 12345678901234567 (an id of 17 digits stored as a number) is 12345678901234600 there, as =2^60 shows as
        // 1152921504606850000; writing every digit showed a number Excel never shows.
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double stored) || !double.IsFinite(stored)
            || !decimal.TryParse(stored.ToString("G15", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value))
        {
            return null;
        }

        int placeholders = template.Count(c => c == Digit);
        var digits = Math.Round(Math.Abs(value), MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture).PadLeft(placeholders, '0');
        int extra = digits.Length - placeholders;
        var shown = new System.Text.StringBuilder();
        if (value < 0)
        {
            shown.Append('-'); // Excel's single-section format: -0.4 in 00 is -00 too
        }

        int next = 0;
        foreach (char c in template)
        {
            if (c != Digit)
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
