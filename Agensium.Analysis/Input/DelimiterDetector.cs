namespace Agensium.Analysis.Input;

/// <summary>Picks the field delimiter of a CSV file from its header line.</summary>
public static class DelimiterDetector
{
    /// <summary>Candidate delimiters; on a tie the earlier one wins.</summary>
    public static ReadOnlySpan<char> Candidates => [',', ';', '\t', '|'];

    /// <summary>
    /// The delimiter named by a spreadsheet's "sep=" first line (Excel writes and reads <c>sep=;</c> as a hint, not
    /// as data): the single character after "sep=" (any case) when the line holds nothing else; null otherwise. A
    /// double quote, white space or a line break is no delimiter.
    /// </summary>
    public static char? SeparatorHint(ReadOnlySpan<char> text)
    {
        if (text.Length < 5 || !text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        char c = text[4];
        var after = text[5..];
        bool lineEnds = after.IsEmpty || after[0] is '\r' or '\n';
        return lineEnds && c != '"' && !char.IsWhiteSpace(c) && !char.IsControl(c) ? c : null;
    }

    /// <summary>
    /// Counts each candidate outside double quotes in the first logical line of <paramref name="text"/>
    /// (a quoted header cell may span lines) and returns the most frequent; comma when none occurs.
    /// A <paramref name="preferred"/> delimiter (tab for a .tsv name) wins whenever it occurs at all.
    /// </summary>
    public static char Detect(ReadOnlySpan<char> text, char? preferred = null)
    {
        Span<int> counts = stackalloc int[Candidates.Length];
        bool inQuotes = false;
        foreach (char c in text)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
                continue;
            }

            if (inQuotes)
            {
                continue;
            }

            if (c is '\r' or '\n')
            {
                break;
            }

            int k = Candidates.IndexOf(c);
            if (k >= 0)
            {
                counts[k]++;
            }
        }

        int preferredIndex = preferred is { } p ? Candidates.IndexOf(p) : -1;
        if (preferredIndex >= 0 && counts[preferredIndex] > 0)
        {
            return Candidates[preferredIndex];
        }

        int best = 0;
        for (int k = 1; k < counts.Length; k++)
        {
            if (counts[k] > counts[best])
            {
                best = k;
            }
        }

        return Candidates[best];
    }
}
