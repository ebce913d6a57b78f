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

    // The index of the name the word spells in full or by its first three letters (or "sept"), else −1. Most words
    // are settled by their first three letters alone: no month or weekday starts with them.
    private static int NameIndex(ReadOnlySpan<char> word, string[] names, bool allowSept)
    {
        if (word.Length is < 3 or > 9)
        {
            return -1;
        }

        int n = Prefix(word) switch
        {
            Jan or Sun => 0, Feb or Mon => 1, Mar or Tue => 2, Apr or Wed => 3, May or Thu => 4, Jun or Fri => 5,
            Jul or Sat => 6, Aug => 7, Sep => 8, Oct => 9, Nov => 10, Dec => 11, _ => -1,
        };
        if (n < 0 || n >= names.Length)
        {
            return -1;
        }

        var name = names[n].AsSpan();
        bool spelt = word.Length <= name.Length && name.StartsWith(word, StringComparison.OrdinalIgnoreCase)
            && (word.Length == 3 || word.Length == name.Length || (allowSept && n == 8 && word.Length == 4));
        return spelt ? n : -1;
    }

    // The first three letters, lower-cased, packed: the first three of a month and of a weekday never coincide.
    private static int Prefix(ReadOnlySpan<char> word) =>
        (SimpleCase.LowerChar(word[0]) << 16) | (SimpleCase.LowerChar(word[1]) << 8) | SimpleCase.LowerChar(word[2]);

    private const int Jan = ('j' << 16) | ('a' << 8) | 'n', Feb = ('f' << 16) | ('e' << 8) | 'b', Mar = ('m' << 16) | ('a' << 8) | 'r';
    private const int Apr = ('a' << 16) | ('p' << 8) | 'r', May = ('m' << 16) | ('a' << 8) | 'y', Jun = ('j' << 16) | ('u' << 8) | 'n';
    private const int Jul = ('j' << 16) | ('u' << 8) | 'l', Aug = ('a' << 16) | ('u' << 8) | 'g', Sep = ('s' << 16) | ('e' << 8) | 'p';
    private const int Oct = ('o' << 16) | ('c' << 8) | 't', Nov = ('n' << 16) | ('o' << 8) | 'v', Dec = ('d' << 16) | ('e' << 8) | 'c';
    private const int Sun = ('s' << 16) | ('u' << 8) | 'n', Mon = ('m' << 16) | ('o' << 8) | 'n', Tue = ('t' << 16) | ('u' << 8) | 'e';
    private const int Wed = ('w' << 16) | ('e' << 8) | 'd', Thu = ('t' << 16) | ('h' << 8) | 'u', Fri = ('f' << 16) | ('r' << 8) | 'i';
    private const int Sat = ('s' << 16) | ('a' << 8) | 't';

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
