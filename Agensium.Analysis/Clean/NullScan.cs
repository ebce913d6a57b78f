namespace Agensium.Analysis.Clean;

/// <summary>
/// First pass of null-handler over token-normalised values: per-column stats and null tokens, value frequencies of
/// mode columns, and (row, value) lists of bfill and knn columns.
/// </summary>
internal sealed class NullScan
{
    public required IReadOnlyList<string> Columns { get; init; }

    public required ColumnStats[] Stats { get; init; }

    public required long[] Tokens { get; init; }

    public long Rows { get; private set; }

    public Dictionary<int, Dictionary<string, long>> Frequencies { get; } = [];

    public Dictionary<int, List<(int Row, string Value)>> Present { get; } = [];

    /// <summary>Replaces a null token by the empty string; returns true when it did.</summary>
    public static bool Normalize(string[] fields, int i)
    {
        if (CellValues.IsNullToken(fields[i]))
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

    public static NullScan Run(InputFile file, IReadOnlyDictionary<int, NullStrategy> strategies, CancellationToken ct)
    {
        using var rows = RowScan.Open(file);
        var scan = new NullScan
        {
            Columns = [.. rows.Columns],
            Stats = [.. rows.Columns.Select((c, i) => new ColumnStats(c, i, strategies.GetValueOrDefault(i)?.Name is "mean" or "median"))],
            Tokens = new long[rows.Columns.Count],
        };
        foreach (var (i, s) in strategies)
        {
            if (s.Name == "mode")
            {
                scan.Frequencies[i] = new Dictionary<string, long>(StringComparer.Ordinal);
            }
            else if (s.Name is "bfill" or "knn")
            {
                scan.Present[i] = [];
            }
        }

        foreach (var (row, fields) in rows.Rows(ct))
        {
            scan.Rows++;
            for (int i = 0; i < fields.Length; i++)
            {
                scan.Tokens[i] += Normalize(fields, i) ? 1 : 0;
                scan.Stats[i].Add(fields[i]);
                if (fields[i].Length == 0)
                {
                    continue;
                }

                if (scan.Frequencies.TryGetValue(i, out var freq))
                {
                    freq[fields[i]] = freq.GetValueOrDefault(fields[i]) + 1;
                }
                else if (scan.Present.TryGetValue(i, out var present))
                {
                    present.Add((row, fields[i]));
                }
            }
        }

        return scan;
    }
}
