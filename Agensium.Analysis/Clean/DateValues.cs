using System.Globalization;
using Agensium.Analysis.Common;

namespace Agensium.Analysis.Clean;

/// <summary>
/// Date-like cell parsing for clean agents: ISO, month-first (pandas' default) then day-first numeric forms, with optional
/// time; and dates with an English month name ("March 4, 2021", "04-Mar-2021": <see cref="MonthNameDate"/>).
/// </summary>
public static class DateValues
{
    private static readonly string[] Formats =
    [
        "yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "M/d/yyyy", "d/M/yyyy", "M-d-yyyy", "d-M-yyyy", "d.M.yyyy",
        "yyyy-M-d H:mm", "yyyy-M-d H:mm:ss", "yyyy-M-d H:mm:ss.FFFFFFF", "yyyy-M-d'T'H:mm", "yyyy-M-d'T'H:mm:ss",
        "yyyy-M-d'T'H:mm:ss.FFFFFFF", "yyyy-M-d'T'H:mm:ssK", "yyyy-M-d'T'H:mm:ss.FFFFFFFK",
        "M/d/yyyy H:mm", "d/M/yyyy H:mm", "M/d/yyyy h:mm tt", "M/d/yyyy H:mm:ss", "d/M/yyyy H:mm:ss",
        "d-M-yyyy H:mm", "d-M-yyyy H:mm:ss",
    ];

    /// <summary>The exact formats tried, in order (the reference the fast path is tested against).</summary>
    public static IReadOnlyList<string> ExactFormats => Formats;

    /// <summary>Parses a date-like cell; false for blanks and anything else.</summary>
    public static bool TryParse(string? value, out DateTime date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var trimmed = value.AsSpan().Trim();
        if (trimmed.Length is >= 8 and <= 35 && char.IsAsciiDigit(trimmed[0]) && PatternValidators.CouldBeDate(trimmed))
        {
            return NumericDate.TryParse(trimmed, out date, out bool decided) || (!decided && TryParseExact(trimmed, out date));
        }

        return MonthNameDate.TryParse(trimmed, out date);
    }

    private static bool TryParseExact(ReadOnlySpan<char> value, out DateTime date) =>
        DateTime.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal, out date);

    /// <summary>True when <paramref name="value"/> parses as a date.</summary>
    public static bool IsDate(string? value) => TryParse(value, out _);

    /// <summary>yyyy-MM-dd.</summary>
    public static string FormatDate(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>yyyy-MM-dd, or yyyy-MM-dd HH:mm:ss when the value has a time of day.</summary>
    public static string FormatDateTime(DateTime date) =>
        date.TimeOfDay == TimeSpan.Zero ? FormatDate(date) : date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
