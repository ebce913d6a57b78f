namespace Agensium.Analysis.Clean;

/// <summary>The merge and write passes of duplicate-resolver.</summary>
internal static class DuplicateWriter
{
    /// <summary>remove_duplicates in one pass: detects duplicates and writes the first row of each key as it meets them; logs each dropped row.</summary>
    public static (DuplicateScan Scan, FileProfile Profile) Dedupe(CleanAgentContext context, IReadOnlyList<int> keys, CleanReport report, CancellationToken ct)
    {
        using var rows = RowScan.Open(context.Current);
        using var writer = new CsvFileWriter(context.OutputPath, rows.Columns);
        var scan = new DuplicateScan(rows.Columns, keys);
        foreach (var (row, fields) in rows.Rows(ct))
        {
            int first = scan.See(row, fields);
            if (first == row)
            {
                writer.WriteRow(fields, row);
                continue;
            }

            report.RowIssue(row, "(row)", "duplicate_row", "warning", $"Row {context.OriginalRow(row)} duplicates row {context.OriginalRow(first)} and was removed", null);
        }

        return (scan, writer.Profile);
    }

    /// <summary>merge_smart: for every group of two or more rows, the first value per column that is neither blank nor a null token (only those groups are held in memory).</summary>
    public static Dictionary<UInt128, string[]> Merge(InputFile file, DuplicateScan scan, CancellationToken ct)
    {
        var merged = new Dictionary<UInt128, string[]>();
        using var rows = RowScan.Open(file);
        foreach (var (_, fields) in rows.Rows(ct))
        {
            var key = scan.KeyOf(fields);
            if (scan.Groups[key].Count < 2)
            {
                continue;
            }

            if (!merged.TryGetValue(key, out var values))
            {
                merged[key] = [.. fields];
                continue;
            }

            for (int i = 0; i < values.Length; i++)
            {
                // A null token (N/A, -) is no value: a later row's real one wins over it.
                if (CellValues.IsMissing(values[i].AsSpan()) && !CellValues.IsMissing(fields[i].AsSpan()))
                {
                    values[i] = fields[i];
                }
            }
        }

        return merged;
    }

    /// <summary>merge_smart's write pass: the first row of each key, merged when <paramref name="merged"/> holds it; logs each dropped row. Returns the written file's profile.</summary>
    public static FileProfile Write(CleanAgentContext context, DuplicateScan scan,
        Dictionary<UInt128, string[]> merged, CleanReport report, CancellationToken ct)
    {
        using var rows = RowScan.Open(context.Current);
        using var writer = new CsvFileWriter(context.OutputPath, rows.Columns);
        foreach (var (row, fields) in rows.Rows(ct))
        {
            var key = scan.KeyOf(fields);
            var group = scan.Groups[key];
            if (group.First == row)
            {
                writer.WriteRow(merged.TryGetValue(key, out var values) ? values : fields, row);
                continue;
            }

            report.RowIssue(row, "(row)", "duplicate_row", "warning", $"Row {context.OriginalRow(row)} duplicates row {context.OriginalRow(group.First)} and was removed", null);
        }

        return writer.Profile;
    }
}
