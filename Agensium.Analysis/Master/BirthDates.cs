namespace Agensium.Analysis.Master;

/// <summary>
/// Comparable form of a birth date for matching: "yyyy:a:b" with a ≤ b the day and month numbers, so that the same
/// date written day-first or month-first (and a day/month swap, the commonest date-entry error) compares equal.
/// Reads y-m-d (separators - / . or none: yyyymmdd), d/m/y and m/d/y with four-digit years (or two-digit years: the
/// latest such year not after the current one, a birth date being in the past), d-Mon-yyyy, "d Month yyyy"
/// and "Month d, yyyy" (English month names or their first three letters). Anything else, an impossible date (Feb 30,
/// month 13) or a year outside 1900–2100 gives "" (no evidence).
/// </summary>
public static class BirthDates
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>The comparable form of <paramref name="value"/>, or "" when it is not a readable date.</summary>
    public static string Normalize(string value)
    {
        Span<int> numbers = stackalloc int[3];
        Span<int> widths = stackalloc int[3];
        int count = 0;
        int month = 0;
        var text = value.AsSpan().Trim();
        for (int i = 0; i < text.Length;)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                int start = i;
                int n = 0;
                while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 9)
                {
                    n = n * 10 + (text[i++] - '0');
                }

                if (count == 3)
                {
                    return "";
                }

                numbers[count] = n;
                widths[count++] = i - start;
            }
            else if (char.IsAsciiLetter(text[i]))
            {
                int start = i;
                while (i < text.Length && char.IsAsciiLetter(text[i]))
                {
                    i++;
                }

                if (month != 0 || i - start < 3)
                {
                    return "";
                }

                month = MonthOf(text[start..i]);
                if (month == 0)
                {
                    return "";
                }
            }
            else
            {
                i++;
            }
        }

        if (month != 0)
        {
            // d Mon yyyy or Mon d, yyyy: one day and one four-digit year.
            return count == 2 && widths[1] == 4 ? Format(numbers[1], month, numbers[0]) : "";
        }

        if (count == 1 && widths[0] == 8)
        {
            int n = numbers[0];
            return Format(n / 10000, n / 100 % 100, n % 100);
        }

        if (count != 3)
        {
            return "";
        }

        if (widths[0] == 4)
        {
            return Format(numbers[0], numbers[1], numbers[2]);
        }

        if (widths[2] == 2 && widths[0] <= 2 && widths[1] <= 2)
        {
            // d/m/yy or m/d/yy: a birth date is in the past, so the latest such year not after this one.
            int thisYear = DateTime.UtcNow.Year;
            int year = thisYear / 100 * 100 + numbers[2];
            numbers[2] = year > thisYear ? year - 100 : year;
            widths[2] = 4;
        }

        // d/m/yyyy or m/d/yyyy: which is which does not matter for the comparable form, only that some order is a date.
        return widths[2] == 4 ? Format(numbers[2], numbers[1], numbers[0]) is { Length: > 0 } a ? a : Format(numbers[2], numbers[0], numbers[1]) : "";
    }

    private static int MonthOf(ReadOnlySpan<char> word)
    {
        for (int m = 0; m < Months.Length; m++)
        {
            if (word.StartsWith(Months[m], StringComparison.OrdinalIgnoreCase))
            {
                return m + 1;
            }
        }

        return 0;
    }

    private static string Format(int year, int month, int day)
    {
        if (year is < 1900 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return "";
        }

        int low = Math.Min(day, month);
        int high = Math.Max(day, month);
        return $"{year:0000}:{low:00}:{high:00}";
    }
}
