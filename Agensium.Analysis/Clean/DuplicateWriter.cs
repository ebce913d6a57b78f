using Agensium.Analysis.Reporting;

namespace Agensium.Analysis.Clean;

/// <summary>The merge and write passes of duplicate-resolver.</summary>
internal static class DuplicateWriter
{
    /// <summary>remove_duplicates in one pass: detects duplicates and writes the first row of each key as it meets them; logs each dropped row.</summary>
    public static (DuplicateScan Scan, FileProfile Profile) Dedupe(CleanAgentContext context, IReadOnlyList<int> keys, NumberKeys numbers, long? expectedRows, CleanReport report, CancellationToken ct)
    {
        using var rows = RowScan.Open(context.Current);
        using var writer = CsvFileWriter.Over(context, rows);
        var scan = new DuplicateScan(rows.Columns, keys, expectedRows, numbers);
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
    /// merge_smart's first pass: detects duplicates (<see cref="DuplicateScan"/>) and, for every group of two or more
    /// rows, gathers from its later rows the first value per column that is neither blank nor a null token, with the row
    /// it came from (only those groups are held in memory). Returns with the scan the first row of each row's group, so
    /// that the write pass hashes nothing.
    /// </summary>
    public static (DuplicateScan Scan, Dictionary<int, MergedRow> Later, List<int> FirstOf) ScanAndGather(
        InputFile file, IReadOnlyList<int> keys, long? expectedRows, NumberKeys? numbers, CancellationToken ct)
    {
        using var rows = RowScan.Open(file);
        var scan = new DuplicateScan(rows.Columns, keys, expectedRows, numbers);
        var later = new Dictionary<int, MergedRow>();
        var firstOf = new List<int>((int)Math.Clamp(expectedRows ?? 0, 0, 1 << 26));
        rows.Keyer = scan.Keyer();
        foreach (var (row, fields) in rows.Rows(ct))
        {
            int first = scan.See(row, rows.CurrentKeys);
            firstOf.Add(first);
            if (first == row)
            {
                continue;
            }

            if (!later.TryGetValue(first, out var group))
            {
                later[first] = new MergedRow([.. fields], [.. Enumerable.Repeat(row, fields.Length)]);
                continue;
            }

            TakeMissing(group, fields, row);
        }

        return (scan, later, firstOf);
    }

    /// <summary>
    /// merge_smart's write pass: the first row of each group, its blank or null-token values filled from the values its
    /// later rows gave (<see cref="ScanAndGather"/>); logs each value taken and each dropped row. Returns the written file's profile.
    /// </summary>
    public static FileProfile Write(CleanAgentContext context, Dictionary<int, MergedRow> later, List<int> firstOf, CleanReport report, CancellationToken ct)
    {
        using var rows = RowScan.Open(context.Current);
        using var writer = CsvFileWriter.Over(context, rows);
        foreach (var (row, fields) in rows.Rows(ct))
        {
            int first = firstOf[row];
            if (first != row)
            {
                report.RowIssue(row, RowIssueLog.WholeRow, "duplicate_row", "warning", $"Row {context.OriginalRow(row)} duplicates row {context.OriginalRow(first)} and was removed", null);
                continue;
            }

            if (!later.TryGetValue(row, out var others))
            {
                writer.WriteRow(fields, row);
                continue;
            }

            var kept = new MergedRow([.. fields], [.. Enumerable.Repeat(row, fields.Length)]);
            TakeMissing(kept, others.Values, others.From);
            // Each value the kept row took from a duplicate is a change of the data: said cell by cell.
            for (int i = 0; i < fields.Length; i++)
            {
                if (kept.From[i] != row)
                {
                    report.RowIssue(row, rows.Columns[i], "merged_value", "info",
                        $"Row {context.OriginalRow(row)} had no value in '{rows.Columns[i]}' and took it from its duplicate row {context.OriginalRow(kept.From[i])}", kept.Values[i]);
                }
            }

            writer.WriteRow(kept.Values, row);
        }

        return writer.Profile;
    }

    /// <summary>Fills each value of <paramref name="group"/> that is missing with that of <paramref name="fields"/> (of row <paramref name="row"/>) when it is not.</summary>
    internal static void TakeMissing(MergedRow group, string[] fields, int row)
    {
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

    // The same with a value per column from its own row.
    private static void TakeMissing(MergedRow group, string[] fields, int[] from)
    {
        for (int i = 0; i < group.Values.Length; i++)
        {
            if (CellValues.IsMissing(group.Values[i].AsSpan()) && !CellValues.IsMissing(fields[i].AsSpan()))
            {
                group.Values[i] = fields[i];
                group.From[i] = from[i];
            }
        }
    }
}

/// <summary>A merged duplicate group: its values, and for each column the row (of the file merged) the value came from.</summary>
internal sealed record MergedRow(string[] Values, int[] From);
