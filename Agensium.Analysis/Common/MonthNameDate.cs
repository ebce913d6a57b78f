namespace Agensium.Analysis.Common;

/// <summary>
/// Dates written with an English month name, as spreadsheets and exports often show them: "March 4, 2021",
/// "Mar 4 2021", "4 March 2021", "04-Mar-2021", "2021-Mar-04", optionally after a weekday ("Thu, 04 Mar 2021",
/// "Thursday, March 4, 2021"; a weekday that does not fit the date is no date). The month is its full name or its
/// first three letters ("Sept" too), any case, an abbreviation optionally followed by '.'; the year has four digits
/// (two-digit years are ambiguous and left as text); parts are separated by spaces, commas, '-', '/' or '.'. No time of
/// day. Text that is none of these is rejected at its first word, so checking every cell of a text column is cheap.
/// </summary>
public static class MonthNameDate
{
    private static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly System.Buffers.SearchValues<char> Initials = System.Buffers.SearchValues.Create("jfmasondtw");

    private static readonly string[] Weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    /// <summary>True with the date when <paramref name="value"/> (trimmed) is a month-name date.</summary>
    public static bool TryParse(ReadOnlySpan<char> value, out DateTime date)
    {
        date = default;
        value = value.Trim();
        if (value.Length is < 8 or > 40)
        {
            return false;
        }

        Span<Part> parts = stackalloc Part[5];
        int count = 0;
        int i = 0;
        while (i < value.Length)
        {
            char c = value[i];
            if (IsSeparator(c))
            {
                // Separators go between parts only, one kind of run at a time ("4, 2021", "04-Mar-2021").
                if (count == 0 || !SeparatorRunIsValid(value, ref i))
                {
                    return false;
                }

                continue;
            }

            if (count == parts.Length)
            {
                return false;
            }

            int start = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < value.Length && char.IsAsciiDigit(value[i]))
                {
                    i++;
                }

                parts[count++] = new Part(PartKind.Number, Number(value[start..i]), i - start);
                SkipOrdinalSuffix(value, ref i);
            }
            else if (char.IsAsciiLetter(c))
            {
                while (i < value.Length && char.IsAsciiLetter(value[i]))
                {
                    i++;
                }

                var word = value[start..i];
                int month = NameIndex(word, Months, allowSept: true);
                if (month >= 0)
                {
                    parts[count++] = new Part(PartKind.Month, month + 1, word.Length);
                }
                else
                {
                    // A weekday may only lead; any other word ends the check at once.
                    int weekday = count == 0 ? NameIndex(word, Weekdays, allowSept: false) : -1;
                    if (weekday < 0)
                    {
                        return false;
                    }

                    parts[count++] = new Part(PartKind.Weekday, weekday, word.Length);
                }

                // An abbreviation may end with a dot ("Mar. 4, 2021"); a dot after a full name is a separator anyway.
                if (i < value.Length && value[i] == '.')
                {
                    i++;
                }
            }
            else
            {
                return false;
            }
        }

        int weekdayGiven = -1;
        var rest = parts[..count];
        if (rest.Length > 0 && rest[0].Kind == PartKind.Weekday)
        {
            weekdayGiven = rest[0].Value;
            rest = rest[1..];
        }

        if (rest.Length != 3 || !TryOrder(rest, out int year, out int monthNumber, out int day)
            || year < 1 || day < 1 || day > DateTime.DaysInMonth(year, monthNumber))
        {
            return false;
        }

        date = new DateTime(year, monthNumber, day);
        return weekdayGiven < 0 || (int)date.DayOfWeek == weekdayGiven;
    }

    // Month day year, day month year, or year month day; the day has 1–2 digits, the year 4.
    private static bool TryOrder(ReadOnlySpan<Part> p, out int year, out int month, out int day)
    {
        (year, month, day) = (0, 0, 0);
        if (p[0].Kind == PartKind.Month && IsDay(p[1]) && IsYear(p[2]))
        {
            (month, day, year) = (p[0].Value, p[1].Value, p[2].Value);
        }
        else if (IsDay(p[0]) && p[1].Kind == PartKind.Month && IsYear(p[2]))
        {
            (day, month, year) = (p[0].Value, p[1].Value, p[2].Value);
        }
        else if (IsYear(p[0]) && p[1].Kind == PartKind.Month && IsDay(p[2]))
        {
            (year, month, day) = (p[0].Value, p[1].Value, p[2].Value);
        }
        else
        {
            return false;
        }

        return true;
    }

    // "4th", "1st", "22nd", "3rd": the suffix of a day is skipped (whether it fits the number is not checked).
    private static void SkipOrdinalSuffix(ReadOnlySpan<char> value, ref int i)
    {
        if (i + 2 <= value.Length && (i + 2 == value.Length || !char.IsAsciiLetter(value[i + 2])))
        {
            var suffix = value.Slice(i, 2);
            if (suffix.Equals("st", StringComparison.OrdinalIgnoreCase) || suffix.Equals("nd", StringComparison.OrdinalIgnoreCase)
                || suffix.Equals("rd", StringComparison.OrdinalIgnoreCase) || suffix.Equals("th", StringComparison.OrdinalIgnoreCase))
            {
                i += 2;
            }
        }
    }

    private static bool IsDay(Part p) => p.Kind == PartKind.Number && p.Length <= 2;

    private static bool IsYear(Part p) => p.Kind == PartKind.Number && p.Length == 4;

    private static bool IsSeparator(char c) => c is ' ' or ',' or '-' or '/' or '.' or '\t';

    // One separator run: spaces with at most one comma (", "), or a single '-', '/' or '.'.
    private static bool SeparatorRunIsValid(ReadOnlySpan<char> value, ref int i)
    {
        int commas = 0;
        int marks = 0;
        while (i < value.Length && IsSeparator(value[i]))
        {
            char c = value[i++];
            commas += c == ',' ? 1 : 0;
            marks += c is '-' or '/' or '.' ? 1 : 0;
        }

        return commas + marks <= 1 && i < value.Length;
    }

    // The index of the name the word spells in full or by its first three letters (or "sept"), else −1.
    private static int NameIndex(ReadOnlySpan<char> word, string[] names, bool allowSept)
    {
        // Most words fail on their first letter: no month or weekday starts with it.
        if (word.Length < 3 || !Initials.Contains(char.ToLowerInvariant(word[0])))
        {
            return -1;
        }

        for (int n = 0; n < names.Length; n++)
        {
            var name = names[n].AsSpan();
            if (word.Length <= name.Length && name.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                && (word.Length == 3 || word.Length == name.Length || (allowSept && n == 8 && word.Length == 4)))
            {
                return n;
            }
        }

        return -1;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        if (digits.Length > 4)
        {
            return -1;
        }

        int n = 0;
        foreach (char c in digits)
        {
            n = (n * 10) + (c - '0');
        }

        return n;
    }

    private enum PartKind : byte
    {
        Number,
        Month,
        Weekday,
    }

    private readonly record struct Part(PartKind Kind, int Value, int Length);
}
