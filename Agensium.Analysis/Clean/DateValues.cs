using System.Globalization;
using Agensium.Analysis.Common;

namespace Agensium.Analysis.Clean;

/// <summary>
/// Date-like cell parsing for clean agents: ISO, month-first (pandas' default) then day-first numeric forms, with optional
/// time; and dates with an English month name ("March 4, 2021", "04-Mar-2021": <see cref="MonthNameDate"/>). A column whose
/// dates show they are day-first (13/04/2021, and none that can only be month-first) is read day-first throughout
/// (<see cref="ColumnStats.DayFirst"/>). A time with a UTC offset keeps its clock time as written: the date of
/// "2021-12-31T20:00:00-08:00" is 2021-12-31, not the UTC date; a rewritten cell keeps the offset (<see cref="TryRewrite(string?, bool, out string?)"/>).
/// </summary>
public static class DateValues
{
    private static readonly string[] Formats =
    [
        "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "M/d/yyyy", "d/M/yyyy", "M-d-yyyy", "d-M-yyyy", "d.M.yyyy",
        "yyyy-M-d H:mm", "yyyy-M-d H:mm:ss", "yyyy-M-d H:mm:ss.FFFFFFF", "yyyy-M-d'T'H:mm", "yyyy-M-d'T'H:mm:ss",
        "yyyy-M-d'T'H:mm:ss.FFFFFFF", "yyyy-M-d'T'H:mm:ssK", "yyyy-M-d'T'H:mm:ss.FFFFFFFK", "yyyy-M-d H:mm:ssK",
        "yyyy-M-d H:mm:ss.FFFFFFFK", "M/d/yyyy H:mm", "d/M/yyyy H:mm", "M/d/yyyy h:mm tt", "M/d/yyyy H:mm:ss", "d/M/yyyy H:mm:ss",
        "d-M-yyyy H:mm", "d-M-yyyy H:mm:ss", "d.M.yyyy H:mm", "d.M.yyyy H:mm:ss",
    ];

    // The same formats with every day-first form ahead of its month-first twin.
    private static readonly string[] DayFirstFormats = DayFirstOrder(Formats);

    /// <summary>The exact formats tried, in order (the reference the fast path is tested against).</summary>
    public static IReadOnlyList<string> ExactFormats => Formats;

    /// <summary>Parses a date-like cell, month-first unless <paramref name="dayFirst"/>; false for blanks and anything else.</summary>
    public static bool TryParse(string? value, out DateTime date, bool dayFirst = false) => Read(value.AsSpan(), dayFirst, out date);

    // The one reading of a date, for clean-my-data's cells and (IsDate) the profiler's: the profiler had a list of formats of
    // its own without M-d-yyyy, so "12-31-2024" was a date to clean-my-data and text to profile-my-data (s44 review).
    private static bool Read(ReadOnlySpan<char> value, bool dayFirst, out DateTime date)
    {
        date = default;
        var trimmed = value.Trim();
        if (trimmed.IsEmpty)
        {
            return false;
        }

        if (trimmed.Length is >= 8 and <= 35 && char.IsAsciiDigit(trimmed[0]) && PatternValidators.CouldBeDate(trimmed))
        {
            if (NumericDate.TryParse(trimmed, dayFirst, out date, out bool decided)
                || (!decided && (IsoDateTime.TryParse(trimmed, out date, out _) || TryParseExact(trimmed, dayFirst, out date))))
            {
                return true;
            }
        }
        else if (MonthNameDate.TryParse(trimmed, out date))
        {
            return true;
        }

        // A time after a date the formats above read without it ("March 4, 2021 10:00", a 9-digit fraction of a second).
        return DateWithTime.TryParse(trimmed, dayFirst, out date);
    }

    /// <summary>
    /// As <see cref="TryParse"/>, but a time written with a UTC offset is the instant it names (in UTC), so that
    /// "2024-03-10T23:30:00-08:00" is later than "2024-03-11T02:00:00+00:00"; a time without an offset is its clock time.
    /// For ordering timestamps, never for rewriting a cell.
    /// </summary>
    public static bool TryParseMoment(string? value, out DateTime moment, bool dayFirst = false)
    {
        if (!TryParse(value, out moment, dayFirst))
        {
            return false;
        }

        var trimmed = value.AsSpan().Trim();
        if (IsoDateTime.TryParse(trimmed, out _, out var zone))
        {
            moment -= zone ?? TimeSpan.Zero;
        }
        else if (HasOffset(trimmed) && DateTimeOffset.TryParseExact(trimmed, dayFirst ? DayFirstFormats : Formats, CultureInfo.InvariantCulture,
                     DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var written))
        {
            moment = written.UtcDateTime;
        }

        return true;
    }

    /// <summary>
    /// What a numeric date says about its column's order: x/y/yyyy (or x-y-yyyy) with x above 12 can only be day-first,
    /// with y above 12 only month-first; two different numbers up to 12 are ambiguous; anything else says nothing.
    /// </summary>
    public static DateOrder OrderOf(string value)
    {
        var text = value.AsSpan().Trim();
        int end = text.IndexOfAny(' ', 'T');
        text = end < 0 ? text : text[..end];
        int first = text.IndexOfAny('/', '-');
        if (first is < 1 or > 2)
        {
            return DateOrder.Unknown;
        }

        int second = text[(first + 1)..].IndexOf(text[first]);
        if (second is < 1 or > 2 || text.Length - (first + second + 2) != 4
            || !int.TryParse(text[..first], NumberStyles.None, CultureInfo.InvariantCulture, out int a)
            || !int.TryParse(text.Slice(first + 1, second), NumberStyles.None, CultureInfo.InvariantCulture, out int b))
        {
            return DateOrder.Unknown;
        }

        return a > 12 && b <= 12 ? DateOrder.DayFirst
            : b > 12 && a <= 12 ? DateOrder.MonthFirst
            : a is >= 1 and <= 12 && b is >= 1 and <= 12 && a != b ? DateOrder.Ambiguous
            : DateOrder.Unknown;
    }

    /// <summary>True for a numeric date written d.M.yyyy ("01.04.2024", "1.4.2024 10:00"), read day-first whatever the column's order.</summary>
    public static bool IsDotted(string value)
    {
        var text = value.AsSpan().Trim();
        int separator = text.IndexOfAny('.', '/', '-');
        return separator is 1 or 2 && text[separator] == '.' && char.IsAsciiDigit(text[0]);
    }

    /// <summary>True when the dates among <paramref name="values"/> are day-first: some can only be read so, none only month-first.</summary>
    public static bool DayFirstColumn(IEnumerable<string> values)
    {
        bool dayFirst = false;
        foreach (string value in values)
        {
            switch (OrderOf(value))
            {
                case DateOrder.MonthFirst:
                    return false;
                case DateOrder.DayFirst:
                    dayFirst = true;
                    break;
            }
        }

        return dayFirst;
    }

    // Swaps each month-first format with its day-first twin (d and M exchanged in the date part) where both exist.
    private static string[] DayFirstOrder(string[] formats)
    {
        var ordered = (string[])formats.Clone();
        for (int i = 0; i < ordered.Length; i++)
        {
            if (ordered[i].StartsWith('M'))
            {
                string date = ordered[i].Split(' ')[0];
                string twin = string.Concat(date.Select(c => c == 'M' ? 'd' : c == 'd' ? 'M' : c)) + ordered[i][date.Length..];
                int j = Array.IndexOf(ordered, twin, i + 1);
                if (j > i)
                {
                    (ordered[i], ordered[j]) = (ordered[j], ordered[i]);
                }
            }
        }

        return ordered;
    }

    // The clock time as written: an offset is read (so "…-08:00" parses) but the value is not moved to UTC.
    private static bool TryParseExact(ReadOnlySpan<char> value, bool dayFirst, out DateTime date)
    {
        bool parsed = DateTimeOffset.TryParseExact(value, dayFirst ? DayFirstFormats : Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var moment);
        date = parsed ? moment.DateTime : default;
        return parsed;
    }

    /// <summary>
    /// The cell rewritten as clean-my-data writes dates: yyyy-MM-dd, with the time of day when it has one
    /// (<see cref="FormatDateTime"/>), and with its UTC offset when it was written with one ("2021-12-31T20:00:00-08:00"
    /// → "2021-12-31 20:00:00-08:00", "…Z" → "…+00:00", as pandas writes an offset-aware time): dropping the offset
    /// would move the moment by hours. False when the cell is no date.
    /// </summary>
    public static bool TryRewrite(string? value, bool dayFirst, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text) =>
        TryRewrite(value, dayFirst, withTime: false, out text);

    /// <summary>
    /// As <see cref="TryRewrite(string?, bool, out string?)"/>; with <paramref name="withTime"/> (a column whose dates
    /// carry times of day) a midnight or a date alone is written with its time too, "2024-05-01 00:00:00", as pandas
    /// writes a column of timestamps: one format in the column, not a time on some rows only.
    /// </summary>
    public static bool TryRewrite(string? value, bool dayFirst, bool withTime, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
    {
        text = null;
        if (IsoDateTime.TryParse(value.AsSpan().Trim(), out var clock, out var offset))
        {
            // The commonest shape ("2016-12-09T16:11:18Z") read once, as the exact formats read it.
            text = offset is { } zone ? WithOffset(clock, zone) : FormatDateTime(clock, withTime);
            return true;
        }

        if (!TryParse(value, out var date, dayFirst))
        {
            return false;
        }

        var trimmed = value.AsSpan().Trim();
        if (!HasOffset(trimmed) || !DateTimeOffset.TryParseExact(trimmed, dayFirst ? DayFirstFormats : Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var moment))
        {
            text = FormatDateTime(date, withTime);
            return true;
        }

        text = WithOffset(date, moment.Offset);
        return true;
    }

    // "yyyy-MM-dd HH:mm:ss[.FFFFFFF]±hh:mm", as pandas writes an offset-aware time.
    private static string WithOffset(DateTime clock, TimeSpan offset)
    {
        string format = clock.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.FFFFFFF";
        return clock.ToString(format, CultureInfo.InvariantCulture) + (offset < TimeSpan.Zero ? "-" : "+")
            + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>True when the value writes a UTC offset after its time of day ("…T06:51:15Z", "… 10:00+02:00").</summary>
    internal static bool WritesOffset(string value) => HasOffset(value.AsSpan().Trim());

    // An offset (Z, +hh:mm, -hh:mm) can only follow the time of day: after the 'T' or the space that ends the date.
    private static bool HasOffset(ReadOnlySpan<char> text)
    {
        int time = text.IndexOfAny('T', 't', ' ');
        return time > 0 && text[(time + 1)..].IndexOfAny("Zz+-") >= 0;
    }

    /// <summary>True when <paramref name="value"/> parses as a date.</summary>
    public static bool IsDate(string? value) => TryParse(value, out _);

    /// <summary>
    /// True when <paramref name="value"/> parses as a date, in either order of day and month: what every tool counts as a
    /// date (the profiler through <see cref="Common.PatternValidators.IsDate"/>).
    /// </summary>
    public static bool IsDate(ReadOnlySpan<char> value) => Read(value, dayFirst: false, out _);

    /// <summary>yyyy-MM-dd.</summary>
    public static string FormatDate(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>yyyy-MM-dd, or yyyy-MM-dd HH:mm:ss when the value has a time of day or <paramref name="withTime"/> (with its fraction of a second, if any).</summary>
    public static string FormatDateTime(DateTime date, bool withTime = false) =>
        date.TimeOfDay == TimeSpan.Zero && !withTime ? FormatDate(date)
        : date.Ticks % TimeSpan.TicksPerSecond == 0 ? date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : date.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
