using System.Globalization;

namespace Agensium.Analysis.Master;

/// <summary>
/// Orders timestamp cells: when both parse as dates (ISO, d-M-yyyy, d/M/yyyy, d.M.yyyy, M/d/yyyy) by time, otherwise
/// as ordinal text. (AGENSIUM's survivorship compares text only, which mis-orders DD-MM-YYYY; parsing is deliberate.)
/// </summary>
public static class TimestampOrder
{
    private static readonly string[] Formats =
    [
        "yyyy-M-d", "yyyy-M-d H:mm", "yyyy-M-d H:mm:ss", "yyyy-M-d'T'H:mm:ss", "yyyy-M-d'T'H:mm:ssK",
        "yyyy-M-d'T'H:mm:ss.FFFFFFF", "yyyy-M-d'T'H:mm:ss.FFFFFFFK", "yyyy/M/d", "d-M-yyyy", "d/M/yyyy", "d.M.yyyy", "M/d/yyyy",
    ];

    /// <summary>Negative when a is older than b, 0 when equal, positive when newer.</summary>
    public static int Compare(string a, string b)
    {
        bool pa = TryParse(a, out var da);
        bool pb = TryParse(b, out var db);
        return pa && pb ? da.CompareTo(db) : string.CompareOrdinal(a.Trim(), b.Trim());
    }

    /// <summary>Parses a date/time cell in one of the supported formats.</summary>
    public static bool TryParse(string value, out DateTime date) =>
        DateTime.TryParseExact(value.Trim(), Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date);
}
