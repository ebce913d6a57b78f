using System.Buffers;

namespace Agensium.Analysis.Clean;

/// <summary>
/// The fast path of <see cref="DateValues.TryParse"/> for text of digits and the separators '-', '/', '.' only, which
/// no format with a time can match: three digit groups with one separator ("2024-01-31", "1/31/2024", "31.01.2024")
/// give exactly what the date formats give in their order — yyyy-M-d, yyyy/M/d, yyyy.M.d, M/d/yyyy, d/M/yyyy, M-d-yyyy,
/// d-M-yyyy, d.M.yyyy (yyyy is four digits, M and d one or two; with dayFirst the d/M and d-M forms come before their M/d
/// twins) — and anything else of those characters is no date.
/// Other text is left undecided for the full parse.
/// </summary>
internal static class NumericDate
{
    private static readonly SearchValues<char> DigitsAndSeparators = SearchValues.Create("0123456789-/.");
    private static readonly SearchValues<char> Separators = SearchValues.Create("-/.");

    /// <summary>True with the date when <paramref name="value"/> (trimmed) is such a date; <paramref name="decided"/> false when the text has other characters.</summary>
    public static bool TryParse(ReadOnlySpan<char> value, bool dayFirst, out DateTime date, out bool decided)
    {
        date = default;
        decided = !value.ContainsAnyExcept(DigitsAndSeparators);
        int first = value.IndexOfAny(Separators);
        if (!decided || first <= 0)
        {
            return false;
        }

        char separator = value[first];
        int second = value[(first + 1)..].IndexOfAny(Separators);
        if (second <= 0 || value[first + 1 + second] != separator)
        {
            return false;
        }

        second += first + 1;
        var third = value[(second + 1)..];
        if (third.IsEmpty || third.ContainsAny(Separators))
        {
            return false;
        }

        var one = value[..first];
        var two = value[(first + 1)..second];
        if (one.Length == 4 && two.Length <= 2 && third.Length <= 2)
        {
            return Make(Number(one), Number(two), Number(third), out date);
        }

        if (one.Length > 2 || two.Length > 2 || third.Length != 4)
        {
            return false;
        }

        int year = Number(third);
        if (dayFirst || separator == '.')
        {
            return Make(year, Number(two), Number(one), out date) || (separator != '.' && Make(year, Number(one), Number(two), out date));
        }

        return Make(year, Number(one), Number(two), out date) || Make(year, Number(two), Number(one), out date);
    }

    private static bool Make(int year, int month, int day, out DateTime date)
    {
        bool valid = year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
        date = valid ? new DateTime(year, month, day) : default;
        return valid;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        int n = 0;
        foreach (char c in digits)
        {
            n = (n * 10) + (c - '0');
        }

        return n;
    }
}
