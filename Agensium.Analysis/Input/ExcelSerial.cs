using System.Globalization;

namespace Agensium.Analysis.Input;

/// <summary>What a cell's number format makes of its number.</summary>
internal enum SerialKind
{
    /// <summary>A date, or a date with a time of day.</summary>
    Date,

    /// <summary>A time of day (h:mm:ss, h:mm AM/PM): the fraction of the serial, whatever its whole days.</summary>
    Time,

    /// <summary>Elapsed time ([h]:mm:ss): total hours, a day or more included.</summary>
    Duration,

    /// <summary>Not a date: an integer shown in a digit template, with leading zeros ("00000": a ZIP code 02134; "000-00-0000").</summary>
    ZeroPadded,

    /// <summary>Not a date: a number shown as a word by its sign ("TRUE";"TRUE";"FALSE", LibreOffice's booleans).</summary>
    Literal,
}

/// <summary>
/// Excel's date serials as text. In the 1900 date system (the default) a serial counts days since 1899-12-30 with the
/// day's fraction as the time, and Excel counts a 29 February 1900 that never was (its serial 60), so serials 1–59 are
/// one day later than OLE dates; in the 1904 system (date1904, old Mac workbooks) serial 0 is 1904-01-01. A time-of-day
/// format gives HH:mm:ss of the fraction, an elapsed-time format the total hours ([h]:mm:ss shows 36:00:00 for 1.5).
/// </summary>
internal static class ExcelSerial
{
    private static readonly DateTime Epoch1904 = new(1904, 1, 1);

    /// <summary>The 1900 system's serial of 29 February 1900, which Excel counts though the day never was.</summary>
    public const int FictitiousLeapDay = 60;

    /// <summary>The text Excel shows for <see cref="FictitiousLeapDay"/>.</summary>
    public const string FictitiousLeapDayText = "1900-02-29";

    /// <summary>
    /// The text of <paramref name="serial"/> in a cell of the given kind; null when it is no date or time (kept as the
    /// number); empty for <see cref="IsDayZero">day 0</see>.
    /// </summary>
    public static string? Format(double serial, SerialKind kind, bool date1904 = false)
    {
        if (!double.IsFinite(serial) || serial < 0 || serial >= 2958466)
        {
            return null;
        }

        if (IsDayZero(serial, kind, date1904))
        {
            return "";
        }

        if (kind == SerialKind.Duration)
        {
            return Clock((long)Math.Round(serial * 86400, MidpointRounding.AwayFromZero));
        }

        if (kind == SerialKind.Time || (serial < 1 && !date1904))
        {
            long seconds = (long)Math.Round((serial - Math.Floor(serial)) * 86400, MidpointRounding.AwayFromZero) % 86400;
            return Clock(seconds);
        }

        if (!date1904 && Math.Floor(serial) == FictitiousLeapDay)
        {
            // Excel shows 1900-02-29, a day that never was; no DateTime holds it. Written as Excel shows it (it was
            // 1900-02-28, as serial 59 is: two cells one date), text a date check will not take for a real date.
            string time = Text(DateTime.FromOADate(serial - Math.Floor(serial)))[10..];
            return FictitiousLeapDayText + time;
        }

        var date = date1904 ? Epoch1904.AddDays(serial) : DateTime.FromOADate(serial < 60 ? serial + 1 : serial);
        return date.Year > 9999 ? null : Text(date);
    }

    /// <summary>
    /// Whether a date cell holds the 1900 system's serial 0, which Excel shows as 1900-01-00, a day that never was: what a
    /// date formula shows for a blank cell or a lookup that found nothing (=A2 of an empty A2). No date, and no number
    /// either in a date column: a missing value, written empty (the 1904 system's serial 0 is 1904-01-01, a real day).
    /// </summary>
    public static bool IsDayZero(double serial, SerialKind kind, bool date1904) => kind == SerialKind.Date && serial == 0 && !date1904;

    /// <summary>yyyy-MM-dd, with HH:mm:ss when the time (rounded to the second) is not midnight.</summary>
    public static string Text(DateTime date)
    {
        date = new DateTime((date.Ticks + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
        return date.TimeOfDay == TimeSpan.Zero
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    private static string Clock(long seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
}
