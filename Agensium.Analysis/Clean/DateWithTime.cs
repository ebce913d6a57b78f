using System.Globalization;
using System.Text.RegularExpressions;

namespace Agensium.Analysis.Clean;

/// <summary>
/// A date in any form <see cref="DateValues"/> reads, followed by a time of day that the date's own formats do not
/// carry: a month name with a time ("March 4, 2021 10:00", "04-Mar-2021 11:30 PM") or more digits of a second than
/// .NET keeps ("2024-05-01T10:00:00.111111111", cut to its 7). pandas reads all of these; they were set to null.
/// </summary>
internal static partial class DateWithTime
{
    // "September 30, 2021 11:30:45.123456789 p.m." and some room.
    private const int MaxLength = 48;

    /// <summary>Reads <paramref name="text"/> as a date and a trailing time; false unless both parts read.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, bool dayFirst, out DateTime date)
    {
        date = default;
        // Cheap tests first, for the text cells of every column: a date and a time fit in 48 characters, hold a ':' and
        // end in a digit or an AM/PM mark ("address change requested: …" is a note, not a time).
        if (text.Length is < 12 or > MaxLength || text.IndexOf(':') < 0 || !(char.IsAsciiDigit(text[^1]) || text[^1] is 'M' or 'm' or '.'))
        {
            return false;
        }

        var match = Shape().Match(text.ToString());
        if (!match.Success)
        {
            return false;
        }

        string day = match.Groups["date"].Value;
        if (!DateValues.TryParse(day, out var datePart, dayFirst) || datePart.TimeOfDay != TimeSpan.Zero)
        {
            return false;
        }

        int hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        int minute = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        int second = match.Groups["s"].Success ? int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (match.Groups["ampm"].Success)
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }

            bool pm = Common.SimpleCase.UpperChar(match.Groups["ampm"].Value[0]) == 'P';
            hour = hour % 12 + (pm ? 12 : 0);
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long ticks = 0;
        if (match.Groups["f"].Success)
        {
            string digits = match.Groups["f"].Value;
            ticks = long.Parse(digits.Length >= 7 ? digits[..7] : digits.PadRight(7, '0'), CultureInfo.InvariantCulture);
        }

        date = datePart.Date + new TimeSpan(hour, minute, second) + TimeSpan.FromTicks(ticks);
        return true;
    }

    [GeneratedRegex(@"^(?<date>.+?)[ T](?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2})(?:\.(?<f>\d{1,9}))?)?(?:\s*(?<ampm>[AaPp])\.?[Mm]\.?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
