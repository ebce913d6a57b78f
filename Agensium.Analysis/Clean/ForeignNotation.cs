using System.Text.RegularExpressions;

namespace Agensium.Analysis.Clean;

/// <summary>
/// Values type-fixer cannot convert but keeps as written, because they are a number or a date in a notation this tool
/// does not read rather than noise: a decimal comma or other grouping ("12,50", "1.234,56", "1 234,56", "1'234.50"),
/// with at most one currency sign or code, or a percent sign ("12,5 %", "€ 12,50", "12,50 EUR"), a trailing minus
/// ("200-", SAP); a valid date with a month name in another language ("3. März 2024", "12 janv. 2024", "1-Dez-2024"),
/// with a two-digit year ("01/15/24", "07-Jan-24": the century would be a guess) or written yyyyMMdd ("20240111"); a
/// percentage ("12%", "12.5 %": a rate or a percent?), a month without a day ("2021-03", "March 2021") and a number
/// written with the typographic minus sign U+2212 ("−3").
/// Impossible or malformed values ("2025-13-40", "31-Feb-2024", "1.234.5", "+-5") and slips ("1O0") are not kept: they
/// become null, as AGENSIUM's coercion says.
/// </summary>
public static partial class ForeignNotation
{
    /// <summary>True when <paramref name="value"/>, which did not convert to <paramref name="target"/>, is kept as written.</summary>
    public static bool WorthKeeping(string value, string target) =>
        target == "datetime"
            ? IsForeignDate(value) || IsShortYearDate(value) || IsCompactDate(value) || PartialDate().IsMatch(value)
            : LocaleNumber().IsMatch(value) || Percentage().IsMatch(value)
                || (CellValues.TryParenthesized(value, out var inner) && LocaleNumber().IsMatch(inner))
                || IsTypographicMinusNumber(value);

    // A number written with the typographic minus sign U+2212 ("−3", "−1,234.50", "−12,50"), as word processors, web
    // pages and some statistics exports write it: a negative number, not noise, though the readers here take only '-'.
    private static bool IsTypographicMinusNumber(string value)
    {
        var text = value.AsSpan().Trim();
        if (text.Length < 2 || text[0] != '\u2212')
        {
            return false;
        }

        string ascii = string.Concat("-", text[1..]);
        return CellValues.TryNumber(ascii, out _) || CellValues.TryGroupedNumber(ascii, out _) || LocaleNumber().IsMatch(ascii);
    }

    // A percentage with a decimal point or none ("12%", "12.5 %", "-3%"): a number, but on another scale than a column
    // of rates (0.12) or of plain percents (12); which one is meant is not for this tool to guess.
    [GeneratedRegex(@"^\s*[+-]?(?:\d+(?:\.\d+)?|\.\d+)\s*%\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Percentage();

    // A month without a day ("2021-03", "2021/03", "03/2021", "March 2021", "Mar-2021"): a date of a coarser grain,
    // not noise; which day it stands for is not for this tool to guess. Never '.' between the digits ("3.1415" and
    // "2020.10" are numbers), and only English month names or their abbreviations ("Novel 1984" is no month).
    [GeneratedRegex(@"^\s*(?:\d{4}[-/](?:0?[1-9]|1[0-2])|(?:0?[1-9]|1[0-2])[-/]\d{4}|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?[\s\-/,]+\d{4})\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PartialDate();

    // A date with a two-digit year ("01/15/24", "15.01.24", "07-Jan-24": Excel's default short-date export): which
    // century is a guess this tool does not make, so the value is kept as written. It must be a valid day and month in
    // one order or the other.
    [GeneratedRegex(@"^\s*(?<a>\d{1,2})(?<s>[/.\-])(?<b>\d{1,2}|\p{L}{3,9}\.?)\k<s>(?<y>\d{2})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ShortYearDate();

    private static readonly string[] EnglishMonths = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static bool IsShortYearDate(string value)
    {
        var match = ShortYearDate().Match(value);
        if (!match.Success)
        {
            return false;
        }

        int a = int.Parse(match.Groups["a"].Value, System.Globalization.CultureInfo.InvariantCulture);
        string b = Common.SimpleCase.Lower(match.Groups["b"].Value.TrimEnd('.'));
        if (!char.IsDigit(b[0]))
        {
            int month = Array.FindIndex(EnglishMonths, m => b.StartsWith(m, StringComparison.Ordinal)) + 1;
            if (month == 0 && !MonthNames.TryGetValue(b, out month))
            {
                return false;
            }

            return a >= 1 && a <= DateTime.DaysInMonth(2000, month);
        }

        int n = int.Parse(b, System.Globalization.CultureInfo.InvariantCulture);
        // Day and month either way round; 29 February is allowed (a leap year is possible in either century).
        return (a is >= 1 and <= 12 && n >= 1 && n <= DateTime.DaysInMonth(2000, a)) || (n is >= 1 and <= 12 && a >= 1 && a <= DateTime.DaysInMonth(2000, n));
    }

    // A date written as yyyyMMdd ("20240111") among dates: valid, and of a year from 1800 to 2199.
    private static bool IsCompactDate(string value)
    {
        var text = value.AsSpan().Trim();
        if (text.Length != 8 || !int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int whole))
        {
            return false;
        }

        int year = whole / 10000, month = whole / 100 % 100, day = whole % 100;
        return year is >= 1800 and < 2200 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    // One number: a decimal comma ("12,50"), '.' groups with an optional decimal comma ("1.234,56"), space, no-break,
    // narrow-space or apostrophe groups with an optional decimal ("1 234,56", "1'234.50"), each with an optional sign;
    // or a trailing minus ("200-", "1.234,50-"). Around it: one currency sign or code before or after, or a percent sign.
    [GeneratedRegex(@"^\s*(?:(?:[$€£¥₹₽₺₪₫₱฿]|R\$|CHF|EUR|PLN|zł|kr|Kč|Ft)\s*(?:[+-]?(?:\d+,\d+|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:[ \u00a0\u2009\u202f'\u2019]\d{3})+(?:[.,]\d+)?)|(?:\d+|\d{1,3}(?:\.\d{3})+)(?:,\d+)?-)|(?:[+-]?(?:\d+,\d+|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:[ \u00a0\u2009\u202f'\u2019]\d{3})+(?:[.,]\d+)?)|(?:\d+|\d{1,3}(?:\.\d{3})+)(?:,\d+)?-)\s*(?:%|(?:[$€£¥₹₽₺₪₫₱฿]|R\$|CHF|EUR|PLN|zł|kr|Kč|Ft))?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex LocaleNumber();

    // Day, month name and four-digit year in any order a language writes them: "3. März 2024", "12 janv. 2024",
    // "1-Dez-2024", "15 de marzo de 2024"; the date must exist.
    [GeneratedRegex(@"^\s*(?:(?<d>\d{1,2})\.?[\s\-/]+(?:de\s+)?(?<m>\p{L}+)\.?[\s\-/,]+(?:de\s+)?(?<y>\d{4})|(?<m>\p{L}+)\.?[\s\-/]+(?<d>\d{1,2})\.?,?[\s\-/]+(?<y>\d{4})|(?<y>\d{4})[\s\-/]+(?<m>\p{L}+)\.?[\s\-/]+(?<d>\d{1,2})\.?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex WordDate();

    private static bool IsForeignDate(string value)
    {
        var match = WordDate().Match(value);
        if (!match.Success || !MonthNames.TryGetValue(Common.SimpleCase.Lower(match.Groups["m"].Value), out int month))
        {
            return false;
        }

        int day = int.Parse(match.Groups["d"].Value, System.Globalization.CultureInfo.InvariantCulture);
        int year = int.Parse(match.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return year >= 1 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    // Month names and their usual abbreviations in German, French, Spanish, Italian, Portuguese, Dutch and Polish (English
    // ones are read as dates already: MonthNameDate).
    private static readonly Dictionary<string, int> MonthNames = Build(
        ["januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro", "januari", "stycznia", "styczeń", "sty"],
        ["februar", "feber", "février", "févr", "fév", "febrero", "febbraio", "fevereiro", "fev", "februari", "lutego", "luty", "lut"],
        ["märz", "mär", "mrz", "mars", "marzo", "março", "maart", "mrt", "marca", "marzec"],
        ["avril", "avr", "abril", "abr", "aprile", "kwietnia", "kwiecień", "kwi"],
        ["mai", "mayo", "maggio", "mag", "maio", "mei", "maja", "maj"],
        ["juni", "juin", "junio", "giugno", "giu", "junho", "czerwca", "czerwiec", "cze"],
        ["juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipca", "lipiec", "lip"],
        ["août", "aout", "agosto", "ago", "augustus", "sierpnia", "sierpień", "sie"],
        ["septembre", "septiembre", "setiembre", "settembre", "set", "setembro", "września", "wrzesień", "wrz"],
        ["oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out", "października", "październik", "paź"],
        ["novembre", "noviembre", "novembro", "listopada", "listopad", "lis"],
        ["dezember", "dez", "décembre", "déc", "diciembre", "dic", "dicembre", "dezembro", "grudnia", "grudzień", "gru"]);

    private static Dictionary<string, int> Build(params string[][] months)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int m = 0; m < months.Length; m++)
        {
            foreach (string name in months[m])
            {
                names[name] = m + 1;
            }
        }

        return names;
    }
}
