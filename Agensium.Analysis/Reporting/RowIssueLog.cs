using System.Text.Json.Nodes;

namespace Agensium.Analysis.Reporting;

/// <summary>
/// Row-level issues of an agent: every issue is counted (by type, severity, row and column) but only the first
/// <see cref="Cap"/> are kept as report entries.
/// </summary>
public sealed class RowIssueLog(int cap = RowIssueLog.DefaultCap)
{
    /// <summary>AGENSIUM's cap on row-level issues in a report.</summary>
    public const int DefaultCap = 1000;

    /// <summary>The column of an issue about a whole row (a duplicate, an empty or dropped row): no column of the file.</summary>
    public const string WholeRow = "(row)";

    private readonly List<JsonObject> _kept = [];
    private readonly Dictionary<string, long> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _bySeverity = new(StringComparer.Ordinal) { ["critical"] = 0, ["warning"] = 0, ["info"] = 0 };
    private readonly HashSet<string> _columns = new(StringComparer.Ordinal);

    /// <summary>How many entries are kept at most.</summary>
    public int Cap { get; } = cap;

    /// <summary>All issues counted, kept or not.</summary>
    public long Total { get; private set; }

    /// <summary>Rows with at least one issue; callers mark rows here as they count issues.</summary>
    public RowBitmap AffectedRows { get; private set; } = new();

    /// <summary>The kept entries, in the order they were added.</summary>
    public IReadOnlyList<JsonObject> Kept => _kept;

    /// <summary>
    /// How many of each log's kept entries the merged report lists: the logs' entries in run order, the first
    /// <see cref="DefaultCap"/> of them (AGENSIUM section 4), so the JSON and the Excel sheet list the same entries.
    /// </summary>
    public static int[] Listed(IReadOnlyList<RowIssueLog> logs)
    {
        var listed = new int[logs.Count];
        int left = DefaultCap;
        for (int i = 0; i < logs.Count; i++)
        {
            listed[i] = Math.Min(logs[i].Kept.Count, left);
            left -= listed[i];
        }

        return listed;
    }

    /// <summary>Counts by issue type, in first-seen order.</summary>
    public IReadOnlyDictionary<string, long> ByType => _byType;

    /// <summary>Counts by severity (critical, warning, info).</summary>
    public IReadOnlyDictionary<string, long> BySeverity => _bySeverity;

    /// <summary>Columns with at least one issue (<see cref="WholeRow"/> is none).</summary>
    public IReadOnlyCollection<string> Columns => _columns;

    /// <summary>True while another entry would still be kept.</summary>
    public bool HasRoom => _kept.Count < Cap;

    /// <summary>Counts <paramref name="count"/> issues of one type in one column (rows are marked by the caller).</summary>
    public void Count(string column, string issueType, string severity, long count = 1)
    {
        if (count <= 0)
        {
            return;
        }

        Total += count;
        _byType[issueType] = _byType.GetValueOrDefault(issueType) + count;
        _bySeverity[severity] = _bySeverity.GetValueOrDefault(severity) + count;
        if (!string.Equals(column, WholeRow, StringComparison.Ordinal))
        {
            _columns.Add(column);
        }
    }

    /// <summary>Marks <paramref name="columns"/> as columns with an issue (counted apart, <see cref="Count"/> given <see cref="WholeRow"/>).</summary>
    public void MarkColumns(IEnumerable<string> columns)
    {
        foreach (string column in columns)
        {
            MarkColumn(column);
        }
    }

    /// <summary>Marks one column as a column with an issue (<see cref="WholeRow"/> is not a column).</summary>
    public void MarkColumn(string column)
    {
        if (!string.Equals(column, WholeRow, StringComparison.Ordinal))
        {
            _columns.Add(column);
        }
    }

    /// <summary>
    /// Renumbers every row through <paramref name="origin"/> (row of the file the agent read → row of the file the task
    /// was given), so that an agent that ran after rows were removed reports the rows a user can find in their file.
    /// </summary>
    public void Remap(IReadOnlyList<int> origin)
    {
        foreach (var entry in _kept)
        {
            if (entry["row_index"] is { } index && index.GetValue<int>() is var row && row >= 0 && row < origin.Count)
            {
                entry["row_index"] = origin[row];
            }
        }

        AffectedRows = AffectedRows.MapThrough(origin);
    }

    /// <summary>Keeps an entry if there is room; counting is separate (<see cref="Count"/>).</summary>
    public void Keep(int rowIndex, string column, string issueType, string severity, string message, string? value)
    {
        if (!HasRoom)
        {
            return;
        }

        var entry = new JsonObject
        {
            ["row_index"] = rowIndex,
            ["column"] = column,
            ["issue_type"] = issueType,
            ["severity"] = severity,
            ["message"] = message,
        };
        if (value is not null)
        {
            entry["value"] = value;
        }

        _kept.Add(entry);
    }
}
