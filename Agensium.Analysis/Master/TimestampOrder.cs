namespace Agensium.Analysis.Master;

/// <summary>
/// Orders the timestamp cells of one column for most_recent/freshness survivorship: cells are read as the clean tool
/// reads dates (<see cref="Clean.DateValues"/>: ISO with or without time and offset, kept as written; numeric dates;
/// English month names), day-first when the column's dates show they are (13/04/2024 and none only month-first),
/// else month-first. A cell that is no timestamp ("unknown") is older than any that is; two such cells compare as text.
/// (AGENSIUM's survivorship compares text only, which mis-orders DD-MM-YYYY; parsing is deliberate.)
/// </summary>
public sealed class TimestampOrder
{
    private static readonly string[] Hints = ["updated", "modified", "timestamp", "lastseen"];

    /// <summary>The order of the timestamps of <paramref name="column"/>.</summary>
    public TimestampOrder(MasterColumn column) => DayFirst = column.DayFirstDates;

    /// <summary>True when the column's dates are read day-first.</summary>
    public bool DayFirst { get; }

    /// <summary>Negative when a is older than b, 0 when equal, positive when newer.</summary>
    public int Compare(string a, string b)
    {
        // Instants, so that times written with different UTC offsets compare by when they happened.
        bool pa = Clean.DateValues.TryParseMoment(a, out var da, DayFirst);
        bool pb = Clean.DateValues.TryParseMoment(b, out var db, DayFirst);
        return pa && pb ? da.CompareTo(db)
            : pa != pb ? (pa ? 1 : -1)
            : string.CompareOrdinal(a.Trim(), b.Trim());
    }

    /// <summary>Parses a date/time cell (month-first unless <paramref name="dayFirst"/>).</summary>
    public static bool TryParse(string value, out DateTime date, bool dayFirst = false) => Clean.DateValues.TryParse(value, out date, dayFirst);

    /// <summary>
    /// The timestamp column: <paramref name="name"/> when given, else the first column whose name says it
    /// (updated, modified, timestamp, last seen) and at least half of whose values are dates ("updated_by" holds user
    /// names); −1 when there is none.
    /// </summary>
    public static int FindColumn(MasterTable table, string? name)
    {
        if (!string.IsNullOrEmpty(name))
        {
            return table.Find(name);
        }

        for (int i = 0; i < table.Columns.Count; i++)
        {
            string n = ColumnNames.Normalize(table.Columns[i]);
            if (Hints.Any(n.Contains) && !table.Columns[i].StartsWith("__", StringComparison.Ordinal) && ValueEvidence.Share(table.Column(i), "date") >= 0.5)
            {
                return i;
            }
        }

        return -1;
    }
}
