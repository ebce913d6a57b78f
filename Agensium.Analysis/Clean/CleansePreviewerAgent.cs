using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>
/// cleanse-previewer: simulates each of preview_rules independently on the current file (drop_nulls, impute_nulls,
/// remove_outliers by IQR, drop_duplicates with duplicate-resolver's key, drop_columns, convert_types) and rates its impact: high when |Δrows| ≥ 10%
/// or the columns change, medium ≥ 5%, else low. Writes no file. Without preview_rules it previews drop_duplicates,
/// drop_nulls, impute_nulls and remove_outliers over all columns.
/// Score = retention_weight·worst rows kept% + column_weight·worst columns kept%.
/// </summary>
public sealed class CleansePreviewerAgent(TimeProvider timeProvider) : ICleanAgent
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "cleanse-previewer";

    /// <inheritdoc/>
    public string Id => AgentId;

    /// <inheritdoc/>
    public string DisplayName => "Cleanse Previewer";

    /// <summary>Which thread hashes drop_duplicates' keys in the simulations' pass (<see cref="RowScan.Keying"/>): shared by default; the tests force one side.</summary>
    internal RowKeying Keying { get; init; } = RowKeying.Shared;

    /// <summary>The preview rules, score weights and status thresholds; read again by the tool before any agent runs.</summary>
    internal static (IReadOnlyList<PreviewRule> Rules, double[] Weights, double Excellent, double Good) Settings(AgentParameters p) => (
        PreviewRule.From(p),
        p.GetWeights(("retention_weight", 0.7), ("column_weight", 0.3)),
        p.GetDouble("excellent_threshold", 90, 0, 100),
        p.GetDouble("good_threshold", 75, 0, 100, notAbove: "excellent_threshold"));

    /// <inheritdoc/>
    public CleanAgentResult Run(CleanAgentContext context, AgentParameters parameters, CancellationToken cancellationToken)
    {
        var report = new CleanReport(timeProvider, AgentId, DisplayName, "preview");
        var (rules, weights, excellent, good) = Settings(parameters);
        double retentionWeight = weights[0];
        double columnWeight = weights[1];
        var header = context.CurrentProfile?.Columns ?? RowScan.HeaderOf(context.Current);
        parameters.RequireColumns("preview_rules", rules.SelectMany(r => r.Columns), header, context.OriginalColumns);
        // remove_outliers and convert_types read numbers as the agents they predict will, once type-fixer has rewritten
        // them in the file's notation, and drop_duplicates compares the numbers of a number column by value as
        // duplicate-resolver does: that needs the file's profile before the simulations' pass (a pass of its own when no
        // earlier agent handed it over).
        bool readsNumbers = rules.Any(r => r.Rule is "remove_outliers" or "convert_types" or "drop_duplicates");
        var counted = context.CurrentProfile is null && readsNumbers ? Count(context, cancellationToken) : null;
        var stats = (context.CurrentProfile ?? counted)?.Stats;
        bool semicolonFile = stats is not null && context.OriginalDelimiter() == ';';
        var reading = stats is null ? null : TypeFixedNumbers.Of(stats, context.TypeFixing, semicolonFile);
        var numbers = stats is null ? null : NumberKeys.Of(stats, context.TypeFixing, semicolonFile);
        var simulations = rules.Select(r =>
        {
            int[] columns = Columns(r, header);
            var duplicates = r.Rule == "drop_duplicates" ? new DuplicateKey(header.Count, columns, numbers) : null;
            return new PreviewSimulation(r, columns, reading?.Reader, duplicates);
        }).ToList();
        var outlierRules = simulations.Where(s => s.Rule.Rule == "remove_outliers").ToList();
        var numeric = reading is null ? null : new NumericRows([.. outlierRules.SelectMany(s => s.Columns).Distinct()], reading);
        var (scanned, rows) = Scan(context, simulations, numeric, count: stats is null, (context.CurrentProfile ?? counted)?.Rows, Keying, cancellationToken);
        stats ??= scanned!.Stats;
        counted ??= scanned;
        foreach (var sim in outlierRules)
        {
            sim.CountOutliers(numeric!, Fences(sim, stats, numeric!));
        }

        var results = new JsonArray();
        var impacts = new List<string>();
        double worstRows = 100;
        double worstColumns = 100;
        foreach (var sim in simulations)
        {
            var result = sim.Result(rows, header.Count, out string impact);
            results.Add(result);
            impacts.Add(impact);
            worstRows = Math.Min(worstRows, Rounding.Share((long)result["rows_after"]!, rows));
            worstColumns = Math.Min(worstColumns, Rounding.Share((int)result["columns_after"]!, header.Count));
            if (impact != "low")
            {
                report.Findings.Issue(null, "high_impact_rule", impact == "high" ? "high" : "medium",
                    $"{PreviewSimulation.Describe(sim.Rule)} would remove {sim.RowsRemoved} of {rows} rows and leave {result["columns_after"]} of {header.Count} columns ({impact} impact)",
                    $"Review {sim.Rule.Rule} before applying it.");
            }
        }

        double score = CleanScore.Weighted((worstRows, retentionWeight), (worstColumns, columnWeight));
        string status = CleanScore.Status(score, excellent, good);
        int high = impacts.Count(i => i == "high");
        if (high > 0)
        {
            report.Findings.Alert("high_impact", "high", "impact", high, $"{high} previewed rule(s) have high impact", "Apply high-impact rules only after review.");
        }

        var effective = new JsonObject
        {
            ["preview_rules"] = new JsonArray([.. rules.Select(r => (JsonNode)r.ToJson())]),
            ["retention_weight"] = retentionWeight,
            ["column_weight"] = columnWeight,
            ["excellent_threshold"] = excellent,
            ["good_threshold"] = good,
        };
        var defaults = new JsonObject
        {
            ["preview_rules"] = new JsonArray([.. PreviewRule.Defaults().Select(r => (JsonNode)r.ToJson())]),
            ["retention_weight"] = 0.7,
            ["column_weight"] = 0.3,
            ["excellent_threshold"] = 90,
            ["good_threshold"] = 75,
        };
        var data = new JsonObject
        {
            ["previews"] = results,
            ["rows"] = rows,
            ["columns"] = header.Count,
            ["note"] = "each rule is simulated on its own against the current file; drop_duplicates counts the rows duplicate-resolver removes with its defaults (trim, NFC and lower-case of each value, numbers of a number column by value, the rule's columns as key_columns); cells_changed counts nulls that would be filled (impute_nulls) or values that would fail conversion and become null (convert_types)",
            ["score"] = new JsonObject { ["value"] = score, ["status"] = status, ["formula"] = "retention_weight·worst rows kept% + column_weight·worst columns kept%" },
        };
        parameters.Describe(data, defaults, effective);
        var metrics = new JsonObject
        {
            ["total_rows"] = rows,
            ["rules_previewed"] = rules.Count,
            ["high_impact_rules"] = high,
            ["medium_impact_rules"] = impacts.Count(i => i == "medium"),
            ["preview_score"] = score,
            ["status"] = status,
        };
        report.Card("rules", "Rules Previewed", rules.Count.ToString(CultureInfo.InvariantCulture), high == 0 ? "success" : "warning", $"{high} high-impact rule(s).");
        string text = $"Previewed {rules.Count} cleaning rule(s) on {rows} rows: {high} high, {impacts.Count(i => i == "medium")} medium impact; score {Figures.F(score)} ({status}).";
        return new CleanAgentResult(report.Build(metrics, data, score, status, text), null, 0, 0) { InputProfile = counted };
    }

    private static int[] Columns(PreviewRule rule, IReadOnlyList<string> header) =>
        rule.Columns.Count > 0 ? [.. rule.Columns.Select(c => header.ToList().IndexOf(c))] : [.. Enumerable.Range(0, header.Count)];

    // The profile of the current file in a pass of its own (handed on to the next agent); without row keys: the next
    // agent writes a file of its own (whose profile counts them) or counts them itself.
    private static FileProfile Count(CleanAgentContext context, CancellationToken ct)
    {
        using var scan = RowScan.Open(context.Current);
        using var counting = new ProfileBuilder(new FileProfile(scan.Columns, rowKeys: false), readColumns: 0);
        foreach (var (_, fields) in scan.Rows(ct))
        {
            counting.Add(fields);
        }

        return counting.Complete();
    }

    // One pass: every simulation but remove_outliers, the numbers remove_outliers is counted from once its fences are
    // known, and, when <paramref name="count"/> (no rule reads numbers and no earlier agent handed the profile over), the
    // profile of the file, counted on a thread of its own while this one runs the simulations. drop_duplicates' keys are
    // hashed by PreviewKeys on the parsing thread or on this one, whichever is behind (this thread's work per row is
    // lighter than parsing and hashing, so the parser alone set the pace); whether a cell is a null is read once for
    // every rule that asks; <paramref name="expectedRows"/>, when known, makes room for the keys at once.
    private static (FileProfile? Counted, long Rows) Scan(CleanAgentContext context, List<PreviewSimulation> simulations, NumericRows? numeric, bool count, long? expectedRows, RowKeying keying, CancellationToken ct)
    {
        using var scan = RowScan.Open(context.Current);
        using var counting = count ? new ProfileBuilder(new FileProfile(scan.Columns, rowKeys: false), readColumns: 0) : null;
        var keyed = simulations.Where(s => s.Duplicates is not null).ToList();
        int[] slots = [.. simulations.Select(s => keyed.IndexOf(s))];
        if (keyed.Count > 0)
        {
            DuplicateKey[] keys = [.. keyed.Select(s => s.Duplicates!)];
            scan.Keyer = new PreviewKeys(keys);
            scan.CallerKeyer = new PreviewKeys(keys); // a second instance: each keys on one thread
            scan.Keying = keying;
        }

        if (expectedRows is { } expected)
        {
            simulations.ForEach(s => s.Expect(expected));
        }

        int[] nullColumns = [.. simulations.Where(s => s.ReadsNulls).SelectMany(s => s.Columns).Distinct()];
        var missing = new bool[scan.Columns.Count];
        long rows = 0;
        foreach (var (_, fields) in scan.Rows(ct))
        {
            rows++;
            counting?.Add(fields);
            foreach (int c in nullColumns)
            {
                missing[c] = CellValues.IsMissing(fields[c]);
            }

            var keys = scan.CurrentKeys;
            for (int k = 0; k < simulations.Count; k++)
            {
                simulations[k].See(fields, missing, slots[k] < 0 ? default : keys[slots[k]]);
            }

            numeric?.See(fields);
        }

        simulations.ForEach(s => s.CountDuplicates());
        return (counting?.Complete(), rows);
    }

    // The fences outlier-remover would draw over the columns that are all numbers once type-fixer has rewritten them;
    // each column's numbers sorted on a core of its own (the columns are independent; the order of the fences is theirs).
    private static OutlierBounds[] Fences(PreviewSimulation sim, ColumnStats[] stats, NumericRows numeric)
    {
        var settings = OutlierRemoverSettings.Defaults() with { IqrMultiplier = sim.Rule.Multiplier };
        // As outlier-remover: without named columns, identifiers (ZIP codes, ids, phone numbers) are not checked.
        int[] columns = [.. sim.Columns.Where(i => sim.Rule.Columns.Count > 0 || !IdentifierColumns.Holds(stats[i]))];
        var fences = new OutlierBounds?[columns.Length];
        try
        {
            Parallel.For(0, columns.Length, k => fences[k] = numeric.NumbersOf(columns[k]) is { } numbers
                ? OutlierBounds.Compute(stats[columns[k]].Name, columns[k], numbers, settings) : null);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // Out of memory, say, ends the run as it did on one thread: the chain judges the exception itself.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        return [.. fences.OfType<OutlierBounds>()];
    }
}
