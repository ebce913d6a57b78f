using Agensium.Analysis.Reporting;

namespace Agensium.Analysis.Clean;

/// <summary>The merge and write passes of duplicate-resolver.</summary>
internal static class DuplicateWriter
{
    /// <summary>remove_duplicates in one pass: detects duplicates and writes the first row of each key as it meets them; logs each dropped row.</summary>
    public static (DuplicateScan Scan, FileProfile Profile) Dedupe(CleanAgentContext context, IReadOnlyList<int> keys, bool[] byValue, CleanReport report, CancellationToken ct)
    {
        using var rows = RowScan.Open(context.Current);
        using var writer = CsvFileWriter.Over(context, rows);
        var scan = new DuplicateScan(rows.Columns, keys, context.CurrentProfile?.Rows, byValue);
        rows.Keyer = scan.Keyer();
        foreach (var (row, fields) in rows.Rows(ct))
        {
            int first = scan.See(row, rows.CurrentKeys);
            if (first == row)
            {
                writer.WriteRow(fields, row);
                continue;
            }

            report.RowIssue(row, RowIssueLog.WholeRow, "duplicate_row", "warning", $"Row {context.OriginalRow(row)} duplicates row {context.OriginalRow(first)} and was removed", null);
        }

        return (scan, writer.Profile);
    }

    /// <summary>
    /// merge_smart: for every group of two or more rows, the first value per column that is neither blank nor a null
    /// token, with the row each value came from (only those groups are held in memory).
    /// </summary>
    public static Dictionary<UInt128, MergedRow> Merge(InputFile file, DuplicateScan scan, CancellationToken ct)
    {
        var merged = new Dictionary<UInt128, MergedRow>();
        using var rows = RowScan.Open(file);
        foreach (var (row, fields) in rows.Rows(ct))
        {
            var key = scan.KeyOf(fields);
            if (scan.Groups[key].Count < 2)
            {
                continue;
            }

            if (!merged.TryGetValue(key, out var group))
            {
                merged[key] = new MergedRow([.. fields], [.. Enumerable.Repeat(row, fields.Length)]);
                continue;
            }

            for (int i = 0; i < group.Values.Length; i++)
            {
                // A null token (N/A, -) is no value: a later row's real one wins over it.
                if (CellValues.IsMissing(group.Values[i].AsSpan()) && !CellValues.IsMissing(fields[i].AsSpan()))
                {
                    group.Values[i] = fields[i];
                    group.From[i] = row;
                }
            }
        }

        return merged;
    }

    /// <summary>merge_smart's write pass: the first row of each key, merged when <paramref name="merged"/> holds it; logs each dropped row. Returns the written file's profile.</summary>
    public static FileProfile Write(CleanAgentContext context, DuplicateScan scan,
        Dictionary<UInt128, MergedRow> merged, CleanReport report, CancellationToken ct)
    {
        using var rows = RowScan.Open(context.Current);
        using var writer = CsvFileWriter.Over(context, rows);
        foreach (var (row, fields) in rows.Rows(ct))
        {
            var key = scan.KeyOf(fields);
            var group = scan.Groups[key];
            if (group.First == row)
            {
                if (merged.TryGetValue(key, out var kept))
                {
                    // Each value the kept row took from a duplicate is a change of the data: said cell by cell.
                    for (int i = 0; i < fields.Length; i++)
                    {
                        if (kept.From[i] != row)
                        {
                            report.RowIssue(row, rows.Columns[i], "merged_value", "info",
                                $"Row {context.OriginalRow(row)} had no value in '{rows.Columns[i]}' and took it from its duplicate row {context.OriginalRow(kept.From[i])}", kept.Values[i]);
                        }
                    }
                }

                writer.WriteRow(kept?.Values ?? fields, row);
                continue;
            }

            report.RowIssue(row, RowIssueLog.WholeRow, "duplicate_row", "warning", $"Row {context.OriginalRow(row)} duplicates row {context.OriginalRow(group.First)} and was removed", null);
        }

        return writer.Profile;
    }
}

/// <summary>A merged duplicate group: its values, and for each column the row (of the file merged) the value came from.</summary>
internal sealed record MergedRow(string[] Values, int[] From);
