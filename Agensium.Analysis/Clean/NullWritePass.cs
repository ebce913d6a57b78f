using Agensium.Analysis.Reporting;

namespace Agensium.Analysis.Clean;

/// <summary>
/// The write pass of null-handler: normalise tokens, fill, drop columns and (drop_rows) rows still holding a null; write
/// the CSV. Given a <see cref="NullScan"/> to fill, it also counts each normalised cell there before filling it.
/// </summary>
internal sealed class NullWritePass
{
    public long RowsWritten { get; private set; }

    public long RowsDropped { get; private set; }

    public long Filled { get; private set; }

    public long NullsAfter { get; private set; }

    /// <summary>The profile of the written file.</summary>
    public FileProfile? Profile { get; private set; }

    public static NullWritePass Run(CleanAgentContext context, int[] keep, bool[] keepTokens, Dictionary<int, NullFiller> fillers, bool dropRows, NullScan? scan, CleanReport report, CancellationToken ct)
    {
        var pass = new NullWritePass();
        using var rows = RowScan.Open(context.Current);
        // A column whose tokens the user keeps as data holds them as values for every agent after this one too.
        using var writer = CsvFileWriter.Over(context, rows, keep, keepTokens.Any(k => k) ? keepTokens : null);
        foreach (var (row, fields) in rows.Rows(ct))
        {
            scan?.CountRow();
            for (int i = 0; i < fields.Length; i++)
            {
                string raw = fields[i];
                bool token = NullScan.Normalize(fields, i, keepTokens);
                scan?.See(row, i, token, fields[i]);
                if (token)
                {
                    report.RowIssue(row, rows.Columns[i], "null_token_normalized", "info", $"Null token '{raw}' in '{rows.Columns[i]}' set to null", raw);
                }
                else if (raw.Length > 0 && fields[i].Length == 0)
                {
                    // A cell of white space only is a null too, and emptying it changes the file: said like a token.
                    report.RowIssue(row, rows.Columns[i], "whitespace_normalized", "info", $"White space only in '{rows.Columns[i]}' set to null", raw);
                }

                if (fillers.TryGetValue(i, out var filler) && filler.Next(row, fields[i]) is { } fill)
                {
                    fields[i] = fill;
                    pass.Filled++;
                    report.RowIssue(row, rows.Columns[i], "null_imputed", "info", $"Null in '{rows.Columns[i]}' filled", fill);
                }
            }

            long nulls = keep.Count(i => fields[i].Length == 0);
            if (dropRows && nulls > 0)
            {
                pass.RowsDropped++;
                report.RowIssue(row, RowIssueLog.WholeRow, "row_dropped", "warning", $"Row {context.OriginalRow(row)} has {nulls} null cell(s) and was dropped (drop_rows)", null);
                continue;
            }

            pass.NullsAfter += nulls;
            writer.WriteRow(fields, keep, row);
        }

        pass.RowsWritten = writer.RowsWritten;
        pass.Profile = writer.Profile;
        return pass;
    }
}
