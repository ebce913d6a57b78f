namespace Agensium.Analysis.Clean;

/// <summary>
/// First pass of duplicate-resolver: exact duplicates (raw text of every column), case variations (equal only after
/// lower+trim), e-mail case variants, conflicting rows (same key, other values differ) and the removal groups on the
/// lower+trim key of the key columns (all columns when none are given).
/// </summary>
internal sealed class DuplicateScan
{
    public long Rows { get; private set; }

    public long ExactDuplicates { get; private set; }

    public long CaseVariations { get; private set; }

    public long ConflictingRows { get; private set; }

    /// <summary>E-mail column → values that repeat an earlier value in another casing.</summary>
    public Dictionary<string, long> EmailCaseVariants { get; } = new(StringComparer.Ordinal);

    /// <summary>Removal key → (first row, rows in the group).</summary>
    public Dictionary<UInt128, (int First, int Count)> Groups { get; } = [];

    public static DuplicateScan Run(InputFile file, IReadOnlyList<int> keyColumns, CancellationToken ct)
    {
        var scan = new DuplicateScan();
        using var rows = RowScan.Open(file);
        int[] all = [.. Enumerable.Range(0, rows.Columns.Count)];
        var emailColumns = all.Where(i => rows.Columns[i].Contains("email", StringComparison.OrdinalIgnoreCase)).ToArray();
        var emails = emailColumns.ToDictionary(i => i, _ => new Dictionary<string, string>(StringComparer.Ordinal));
        foreach (int i in emailColumns)
        {
            scan.EmailCaseVariants[rows.Columns[i]] = 0;
        }

        var rowKey = new RowKey();
        var exact = new HashSet<UInt128>();
        var normalized = new HashSet<UInt128>();
        var fullByKey = new Dictionary<UInt128, UInt128>();
        bool keyed = keyColumns.Count < all.Length;
        foreach (var (row, fields) in rows.Rows(ct))
        {
            scan.Rows++;
            bool newExact = exact.Add(rowKey.Of(fields, all, normalized: false));
            var full = rowKey.Of(fields, all, normalized: true);
            bool newNormalized = normalized.Add(full);
            scan.ExactDuplicates += newExact ? 0 : 1;
            scan.CaseVariations += newExact && !newNormalized ? 1 : 0;
            var key = keyed ? rowKey.Of(fields, keyColumns, normalized: true) : full;
            if (scan.Groups.TryGetValue(key, out var group))
            {
                scan.Groups[key] = (group.First, group.Count + 1);
                scan.ConflictingRows += keyed && fullByKey[key] != full ? 1 : 0;
            }
            else
            {
                scan.Groups[key] = (row, 1);
                if (keyed)
                {
                    fullByKey[key] = full;
                }
            }

            foreach (int i in emailColumns)
            {
                scan.CountEmail(rows.Columns[i], emails[i], fields[i]);
            }
        }

        return scan;
    }

    private void CountEmail(string column, Dictionary<string, string> seen, string value)
    {
        string trimmed = value.Trim();
        if (trimmed.Length == 0)
        {
            return;
        }

        string lower = trimmed.ToLowerInvariant();
        if (!seen.TryAdd(lower, trimmed) && !string.Equals(seen[lower], trimmed, StringComparison.Ordinal))
        {
            EmailCaseVariants[column]++;
        }
    }
}
