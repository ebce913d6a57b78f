namespace Agensium.Analysis.Input;

/// <summary>Picks the field delimiter of a CSV file from its header line.</summary>
public static class DelimiterDetector
{
    /// <summary>Candidate delimiters; on a tie the earlier one wins.</summary>
    public static ReadOnlySpan<char> Candidates => [',', ';', '\t', '|'];

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
