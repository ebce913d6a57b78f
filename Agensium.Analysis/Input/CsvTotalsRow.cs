using System.Globalization;
using System.Text;

namespace Agensium.Analysis.Input;

/// <summary>
/// A totals row as a CSV's last table line (a CRM or accounting export's <c>Total,,60</c> above its notes): one cell a
/// totals label (<see cref="SheetFooter.IsTotalLabel"/>), every other filled cell a number, and each number the sum of
/// the numbers above it in its column, at least one of them a true total (<see cref="ColumnSums"/>, as a sheet's foot is
/// judged), and none of them the next step of its column (an id 3 under 1 and 2). Read as a record it was one more customer, vendor or golden record named "Total", and doubled every sum.
/// Stricter than a sheet's rule on purpose: the line may hold no text but its label, so a last record named
/// "Total" (TotalEnergies written short, "Total,Paris,30") that gives anything else in words stays a record. Only the
/// last line is looked at first; the rows above are summed only when it looks like a totals row.
/// </summary>
internal static class CsvTotalsRow
{
    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    /// <summary>The table's last line when it looks like a totals row: where it starts (and where blank rows of
    /// delimiters just above it start, the foot's spacer), and its cells.</summary>
    internal sealed record Candidate(long TableEnd, long LineStart, string[] Cells)
    {
        /// <summary>The row as listed with the notes left out: its filled cells joined by ", ".</summary>
        public string Text => string.Join(", ", Cells.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()));
    }

    /// <summary>
    /// The last line of <paramref name="path"/> before <paramref name="tableEnd"/> when it looks like a totals row (see
    /// the class); null otherwise, or when it cannot be told (a quote left open, a line longer than the bytes read).
    /// </summary>
    public static Candidate? Find(string path, char delimiter, long tableEnd)
    {
        if (delimiter > 0x7F || tableEnd <= 0)
        {
            return null;
        }

        using var file = File.OpenRead(path);
        int size = (int)Math.Min(TrailingNotes.TailBytes, Math.Min(tableEnd, file.Length));
        long start = Math.Min(tableEnd, file.Length) - size;
        byte[] tail = new byte[size];
        file.Seek(start, SeekOrigin.Begin);
        file.ReadExactly(tail);
        var lines = LastLines(tail);
        if (lines.Count == 0 || (lines[^1].Start == 0 && start > 0))
        {
            return null;
        }

        var (lineStart, lineEnd) = lines[^1];
        string? text = Decode(tail.AsSpan(lineStart, lineEnd - lineStart));
        if (text is null || Split(text, delimiter) is not { } cells || !LooksLikeTotals(cells, delimiter))
        {
            return null;
        }

        // Rows of delimiters only just above (the export's spacer before its foot) go with it.
        long tableStop = start + lineStart;
        for (int i = lines.Count - 2; i >= 0; i--)
        {
            var line = tail.AsSpan(lines[i].Start, lines[i].End - lines[i].Start);
            if (line.IndexOfAnyExcept((byte)delimiter, (byte)' ', (byte)'\t') >= 0 || (lines[i].Start == 0 && start > 0))
            {
                break;
            }

            tableStop = start + lines[i].Start;
        }

        return new Candidate(tableStop, start + lineStart, cells);
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> is the totals of <paramref name="rows"/> (the table's rows above it, as read):
    /// two rows or more above it, each of its numbers its column's sum, one of them a true total.
    /// </summary>
    public static bool Confirm(Candidate candidate, CsvTableReader rows, char delimiter)
    {
        var plain = new List<ColumnSums>();
        var comma = new List<ColumnSums>();
        int count = 0;
        while (rows.Read())
        {
            count++;
            for (int c = 0; c < candidate.Cells.Length && c < rows.Columns.Count; c++)
            {
                if (string.IsNullOrWhiteSpace(candidate.Cells[c]))
                {
                    continue;
                }

                while (plain.Count <= c)
                {
                    plain.Add(new ColumnSums(cell => Number(cell, false)));
                    comma.Add(new ColumnSums(cell => Number(cell, true)));
                }

                string cell = rows.GetField(c).ToString();
                plain[c].Add(cell);
                if (delimiter != ',')
                {
                    comma[c].Add(cell);
                }
            }
        }

        return count >= 2 && (SumsUp(candidate, plain, false) || (delimiter != ',' && SumsUp(candidate, comma, true)));
    }

    private static bool SumsUp(Candidate candidate, List<ColumnSums> sums, bool decimalComma)
    {
        int totals = 0;
        for (int c = 0; c < candidate.Cells.Length; c++)
        {
            if (Number(candidate.Cells[c], decimalComma) is not { } number)
            {
                continue; // the label, or blank
            }

            // A value that also continues its column's even steps (an id 3 under 1 and 2) may be the next record's:
            // the row is kept, as a last record is worth more than a totals row left in.
            if (c >= sums.Count || !sums[c].IsSum(number, 0.005m) || sums[c].IsNextInSequence(number))
            {
                return false;
            }

            totals += sums[c].IsTotal(number) ? 1 : 0;
        }

        return totals > 0;
    }

    // One label and nothing else in words; a number at least.
    private static bool LooksLikeTotals(string[] cells, char delimiter)
    {
        int labels = 0, numbers = 0;
        foreach (string cell in cells)
        {
            if (string.IsNullOrWhiteSpace(cell))
            {
                continue;
            }

            if (Number(cell, false) is not null || (delimiter != ',' && Number(cell, true) is not null))
            {
                numbers++;
            }
            else if (SheetFooter.IsTotalLabel(cell))
            {
                labels++;
            }
            else
            {
                return false;
            }
        }

        return labels == 1 && numbers > 0;
    }

    /// <summary>A number as an export writes it: "1234.5", "1,234.50", "-3" (or, with <paramref name="decimalComma"/>, "1.234,50"); null otherwise.</summary>
    internal static decimal? Number(string cell, bool decimalComma)
    {
        var text = cell.Trim();
        var format = decimalComma ? DecimalComma : NumberFormatInfo.InvariantInfo;
        return text.Length > 0 && decimal.TryParse(text, NumberStyles.Number, format, out decimal value) ? value : null;
    }

    // The non-blank lines of the tail (start, end), in order; a line cut by the tail's start begins at 0.
    private static List<(int Start, int End)> LastLines(byte[] tail)
    {
        var lines = new List<(int, int)>();
        int lineStart = 0;
        for (int i = 0; i <= tail.Length; i++)
        {
            if (i == tail.Length || tail[i] is (byte)'\n' or (byte)'\r')
            {
                if (tail.AsSpan(lineStart, i - lineStart).IndexOfAnyExcept((byte)' ', (byte)'\t') >= 0)
                {
                    lines.Add((lineStart, i));
                }

                lineStart = i + 1;
            }
        }

        return lines;
    }

    // The cells of one line (quotes and doubled quotes read); null when a quote is left open (the line ends a value
    // spanning lines) or one is misplaced.
    private static string[]? Split(string line, char delimiter)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch != '"')
                {
                    cell.Append(ch);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (ch == '"')
            {
                if (cell.ToString().Trim().Length > 0)
                {
                    return null;
                }

                quoted = true;
            }
            else if (ch == delimiter)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(ch);
            }
        }

        if (quoted)
        {
            return null;
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }

    private static string? Decode(ReadOnlySpan<byte> line)
    {
        try
        {
            return line.IndexOf((byte)0) >= 0 ? null : new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(line).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
