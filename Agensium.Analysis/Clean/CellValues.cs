using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Agensium.Analysis.Clean;

/// <summary>How clean agents read single cells: blanks, null tokens, numbers.</summary>
public static class CellValues
{
    private static readonly string[] NullTokens = ["null", "nan", "none", "n/a", "?", "-", "missing", "undefined"];

    /// <summary>The null tokens null-handler recognises (trimmed, any casing), besides the empty string.</summary>
    public static IReadOnlyList<string> NullTokenList => NullTokens;

    /// <summary>True for an empty or whitespace-only cell.</summary>
    public static bool IsBlank([NotNullWhen(false)] string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>
    /// True for a textual null token: NULL/null/NaN/None/N/A/?/-/missing/undefined in any casing, surrounding spaces
    /// ignored. Blank cells are nulls already and are not tokens.
    /// </summary>
    public static bool IsNullToken(string? value) => !IsBlank(value) && IsNullToken(value.AsSpan());

    /// <summary>True for a cell every tool counts as null: empty, whitespace only, or a null token (NaN, N/A, -, …).</summary>
    public static bool IsMissing(ReadOnlySpan<char> value) => value.IsEmpty || value.IsWhiteSpace() || IsNullToken(value);

    /// <summary>As <see cref="IsNullToken(string?)"/>, for a span (false for a blank one).</summary>
    public static bool IsNullToken(ReadOnlySpan<char> value)
    {
        // The longest token has 9 characters: longer text is decided without a comparison.
        var trimmed = value.Length > 64 ? value : value.Trim();
        // Every token starts with n, m, u, '?' or '-' in either case ('?' and '-' have the case bit already).
        if (trimmed.IsEmpty || trimmed.Length > 9 || (trimmed[0] | 0x20) is not ('n' or 'm' or 'u' or '?' or '-'))
        {
            return false;
        }

        foreach (string token in NullTokens)
        {
            if (trimmed.Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses a number as <see cref="NumberText"/> does (finite; long whole numbers stay text).</summary>
    public static bool TryNumber(string? value, out double number)
    {
        number = 0;
        if (IsBlank(value))
        {
            return false;
        }

        // Text starting with a letter, '(' or '$' is never a finite number (Infinity and NaN are not finite), so most
        // text cells skip the parser.
        char first = value.AsSpan().TrimStart()[0];
        if (char.IsAsciiLetter(first) || first is '(' or '$')
        {
            return false;
        }

        // Trimmed of any white space, a no-break space (" 10.5" from a spreadsheet) included: the parser skips ASCII
        // white space only.
        return NumberText.TryParse(value.AsSpan().Trim(), out number);
    }

    /// <summary>
    /// Parses a number written with comma thousands separators in their strict places ("1,234.50", "-2,000",
    /// "12,345,678"), or with space or apostrophe ones before an optional decimal point ("1 234.50", "12 000",
    /// "1'234.50": <see cref="ThousandsGroups"/>): what a column of numbers holds when some were typed for reading.
    /// Anything else is false, so "1,5" (a decimal comma?), "1,23" and "1 234,56" (a decimal comma) stay text.
    /// </summary>
    public static bool TryGroupedNumber(string? value, out double number)
    {
        number = 0;
        var text = value.AsSpan().Trim();
        if (text.Length > 64)
        {
            return false;
        }

        if (ThousandsGroups.TryRead(text, out var groups))
        {
            return groups.FitsDecimalPoint && NumberText.TryParse(groups.Plain, out number);
        }

        var digits = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        int point = digits.IndexOf('.');
        if (!StrictlyGrouped(point < 0 ? digits : digits[..point]))
        {
            return false;
        }

        Span<char> plain = stackalloc char[text.Length];
        int length = 0;
        foreach (char c in text)
        {
            if (c != ',')
            {
                plain[length++] = c;
            }
        }

        return NumberText.TryParse(plain[..length], out number);
    }

    /// <summary>
    /// Parses an amount written with a currency sign before it or after it ("$1,234.50", "-€20", "1.234,00 €" is not one:
    /// only '.' decimals), the number itself plain or with strict comma thousands (<see cref="TryGroupedNumber"/>).
    /// </summary>
    public static bool TryCurrencyNumber(string? value, out double number)
    {
        number = 0;
        var text = value.AsSpan().Trim();
        if (text.IsEmpty || text.Length > 64)
        {
            return false;
        }

        var rest = WithoutSignAndCurrency(text, out bool negative, out bool currency);
        if (!currency || rest.IsEmpty || rest[0] is '-' or '+')
        {
            return false;
        }

        string plain = rest.ToString();
        if (!TryNumber(plain, out number) && !TryGroupedNumber(plain, out number))
        {
            return false;
        }

        number = negative ? -number : number;
        return true;
    }

    /// <summary>
    /// Parses an accounting negative: an amount in parentheses ("(75.25)", "(1,200.00)", "($75.25)", "(€20)") is its
    /// negative. The amount inside is plain, grouped (<see cref="TryGroupedNumber"/>) or with a currency sign, never signed.
    /// </summary>
    public static bool TryAccountingNegative(string? value, out double number)
    {
        number = 0;
        if (!TryParenthesized(value, out var text))
        {
            return false;
        }

        string inner = text.ToString();
        if (inner[0] is '-' or '+'
            || !(TryNumber(inner, out number) || TryGroupedNumber(inner, out number) || TryCurrencyNumber(inner, out number)) || number < 0)
        {
            return false;
        }

        number = number == 0 ? 0 : -number; // "(0.00)" is 0, never "-0"
        return true;
    }

    /// <summary>
    /// The trimmed, non-empty text inside the parentheses of an accounting negative ("(12,50)" → "12,50"), at most 64
    /// characters; false when <paramref name="value"/> is not wrapped so.
    /// </summary>
    public static bool TryParenthesized(string? value, out ReadOnlySpan<char> inner)
    {
        var text = value.AsSpan().Trim();
        inner = text.Length is < 3 or > 66 || text[0] != '(' || text[^1] != ')' ? [] : text[1..^1].Trim();
        return !inner.IsEmpty;
    }

    /// <summary>
    /// An accounting negative written with a decimal comma ("(12,50)", "(1.234,56)"), read in a decimal-comma column.
    /// </summary>
    public static bool TryCommaAccountingNegative(string value, out double number)
    {
        number = 0;
        if (!TryParenthesized(value, out var inner))
        {
            return false;
        }

        if (inner[0] is '-' or '+'
            || !(CommaNotation.TryParse(inner, out number) || (!inner.Contains('.') && NumberText.TryParse(inner, out number))) || number < 0)
        {
            return false;
        }

        number = number == 0 ? 0 : -number;
        return true;
    }

    /// <summary>
    /// A grouped or currency amount whose integer part has more than <see cref="NumberText.MaxExactDigits"/> significant
    /// digits ("1,234,567,890,123,456.50", "$12,345,678,901,234,567"): no double holds it, so
    /// <see cref="TryGroupedNumber"/> and <see cref="TryCurrencyNumber"/> refuse it. <paramref name="digits"/> is its
    /// exact value without the formatting; false when the text is no such amount.
    /// </summary>
    public static bool TryLongFormattedNumber(string value, [NotNullWhen(true)] out string? digits)
    {
        digits = null;
        var text = value.AsSpan().Trim();
        if (text.IsEmpty || text.Length > 64)
        {
            return false;
        }

        var rest = WithoutSignAndCurrency(text, out bool negative, out _);
        if (ThousandsGroups.TryRead(rest, out var groups) && groups.FitsDecimalPoint && groups.Plain[0] != '-')
        {
            rest = groups.Plain; // "1 234 567 890 123 456.50": the digits as "1,234,…" would give them
        }

        int point = rest.IndexOf('.');
        var integer = point < 0 ? rest : rest[..point];
        var fraction = point < 0 ? [] : rest[(point + 1)..];
        if (integer.IsEmpty || fraction.ContainsAnyExceptInRange('0', '9')
            || (integer.Contains(',') ? !StrictlyGrouped(integer) : integer.ContainsAnyExceptInRange('0', '9')))
        {
            return false;
        }

        string plain = string.Concat(negative ? "-" : "", integer.ToString().Replace(",", "", StringComparison.Ordinal), point < 0 ? "" : ".", fraction);
        if (!NumberText.IsTooLongForADouble(plain))
        {
            return false;
        }

        digits = NumberText.ExactText(plain, negative, '.', out _) ?? plain;
        return true;
    }

    // A trimmed, non-empty amount without its leading sign and one currency sign before or after it ("-$ 1,234" → "1,234").
    private static ReadOnlySpan<char> WithoutSignAndCurrency(ReadOnlySpan<char> text, out bool negative, out bool currency)
    {
        negative = text[0] == '-';
        var rest = negative || text[0] == '+' ? text[1..].TrimStart() : text;
        currency = rest.Length > 1 && (IsCurrencySign(rest[0]) || IsCurrencySign(rest[^1]));
        if (!currency)
        {
            return rest;
        }

        return IsCurrencySign(rest[0]) ? rest[1..].TrimStart() : rest[..^1].TrimEnd();
    }

    // Comma thousands in their strict places: 1–3 digits, then groups of ",ddd" ("1,234", "12,345,678").
    private static bool StrictlyGrouped(ReadOnlySpan<char> integer)
    {
        int comma = integer.IndexOf(',');
        if (comma is < 1 or > 3 || (integer.Length - comma) % 4 != 0 || integer[..comma].ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        for (int i = comma; i < integer.Length; i += 4)
        {
            if (integer[i] != ',' || !char.IsAsciiDigit(integer[i + 1]) || !char.IsAsciiDigit(integer[i + 2]) || !char.IsAsciiDigit(integer[i + 3]))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly System.Buffers.SearchValues<char> FormattingMarks = System.Buffers.SearchValues.Create(",$€£¥₹₩₽₺₪₫₱฿");

    /// <summary>True when the cell has a comma or a currency sign: only then can it be a US-grouped or currency number.</summary>
    public static bool MayBeFormattedNumber(string value) => value.AsSpan().ContainsAny(FormattingMarks);

    private static readonly System.Buffers.SearchValues<char> CurrencySigns = System.Buffers.SearchValues.Create("$€£¥₹₩₽₺₪₫₱฿");

    /// <summary>True when the cell holds a currency sign ($, €, £, …).</summary>
    public static bool HasCurrencySign(string value) => value.AsSpan().ContainsAny(CurrencySigns);

    private static bool IsCurrencySign(char c) => c is '$' or '€' or '£' or '¥' or '₹' or '₩' or '₽' or '₺' or '₪' or '₫' or '₱' or '฿';

    /// <summary>Shortest round-trip invariant text of a number ("150.5", "3"); a large whole number in digits, not 1E+20.</summary>
    public static string FormatNumber(double value) =>
        Math.Abs(value) >= 1e15 && Math.Abs(value) < 1e21 && Math.Floor(value) == value
            ? value.ToString("F0", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A whole number as integer digits (1e20 → "100000000000000000000", never exponent notation).</summary>
    public static string FormatWhole(double value) =>
        Math.Abs(value) < 9e18 ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("F0", CultureInfo.InvariantCulture);
}
