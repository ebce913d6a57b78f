namespace Agensium.Analysis.Master;

/// <summary>String similarity measures used by entity resolution, implemented from their published definitions.</summary>
public static class StringSimilarity
{
    /// <summary>Jaro similarity 0–1 (match window max(|a|,|b|)/2 − 1, half-transpositions).</summary>
    public static double Jaro(string a, string b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 1;
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        int window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        Span<bool> aMatched = a.Length <= 256 ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bMatched = b.Length <= 256 ? stackalloc bool[b.Length] : new bool[b.Length];
        int matches = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int from = Math.Max(0, i - window);
            int to = Math.Min(b.Length - 1, i + window);
            for (int j = from; j <= to; j++)
            {
                if (!bMatched[j] && a[i] == b[j])
                {
                    aMatched[i] = bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }

        if (matches == 0)
        {
            return 0;
        }

        int k = 0;
        int halfTranspositions = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
            {
                continue;
            }

            while (!bMatched[k])
            {
                k++;
            }

            if (a[i] != b[k])
            {
                halfTranspositions++;
            }

            k++;
        }

        double m = matches;
        return (m / a.Length + m / b.Length + (m - halfTranspositions / 2) / m) / 3;
    }

    /// <summary>Jaro-Winkler 0–1: Jaro plus 0.1 per common prefix character (at most 4) when Jaro exceeds 0.7.</summary>
    public static double JaroWinkler(string a, string b)
    {
        double jaro = Jaro(a, b);
        if (jaro <= 0.7)
        {
            return jaro;
        }

        int prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix])
        {
            prefix++;
        }

        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /// <summary>Normalised Indel similarity 0–100 like RapidFuzz fuzz.ratio: 100·2·LCS/(|a|+|b|); two empty strings give 100.</summary>
    public static double IndelRatio(string a, string b)
    {
        int total = a.Length + b.Length;
        return total == 0 ? 100 : 100.0 * 2 * LongestCommonSubsequence(a, b) / total;
    }

    /// <summary>Share 0–100 of positions holding the same character, for two strings of equal length.</summary>
    public static double HammingRatio(string a, string b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("Hamming ratio needs strings of equal length.", nameof(b));
        }

        if (a.Length == 0)
        {
            return 100;
        }

        int same = 0;
        for (int i = 0; i < a.Length; i++)
        {
            same += a[i] == b[i] ? 1 : 0;
        }

        return 100.0 * same / a.Length;
    }

    /// <summary>RapidFuzz token_sort_ratio: Indel ratio of the whitespace tokens sorted and re-joined.</summary>
    public static double TokenSortRatio(string a, string b) => IndelRatio(SortTokens(a), SortTokens(b));

    /// <summary>
    /// Length of the longest common subsequence: bit-parallel (Allison–Dix, Hyyrö) when the shorter string has at most 64
    /// characters, else <see cref="LongestCommonSubsequenceTable"/>.
    /// </summary>
    public static int LongestCommonSubsequence(string a, string b)
    {
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }

        return b.Length <= 64 ? BitParallelLcs(a, b) : LongestCommonSubsequenceTable(a, b);
    }

    // One bit per character of b (at most 64): a zero bit j of v after each character of a marks where the LCS of the
    // prefixes grew; the LCS is the number of zero bits among b's. ASCII characters find their positions in a table,
    // others by a look through b.
    private static int BitParallelLcs(string a, string b)
    {
        Span<ulong> ascii = stackalloc ulong[128];
        ascii.Clear();
        for (int j = 0; j < b.Length; j++)
        {
            if (b[j] < 128)
            {
                ascii[b[j]] |= 1UL << j;
            }
        }

        ulong v = ~0UL;
        foreach (char c in a)
        {
            ulong matches = c < 128 ? ascii[c] : Positions(b, c);
            ulong u = v & matches;
            v = (v + u) | (v - u);
        }

        ulong used = b.Length == 64 ? ~0UL : (1UL << b.Length) - 1;
        return System.Numerics.BitOperations.PopCount(~v & used);
    }

    private static ulong Positions(string b, char c)
    {
        ulong mask = 0;
        for (int j = 0; j < b.Length; j++)
        {
            mask |= b[j] == c ? 1UL << j : 0;
        }

        return mask;
    }

    /// <summary>Length of the longest common subsequence (two-row dynamic programme).</summary>
    public static int LongestCommonSubsequenceTable(string a, string b)
    {
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }

        Span<int> previous = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        Span<int> current = b.Length < 256 ? stackalloc int[b.Length + 1] : new int[b.Length + 1];
        previous.Clear();
        current.Clear();
        foreach (char c in a)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = c == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }

    /// <summary>The whitespace tokens of <paramref name="value"/> sorted ordinally and joined by single spaces.</summary>
    public static string SortTokens(string value) =>
        string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
}
