namespace Agensium.Analysis.Clean;

/// <summary>
/// The columns duplicate-resolver compares by value: every value a number ("1.50" and "1.5", "10" and "10.0" are
/// one value, as pandas' drop_duplicates in AGENSIUM's original sees them once read_csv has made them floats; "1,234" and
/// "1234" too, as type-fixer rewrites them: <see cref="NumberKeys"/>), but not
/// identifiers (ZIP codes, ids, codes, leading zeros: "007" is not "7", <see cref="IdentifierColumns"/>) nor versions
/// ("1.10" is not "1.1").
/// </summary>
internal static class NumberColumns
{
    private static readonly string[] VersionWords = ["version", "ver", "release", "revision", "rev", "build"];

    /// <summary>
    /// False for a column whose numbers are never compared by value, whatever it holds: an identifier or a version.
    /// Which of the others are number columns, and how their cells are read, is <see cref="NumberKeys"/>' business.
    /// </summary>
    public static bool MayCompareByValue(ColumnStats s) => !IdentifierColumns.Holds(s) && !NamesAVersion(s.Name);

    /// <summary>
    /// The canonical text of a plain decimal number: no '+', no trailing zeros of its fraction, no '.' without one,
    /// "0" for a negative zero ("+1.50" → "1.5", "10.0" → "10", "-0.0" → "0"). Exact, never through a double: two texts
    /// have one canonical text only when they write the same decimal value. Anything else (an exponent, groups) as it is.
    /// </summary>
    public static ReadOnlySpan<char> Canonical(ReadOnlySpan<char> value)
    {
        var text = value.Trim();
        bool negative = text.Length > 0 && text[0] == '-';
        var digits = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        int point = digits.IndexOf('.');
        if (digits.Length == 0 || digits.ContainsAnyExcept("0123456789.") || point != digits.LastIndexOf('.') || point == 0)
        {
            return text;
        }

        if (point > 0)
        {
            digits = digits.TrimEnd('0').TrimEnd('.');
        }

        if (!digits.ContainsAnyExcept('0'))
        {
            return "0";
        }

        // The stripped digits are a prefix of those written, so a negative's text is its sign and them.
        return negative ? text[..(1 + digits.Length)] : digits;
    }

    // "version", "app_version", "Build", "rev": a version number is a name, "1.10" after "1.9".
    private static bool NamesAVersion(string name) =>
        name.Split([' ', '_', '-', '.'], StringSplitOptions.RemoveEmptyEntries).Any(w => VersionWords.Contains(Common.SimpleCase.Lower(w), StringComparer.Ordinal))
        || Common.SimpleCase.Lower(name).EndsWith("version", StringComparison.Ordinal);
}
