using System.Text.RegularExpressions;

namespace Agensium.Analysis.Clean;

/// <summary>
/// Values type-fixer cannot convert but keeps as written, because they are a number or a date in a notation this tool
/// does not read rather than noise: a decimal comma or other grouping ("12,50", "1.234,56", "1 234,56", "1'234.50",
/// "12,5 %", "€ 12,50"), a trailing minus ("200-", SAP), a date with a month name in another language ("3. März 2024",
/// "1-Dez-2024"). Impossible values in a notation it does read ("2025-13-40", "01/35/2025") and typing slips ("1O0")
/// are not kept: they become null, as AGENSIUM's coercion says.
/// </summary>
internal static partial class ForeignNotation
{
    /// <summary>True when <paramref name="value"/>, which did not convert to <paramref name="target"/>, is kept as written.</summary>
    public static bool WorthKeeping(string value, string target) =>
        target == "datetime" ? WordDate().IsMatch(value) : LocaleNumber().IsMatch(value);

    // Digits with ',' '.' space, no-break/narrow space or apostrophe between them, at least one ',' or grouping space or
    // apostrophe or a trailing minus (a plain "1.5" or "12" would have converted), an optional sign, currency or percent.
    [GeneratedRegex(@"^\s*[+-]?\s*[$€£¥₹₽₺₪₫₱฿]?\s*R?\$?\s*[+-]?\d{1,3}(?:[.,'\u00a0\u202f ]?\d{3})*(?:[.,]\d+)?\s*-?\s*(?:%|[$€£¥₹₽₺₪₫₱฿]|zł|kr|Kč|Ft|CHF|EUR|PLN)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex LocaleNumber();

    // A word of letters beside a four-digit year and a day: "3. März 2024", "12 janv. 2024", "1-Dez-2024".
    [GeneratedRegex(@"^(?=.*\p{L}{3})(?=.*\b\d{4}\b)(?=.*\b\d{1,2}\b)[\p{L}\d .,/\-]{8,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex WordDate();
}
