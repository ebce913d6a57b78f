using System.Globalization;

namespace Agensium.Analysis.Common;

/// <summary>
/// How the tools read a number from a cell: invariant culture, optional sign, decimals and exponent, surrounding white
/// space allowed; finite values only. A number whose integer part is written with more than
/// <see cref="MaxExactDigits"/> significant digits (an account, card or order number) is not read as a number: a double
/// cannot hold it exactly (9007199254740993 would become …992, 20 digits collapse to one value), so statistics,
/// outlier fences and type conversions would change its digits. It stays text.
/// </summary>
public static class NumberText
{
    /// <summary>The most significant digits of an integer part a double always holds exactly.</summary>
    public const int MaxExactDigits = 15;

    /// <summary>Parses <paramref name="text"/> as described above.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double number)
    {
        if (TryPlainDigits(text, out number))
        {
            return true;
        }

        if (!CanStartANumber(text))
        {
            number = 0;
            return false;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) || !double.IsFinite(number)
            || (Math.Abs(number) >= 1e15 && HasTooManyIntegerDigits(text)))
        {
            number = 0;
            return false;
        }

        return true;
    }

    /// <summary>
    /// True for a number <see cref="TryParse"/> keeps as text because its integer part has more than
    /// <see cref="MaxExactDigits"/> significant digits (9007199254740993, an 18-digit account number).
    /// </summary>
    public static bool IsTooLongForADouble(ReadOnlySpan<char> text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number)
        && Math.Abs(number) >= 1e15 && HasTooManyIntegerDigits(text);

    /// <summary>
    /// The exact plain text of a number a parser has already read from <paramref name="text"/> (plain, grouped, with a
    /// currency sign, or in decimal-comma notation with <paramref name="decimalSeparator"/> ','), when its digits hold
    /// more than <see cref="MaxExactDigits"/> significant digits: a double would round "1001.123456789012345678" to
    /// "1001.1234567890124". Leading zeros and a fraction's trailing zeros are dropped, as a double's text drops them.
    /// Null when the double's own text already has every digit, or for an exponent a decimal cannot hold exactly (the
    /// caller then keeps the value as written).
    /// </summary>
    public static string? ExactText(ReadOnlySpan<char> text, bool negative, char decimalSeparator, out bool keepAsWritten)
    {
        keepAsWritten = false;
        // A cell may be long (a number padded with megabytes of white space still parses): the stack only for short ones.
        Span<char> integer = text.Length <= 128 ? stackalloc char[text.Length] : new char[text.Length];
        Span<char> fraction = text.Length <= 128 ? stackalloc char[text.Length] : new char[text.Length];
        int integerLength = 0, fractionLength = 0;
        bool inFraction = false, exponent = false;
        foreach (char c in text)
        {
            if (c is 'e' or 'E')
            {
                exponent = true;
                break;
            }

            if (c == decimalSeparator)
            {
                inFraction = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                if (inFraction)
                {
                    fraction[fractionLength++] = c;
                }
                else if (integerLength > 0 || c != '0')
                {
                    integer[integerLength++] = c;
                }
            }
        }

        var whole = integer[..integerLength];
        var part = fraction[..fractionLength].TrimEnd('0');
        int significant = whole.Length > 0 ? whole.Length + part.Length : part.TrimStart('0').Length;
        if (significant <= MaxExactDigits)
        {
            return null;
        }

        if (exponent)
        {
            // "1.2345678901234567890e3": a decimal holds 28 digits exactly; more than that stays as written.
            if (significant <= 28 && decimalSeparator == '.'
                && decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value))
            {
                string plain = value.ToString(CultureInfo.InvariantCulture);
                return plain.Contains('.') ? plain.TrimEnd('0').TrimEnd('.') : plain;
            }

            keepAsWritten = true;
            return null;
        }

        return string.Concat(negative ? "-" : "", whole.IsEmpty ? "0" : whole, part.IsEmpty ? "" : ".", part);
    }

    // Digits only, at most MaxExactDigits of them (an age, a count, a ZIP code: most numeric cells): the value read digit
    // by digit, which is exact (below 2^53) and the very double the parser returns, at a fraction of its cost per cell.
    // No sign: "-0" is the parser's negative zero.
    private static bool TryPlainDigits(ReadOnlySpan<char> text, out double number)
    {
        number = 0;
        if (text.IsEmpty || text.Length > MaxExactDigits)
        {
            return false;
        }

        long value = 0;
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        number = value;
        return true;
    }

    // A finite number in the invariant culture starts, after the white space double.TryParse skips (U+0009–U+000D and
    // U+0020), with a digit, a sign or a decimal point; anything else (a letter: NaN and Infinity are not finite) never
    // parses, so text cells skip the parser.
    private static bool CanStartANumber(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c is ' ' or (>= '\t' and <= '\r'))
            {
                continue;
            }

            return char.IsAsciiDigit(c) || c is '-' or '+' or '.';
        }

        return false;
    }

    // Digits of the integer part, leading zeros not counted; an exponent means the writer chose a measure's notation.
    private static bool HasTooManyIntegerDigits(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IndexOfAny('e', 'E') >= 0)
        {
            return false;
        }

        if (text.Length > 0 && text[0] is '+' or '-')
        {
            text = text[1..];
        }

        int point = text.IndexOf('.');
        var integer = (point < 0 ? text : text[..point]).TrimStart('0');
        return integer.Length > MaxExactDigits;
    }
}
