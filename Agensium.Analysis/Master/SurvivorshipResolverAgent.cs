using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>
/// survivorship-resolver: clusters rows on identical match-key text (auto: ≤ 3 id/key/code/email/phone/customer/account
/// columns with > 50 % distinct values; none ⇒ singletons; or fuzzy through <see cref="EntityResolver"/>), resolves each
/// conflicting column with its rule (a blank winner or confidence below min_confidence falls back to source_priority
/// when configured; below 0.3 ⇒ unresolved_conflict) and writes one row per cluster with __cluster_id__ and
/// __resolution_confidence__ and __source_count__ (the original rows it merged). Score = resolution%·0.5 + mean confidence·100·0.35 + (1 − unresolved/conflicts)·100·0.15
/// (resolution_weight, confidence_weight, conflict_weight); excellent ≥ 90, good ≥ 75.
/// </summary>
public sealed class SurvivorshipResolverAgent(TimeProvider timeProvider) : IMasterAgent
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "survivorship-resolver";

    /// <summary>Columns this agent appends (and drops from its input when present).</summary>
    public static readonly string[] OutputColumns = ["__cluster_id__", "__resolution_confidence__", SourceCounts.Column];

    /// <summary>Cluster ids are this prefix and the cluster number (cluster_0, cluster_1, …).</summary>
    public const string ClusterIdPrefix = "cluster_";

    /// <inheritdoc/>
    public string Id => AgentId;

    /// <inheritdoc/>
    public string DisplayName => "Survivorship Resolver";

    /// <summary>The agent's score weights and status thresholds (read again by the tool before any agent runs).</summary>
    internal static ScoreSettings Scoring(AgentParameters p) => ScoreSettings.Read(p, 90, 75, ("resolution_weight", 0.5), ("confidence_weight", 0.35), ("conflict_weight", 0.15));

    /// <inheritdoc/>
    public MasterAgentResult Run(MasterTable input, AgentParameters parameters, CancellationToken cancellationToken)
    {
        var draft = new ReportDraft(AgentId, DisplayName, timeProvider);
        var originals = SourceCounts.Of(input);
        var table = input.Without(OutputColumns);
        var settings = SurvivorshipSettings.From(parameters, table);
        var scoring = Scoring(parameters);
        ColumnReferences.AlertMissing(draft, table, "survivorship_rules", settings.Rules.Keys);
        ColumnReferences.AlertMissing(draft, table, parameters, "source_column", "timestamp_column");
        ColumnReferences.AlertMissing(draft, table, "match_key_weights", parameters.GetNumberMap("match_key_weights").Keys);
        ColumnReferences.AlertMissing(draft, table, "validation_patterns", parameters.GetStringMap("validation_patterns").Keys);
        ColumnReferences.AlertMissing(draft, table, "min_length", parameters.GetNumberMap("min_length").Keys);
        ColumnReferences.AlertMissing(draft, table, "allowed_values", (parameters.GetOptionalObject("allowed_values") ?? []).Select(kv => kv.Key));
        ColumnReferences.AlertSourcePriorityWithoutSource(draft, table, parameters, settings.SourceColumn, settings.SourcePriority, settings.DefaultRule, settings.Rules.Values);
        var clusters = settings.Fuzzy && settings.FuzzyFields.Count > 0
            ? Fuzzy(table, settings, cancellationToken)
            : ClusterAssignment.Exact(table, settings.KeyColumns);
        var rules = new ResolverRules(table, settings);
        var members = clusters.Members();
        var picked = new PickedCells(table, members.Count);
        var confidenceColumn = new MasterColumnBuilder(members.Count);
        var ruleOf = Enumerable.Range(0, table.Columns.Count).Select(c => settings.RuleFor(table, c)).ToArray();
        var confidences = new List<double>();
        var candidates = new List<int>();
        var names = NameColumns.Of(table);
        long resolved = 0, unresolved = 0;
        for (int c = 0; c < members.Count; c++)
        {
            if (c % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var cluster = members[c];
            double sum = 0;
            if (cluster.Count == 1)
            {
                // A single row has no conflicts: its cells, every column at confidence 1.
                picked.PickRow(c, cluster[0]);
                sum = table.Columns.Count;
            }

            int firstNameRow = -1, lastNameRow = -1;
            for (int col = 0; col < table.Columns.Count && cluster.Count > 1; col++)
            {
                ClusterCells.NonBlankRows(table, cluster, col, candidates);
                if (ClusterCells.AllAgree(table, candidates, col))
                {
                    int agreed = candidates.Count > 0 ? candidates[0] : cluster[0];
                    firstNameRow = col == names?.First ? agreed : firstNameRow;
                    lastNameRow = col == names?.Last ? agreed : lastNameRow;
                    picked.Pick(c, col, agreed);
                    sum += 1;
                    continue;
                }

                string rule = ruleOf[col];
                var (row, confidence) = rules.Apply(rule, col, candidates);
                if (confidence < settings.MinConfidence && rule != "source_priority" && rules.HasSourcePriority)
                {
                    (row, confidence) = rules.BySource(candidates);
                }

                firstNameRow = col == names?.First ? row : firstNameRow;
                lastNameRow = col == names?.Last ? row : lastNameRow;
                picked.Pick(c, col, row);
                sum += confidence;
                confidences.Add(confidence);
                resolved += confidence >= settings.MinConfidence ? 1 : 0;
                if (confidence < 0.3)
                {
                    unresolved++;
                    draft.RowIssue(cluster[0], table.Columns[col], "unresolved_conflict", "warning",
                        $"Conflict in {table.Columns[col]} resolved by {rule} with confidence {confidence:0.##} only.", table[row, col]);
                }
            }

            if (firstNameRow >= 0 && lastNameRow >= 0)
            {
                picked.Pick(c, names!.Last, names.LastNameRow(table, firstNameRow, lastNameRow)); // swapped names: both from one row
            }

            confidenceColumn.Add(GoldenRecordBuilderAgent.FormatTrust(table.Columns.Count == 0 ? 1 : sum / table.Columns.Count));
        }

        int conflicts = confidences.Count;
        double resolutionPct = conflicts == 0 ? 100 : 100.0 * resolved / conflicts;
        double meanConfidence = conflicts == 0 ? 1 : confidences.Average();
        double score = Rounding.Pct(scoring.Weigh(resolutionPct, meanConfidence * 100, conflicts == 0 ? 100 : 100 - 100.0 * unresolved / conflicts));
        Report(draft, settings, table, members.Count, conflicts, unresolved);
        var metrics = new JsonObject
        {
            ["total_records"] = table.RowCount,
            ["clusters"] = members.Count,
            ["conflicts_found"] = conflicts,
            ["conflicts_resolved"] = resolved,
            ["unresolved_conflicts"] = unresolved,
            ["resolution_rate_pct"] = Rounding.Pct(resolutionPct),
            ["average_confidence"] = Rounding.Stat(meanConfidence),
            ["survivorship_score"] = score,
            ["status"] = scoring.Status(score),
        };
        var data = new JsonObject { ["survivorship_score"] = score, ["matching_mode"] = settings.Fuzzy ? "fuzzy" : "exact" };
        ClusterListing.AddTo(data, members, trusts: null);
        var (defaults, effective) = (SurvivorshipSettings.Defaults(), settings.ToJson(table));
        scoring.AddTo(defaults, effective);
        ReportDraft.AddParameterBlocks(data, defaults, parameters, effective);
        string text = $"Survivorship Resolver merged {table.RowCount} rows into {members.Count} records and resolved {resolved} of {conflicts} conflicts.";
        var sourceCounts = new MasterColumnBuilder(members.Count);
        for (int c = 0; c < members.Count; c++)
        {
            sourceCounts.Add(SourceCounts.Sum(members[c], originals));
        }

        var output = picked.Build(OutputColumns, [MasterColumn.Numbered(ClusterIdPrefix, members.Count), confidenceColumn.Build(), sourceCounts.Build()]);
        return new MasterAgentResult(draft.Build(metrics, data, text), output);
    }

    private static ClusterAssignment Fuzzy(MasterTable table, SurvivorshipSettings settings, CancellationToken ct)
    {
        var clusters = new EntityResolver(new RecordMatcher(settings.FuzzyFields), settings.Threshold).Resolve(table, ct);
        AgentGarbage.Release(); // the resolver's prepared fields and blocking index, before the resolved rows are built
        return clusters;
    }

    private static void Report(ReportDraft draft, SurvivorshipSettings settings, MasterTable table, int clusters, int conflicts, long unresolved)
    {
        ColumnReferences.AlertMissing(draft, table, "match_key_columns", settings.MissingKeys);

        if (settings.KeyColumns.Count == 0)
        {
            int copies = table.RowCount - clusters;
            draft.Alert("medium", "matching",
                copies == 0
                    ? "No match key columns: every row is its own cluster."
                    : $"No match key columns: only rows equal in every column were merged ({copies} copies of another row); every other row is its own cluster.",
                0, "Set match_key_columns.");
        }

        if (unresolved > 0)
        {
            draft.Issue("", "unresolved_conflict", "medium", $"{unresolved} conflict(s) resolved with confidence below 0.3.");
            draft.Recommend("", "medium", "Configure source_priority or column rules for the low-confidence conflicts.", "1-2 weeks");
        }

        draft.Card("survivorship_conflicts", "Conflicts Resolved", $"{conflicts - unresolved}/{conflicts}", unresolved == 0 ? "success" : "warning",
            $"{table.RowCount} rows in {clusters} clusters.");
    }
}
