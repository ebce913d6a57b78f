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

    /// <summary>Percentage points by which a shared column's share of empty values must move to be reported.</summary>
    public const double NullShiftPoints = 10;

    /// <summary>
    /// Shared columns whose share of empty values moved by at least <see cref="NullShiftPoints"/> points (a feed that
    /// stopped filling a column, or one that started): the distribution tests only look at the values that are there.
    /// </summary>
    public required IReadOnlyList<(string Column, double BaselineNullPct, double CurrentNullPct)> NullRateChanges { get; init; }

    /// <summary>Non-null values each side needs before its type is compared (fewer say little about a column's type).</summary>
    public const int TypeChangeMinValues = 10;

    /// <summary>
    /// Shared columns that are numbers on one side and text on the other (each side judged as the distribution tests
    /// judge it, with at least <see cref="TypeChangeMinValues"/> values): a feed that started writing codes where it
    /// wrote amounts, or a column filled from another field. Their distributions are compared as categories, whose
    /// PSI says that they differ but not that the kind of value changed.
    /// </summary>
    public required IReadOnlyList<(string Column, string BaselineType, string CurrentType)> TypeChanges { get; init; }

    /// <summary>
    /// Shared columns whose numbers the two files write in different notations (decimal point, "1,234.56", against
    /// decimal comma, "1.234,56"), each file's by its own values (<see cref="DriftColumnNotation"/>): each side is read
    /// in its own, so the amounts are compared as numbers, and the switch, which breaks a consumer parsing the column,
    /// is listed here: (column, baseline notation, current notation).
    /// </summary>
    public required IReadOnlyList<(string Column, string BaselineNotation, string CurrentNotation)> NotationChanges { get; init; }

    /// <summary>Drifted columns / shared columns (skipped shared columns count in the denominator); 0 without shared columns.</summary>
    public double OverallDriftScore => Shared.Count == 0 ? 0 : (double)Drifted.Count / Shared.Count;

    /// <summary>"warning" when the overall drift score exceeds 0.1, else "success".</summary>
    public string Status => OverallDriftScore > 0.1 ? "warning" : "success";

    /// <summary>
    /// The paired columns, keyed by the current file's name: (baseline sample, current sample). Every finding names a
    /// column as the current (analysed) file does, also when the pair was made ignoring case ("Amount" → "amount").
    /// </summary>
    public required IReadOnlyDictionary<string, (DriftColumnSample Baseline, DriftColumnSample Current)> Pairs { get; init; }

    /// <summary>Columns paired only when case and surrounding spaces are ignored ("Age" and "age "): (baseline name, current name).</summary>
    public required IReadOnlyList<(string Baseline, string Current)> MatchedIgnoringCase { get; init; }

    /// <summary>
    /// Pairs the columns of both files — by exact name, then, for the rest, by name ignoring case and surrounding spaces
    /// when that is unambiguous on both sides (files exported by two systems often differ only so) — and analyses every
    /// shared column that has enough values on both sides.
    /// </summary>
    public static DriftComparison Build(
        TableShape baseline, DriftColumnSample[] baselineSamples, TableShape current, DriftColumnSample[] currentSamples, DriftSettings settings)
    {
        var byName = baselineSamples.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var pairs = new Dictionary<string, (DriftColumnSample Baseline, DriftColumnSample Current)>(StringComparer.Ordinal);
        var byCurrent = new Dictionary<string, DriftColumnSample>(StringComparer.Ordinal); // current name → its baseline
        foreach (var sample in currentSamples)
        {
            if (byName.TryGetValue(sample.Name, out var b))
            {
                pairs[b.Name] = (b, sample);
                byCurrent[sample.Name] = b;
            }
        }

        var loose = new List<(string Baseline, string Current)>();
        var baselineLeft = Unique(baselineSamples.Where(b => !pairs.ContainsKey(b.Name)));
        var currentLeft = Unique(currentSamples.Where(c => !byCurrent.ContainsKey(c.Name)));
        foreach (var (key, c) in currentLeft)
        {
            if (baselineLeft.TryGetValue(key, out var b))
            {
                pairs[b.Name] = (b, c);
                byCurrent[c.Name] = b;
                loose.Add((b.Name, c.Name));
            }
        }

        var notationChanged = new HashSet<string>(StringComparer.Ordinal); // current names
        foreach (var (b, c) in pairs.Values)
        {
            if (DriftColumnNotation.Apply(b, c, baseline.Delimiter == ';', current.Delimiter == ';'))
            {
                notationChanged.Add(c.Name);
            }

            if (DriftColumnSample.BothBooleanWords(b, c))
            {
                b.FoldBooleans();
                c.FoldBooleans();
            }
        }

        var analysed = new List<DriftColumnResult>();
        var skipped = new List<(string, long, long)>();
        var shared = new List<string>();
        foreach (var sample in currentSamples)
        {
            if (!byCurrent.TryGetValue(sample.Name, out var b))
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

        var byCurrentName = pairs.Values.ToDictionary(p => p.Current.Name, StringComparer.Ordinal);
        return new DriftComparison
        {
            Baseline = baseline,
            Current = current,
            Shared = shared,
            Missing = [.. baseline.Columns.Where(c => !pairs.ContainsKey(c))],
            New = [.. current.Columns.Where(c => !byCurrent.ContainsKey(c))],
            Analysed = analysed,
            Skipped = skipped,
            Pairs = byCurrentName,
            MatchedIgnoringCase = loose,
            NullRateChanges = [.. shared.Select(name => (name, NullPct(byCurrentName[name].Baseline, baseline.Rows), NullPct(byCurrentName[name].Current, current.Rows)))
                .Where(n => Math.Abs(n.Item3 - n.Item2) >= NullShiftPoints)],
            TypeChanges = [.. shared.Select(name => byCurrentName[name])
                .Where(p => p.Baseline.NonNull >= TypeChangeMinValues && p.Current.NonNull >= TypeChangeMinValues && p.Baseline.MostlyNumeric != p.Current.MostlyNumeric)
                .Select(p => (p.Current.Name, Kind(p.Baseline), Kind(p.Current)))],
            NotationChanges = [.. shared.Where(notationChanged.Contains).Select(name => byCurrentName[name])
                .Select(p => (p.Current.Name, NotationName(p.Baseline), NotationName(p.Current)))],
        };
    }

    private static string Kind(DriftColumnSample sample) => sample.MostlyNumeric ? "numeric" : "text";

    private static string NotationName(DriftColumnSample sample) => sample.DecimalComma ? "decimal_comma" : "decimal_point";

    private static double NullPct(DriftColumnSample sample, long rows) => rows == 0 ? 0 : 100.0 * (rows - sample.NonNull) / rows;

    // Samples by name without case or surrounding spaces, only those whose loose name is unique among them.
    private static Dictionary<string, DriftColumnSample> Unique(IEnumerable<DriftColumnSample> samples) =>
        samples.GroupBy(s => SimpleCase.Upper(s.Name.Trim()), StringComparer.Ordinal)
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
}
