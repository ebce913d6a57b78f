namespace Agensium.Analysis.Clean;

/// <summary>
/// The fast path of the date parsers for the commonest date with a time: yyyy-M-d, 'T' or one space, H:mm, then
/// optionally :ss, a fraction of 1–7 digits and a UTC offset ("Z" or ±hh:mm) after the seconds: "2016-12-09T16:11:18Z",
/// "2021-03-04 09:30", "2021-03-04 09:30:00.5+05:30". Such text gives what the exact formats give (yyyy-M-d H:mm,
/// yyyy-M-d'T'H:mm:ss.FFFFFFFK and their kin), checked by a test against them; it only answers when it is sure the value
/// is such a date, and leaves everything else (other shapes, impossible dates and times, years before 1000) to them.
/// </summary>
internal static class IsoDateTime
{
    /// <summary>True with the clock time as written, and the offset when one is written, when <paramref name="value"/> (trimmed) is such a date.</summary>
    public static bool TryParse(ReadOnlySpan<char> value, out DateTime clock, out TimeSpan? offset)
    {
        clock = default;
        offset = null;
        int at = 0;
        if (!Digits(value, ref at, 4, 4, out int year) || !Char(value, ref at, '-')
            || !Digits(value, ref at, 1, 2, out int month) || !Char(value, ref at, '-')
            || !Digits(value, ref at, 1, 2, out int day)
            || !(Char(value, ref at, 'T') || Char(value, ref at, ' '))
            || !Digits(value, ref at, 1, 2, out int hour) || !Char(value, ref at, ':')
            || !Digits(value, ref at, 2, 2, out int minute))
        {
            return false;
        }

        int second = 0;
        long fractionTicks = 0;
        if (Char(value, ref at, ':'))
        {
            if (!Digits(value, ref at, 2, 2, out second) || !Fraction(value, ref at, out fractionTicks) || !Offset(value, ref at, out offset))
            {
                return false;
            }
        }

        if (at != value.Length || year < 1000 || year > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        clock = new DateTime(year, month, day, hour, minute, second).AddTicks(fractionTicks);
        return true;
    }

    // Optional ".d{1,7}" as ticks; false when a '.' has no digits or more than seven.
    private static bool Fraction(ReadOnlySpan<char> value, ref int at, out long ticks)
    {
        ticks = 0;
        if (!Char(value, ref at, '.'))
        {
            return true;
        }

        int start = at;
        if (!Digits(value, ref at, 1, 7, out int digits))
        {
            return false;
        }

        ticks = digits;
        for (int n = at - start; n < 7; n++)
        {
            ticks *= 10;
        }

        return true;
    }

    // Optional "Z" or ±hh:mm up to 13:59 (the exact parse is left what is rarer or at its limits).
    private static bool Offset(ReadOnlySpan<char> value, ref int at, out TimeSpan? offset)
    {
        offset = null;
        if (Char(value, ref at, 'Z'))
        {
            offset = TimeSpan.Zero;
            return true;
        }

        if (at >= value.Length || value[at] is not ('+' or '-'))
        {
            return true;
        }

        int sign = value[at++] == '-' ? -1 : 1;
        if (!Digits(value, ref at, 2, 2, out int hours) || !Char(value, ref at, ':') || !Digits(value, ref at, 2, 2, out int minutes)
            || hours > 13 || minutes > 59)
        {
            return false;
        }

        offset = sign * new TimeSpan(hours, minutes, 0);
        return true;
    }

    private static bool Char(ReadOnlySpan<char> value, ref int at, char c)
    {
        if (at < value.Length && value[at] == c)
        {
            at++;
            return true;
        }

        return false;
    }

    private static bool Digits(ReadOnlySpan<char> value, ref int at, int min, int max, out int number)
    {
        number = 0;
        int start = at;
        while (at < value.Length && at - start < max && char.IsAsciiDigit(value[at]))
        {
            number = (number * 10) + (value[at++] - '0');
        }

        return at - start >= min && (at >= value.Length || !char.IsAsciiDigit(value[at]));
    }
}
