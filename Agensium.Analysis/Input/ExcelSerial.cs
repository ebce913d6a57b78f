using System.Globalization;

namespace Agensium.Analysis.Input;

/// <summary>What a cell's number format makes of its number.</summary>
internal enum SerialKind
{
    /// <summary>A date, or a date with a time of day.</summary>
    Date,

    /// <summary>A time of day or a duration, with no date part in the format.</summary>
    Time,

    /// <summary>Not a date: an integer shown with leading zeros to a fixed width ("00000": a ZIP code 02134).</summary>
    ZeroPadded,
}

/// <summary>
/// Excel's date serials as text: days since 1899-12-30 with the day's fraction as the time. Excel counts a 29 February
/// 1900 that never was (its serial 60), so serials 1–59 are one day later than OLE dates; a time-only format gives
/// HH:mm:ss (a duration of a day or more: total hours, as [h]:mm:ss shows it).
/// </summary>
internal static class ExcelSerial
{
    /// <summary>The text of <paramref name="serial"/> in a cell of the given kind; null when it is no date or time (kept as the number).</summary>
    public static string? Format(double serial, SerialKind kind)
    {
        if (!double.IsFinite(serial) || serial < 0 || serial >= 2958466)
        {
            return null;
        }

        if (kind == SerialKind.Time || serial < 1)
        {
            long seconds = (long)Math.Round(serial * 86400, MidpointRounding.AwayFromZero);
            return kind == SerialKind.Date && serial == 0 ? null
                : string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
        }

        var date = DateTime.FromOADate(serial < 60 ? serial + 1 : serial);
        date = new DateTime((date.Ticks + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond);
        return date.TimeOfDay == TimeSpan.Zero
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
