namespace Agensium.Analysis.Clean;

/// <summary>
/// What null-handler counts over token-normalised values: per-column stats and null tokens, value frequencies of mode
/// columns, and (row, value) lists of bfill and knn columns. Filled by a pass of its own (<see cref="Run"/>) when a
/// strategy needs the whole column before the first fill, else during the write pass.
/// </summary>
internal sealed class NullScan
{
    private NullScan(IReadOnlyList<string> columns, IReadOnlyDictionary<int, NullStrategy> strategies)
    {
        Columns = [.. columns];
        // Tokens reach the stats only in a column whose tokens the user keeps as data (keep_null_tokens_in).
        Stats = [.. columns.Select((c, i) => new ColumnStats(c, i, strategies.GetValueOrDefault(i)?.Name is "mean" or "median", tokensAreNull: false))];
        Tokens = new long[columns.Count];
        foreach (var (i, s) in strategies)
        {
            if (s.Name == "mode")
            {
                Frequencies[i] = new Dictionary<string, long>(StringComparer.Ordinal);
            }
            else if (s.Name is "bfill" or "knn")
            {
                Present[i] = [];
            }
        }
    }

    // Stats taken from a profile (FromProfile): no strategy needs frequencies or values of its own.
    private NullScan(IReadOnlyList<string> columns, ColumnStats[] stats)
    {
        Columns = [.. columns];
        Stats = stats;
        Tokens = new long[columns.Count];
    }

    public IReadOnlyList<string> Columns { get; }

    public ColumnStats[] Stats { get; }

    public long[] Tokens { get; }

    public long Rows { get; private set; }

    public Dictionary<int, Dictionary<string, long>> Frequencies { get; } = [];

    public Dictionary<int, List<(int Row, string Value)>> Present { get; } = [];

    /// <summary>
    /// Replaces a null token by the empty string (unless <paramref name="keepTokens"/> marks column
    /// <paramref name="i"/>: its tokens are data); returns true when it did. White space only is emptied either way.
    /// </summary>
    public static bool Normalize(string[] fields, int i, bool[] keepTokens)
    {
        if (!(i < keepTokens.Length && keepTokens[i]) && CellValues.IsNullToken(fields[i]))
        {
            fields[i] = "";
            return true;
        }

        if (fields[i].Length > 0 && CellValues.IsBlank(fields[i]))
        {
            fields[i] = "";
        }

        return false;
    }

    /// <summary>An empty scan of <paramref name="columns"/>, to be filled with <see cref="See"/>.</summary>
    public static NullScan Create(IReadOnlyList<string> columns, IReadOnlyDictionary<int, NullStrategy> strategies) => new(columns, strategies);

    /// <summary>
    /// The scan of a file from its <paramref name="profile"/> (the stats an earlier agent handed over), without reading a
    /// row: for strategies that need no pass of their own (<see cref="NullStrategy.NeedsScan"/> false for all). A token
    /// the write pass would normalise is a null of the profile's stats too (a blank cell there) and is among their
    /// <see cref="ColumnStats.NullTokens"/>; no token is a number, so every other figure the write pass would count over
    /// the normalised cells is the profile's. Null when the profile is not of <paramref name="columns"/> or reads a
    /// column's tokens otherwise than <paramref name="keepTokens"/> says (then the write pass counts every cell).
    /// </summary>
    public static NullScan? FromProfile(FileProfile? profile, IReadOnlyList<string> columns, IReadOnlyDictionary<int, NullStrategy> strategies, bool[] keepTokens)
    {
        if (profile is null || strategies.Values.Any(s => s.NeedsScan) || !profile.Columns.SequenceEqual(columns, StringComparer.Ordinal)
            || profile.Stats.Where((s, i) => s.TokensAreNull == keepTokens[i]).Any())
        {
            return null;
        }

        var scan = new NullScan(columns, profile.Stats) { Rows = profile.Rows };
        for (int i = 0; i < scan.Tokens.Length; i++)
        {
            scan.Tokens[i] = profile.Stats[i].TokensAreNull ? profile.Stats[i].NullTokens : 0;
        }

        return scan;
    }

    /// <summary>Scans every row of <paramref name="file"/>.</summary>
    public static NullScan Run(InputFile file, IReadOnlyDictionary<int, NullStrategy> strategies, bool[] keepTokens, CancellationToken ct)
    {
        using var rows = RowScan.Open(file);
        var scan = new NullScan(rows.Columns, strategies);
        foreach (var (row, fields) in rows.Rows(ct))
        {
            scan.CountRow();
            for (int i = 0; i < fields.Length; i++)
            {
                bool token = Normalize(fields, i, keepTokens);
                scan.See(row, i, token, fields[i]);
            }
        }

        return scan;
    }

    public void CountRow() => Rows++;

    /// <summary>Counts the normalised cell <paramref name="value"/> of column <paramref name="i"/> (<paramref name="token"/>: it was a null token).</summary>
    public void See(int row, int i, bool token, string value)
    {
        Tokens[i] += token ? 1 : 0;
        Stats[i].Add(value);
        if (value.Length == 0)
        {
            return;
        }

        if (Frequencies.TryGetValue(i, out var freq))
        {
            freq[value] = freq.GetValueOrDefault(value) + 1;
        }
        else if (Present.TryGetValue(i, out var present))
        {
            present.Add((row, value));
        }
    }
}
