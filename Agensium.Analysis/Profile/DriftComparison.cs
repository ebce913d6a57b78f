namespace Agensium.Analysis.Profile;

/// <summary>The outcome of comparing a current file with its baseline, column by column.</summary>
internal sealed class DriftComparison
{
    public required TableShape Baseline { get; init; }
    public required TableShape Current { get; init; }
    public required IReadOnlyList<string> Shared { get; init; }
    public required IReadOnlyList<string> Missing { get; init; }
    public required IReadOnlyList<string> New { get; init; }
    public required IReadOnlyList<DriftColumnResult> Analysed { get; init; }
    public required IReadOnlyList<(string Column, long BaselineCount, long CurrentCount)> Skipped { get; init; }

    public IReadOnlyList<DriftColumnResult> Drifted => [.. Analysed.Where(r => r.Drifted)];

    /// <summary>Drifted columns / shared columns (skipped shared columns count in the denominator); 0 without shared columns.</summary>
    public double OverallDriftScore => Shared.Count == 0 ? 0 : (double)Drifted.Count / Shared.Count;

    /// <summary>"warning" when the overall drift score exceeds 0.1, else "success".</summary>
    public string Status => OverallDriftScore > 0.1 ? "warning" : "success";

    /// <summary>Pairs the columns of both files and analyses every shared column that has enough values on both sides.</summary>
    public static DriftComparison Build(
        TableShape baseline, DriftColumnSample[] baselineSamples, TableShape current, DriftColumnSample[] currentSamples, DriftSettings settings)
    {
        var byName = baselineSamples.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var currentNames = current.Columns.ToHashSet(StringComparer.Ordinal);
        var analysed = new List<DriftColumnResult>();
        var skipped = new List<(string, long, long)>();
        var shared = new List<string>();
        foreach (var sample in currentSamples)
        {
            if (!byName.TryGetValue(sample.Name, out var b))
            {
                continue;
            }

            shared.Add(sample.Name);
            if (b.NonNull < settings.MinSampleSize || sample.NonNull < settings.MinSampleSize)
            {
                skipped.Add((sample.Name, b.NonNull, sample.NonNull));
                continue;
            }

            analysed.Add(DriftColumnAnalyzer.Analyze(b, sample, settings));
        }

        return new DriftComparison
        {
            Baseline = baseline,
            Current = current,
            Shared = shared,
            Missing = [.. baseline.Columns.Where(c => !currentNames.Contains(c))],
            New = [.. current.Columns.Where(c => !byName.ContainsKey(c))],
            Analysed = analysed,
            Skipped = skipped,
        };
    }
}
