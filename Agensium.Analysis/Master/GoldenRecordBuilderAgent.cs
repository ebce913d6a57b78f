using System.Globalization;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>
/// golden-record-builder: clusters rows (exact on trimmed match-key text, or fuzzy through the blocked
/// <see cref="EntityResolver"/>), applies per-column survivorship and writes one golden row per cluster with
/// __cluster_id__, __trust_score__ and __source_count__.
/// </summary>
public sealed class GoldenRecordBuilderAgent(TimeProvider timeProvider) : IMasterAgent
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "golden-record-builder";

    /// <summary>Columns this agent appends (and drops from its input when present).</summary>
    public static readonly string[] OutputColumns = ["__cluster_id__", "__trust_score__", "__source_count__"];

    /// <inheritdoc/>
    public string Id => AgentId;

    /// <inheritdoc/>
    public string DisplayName => "Golden Record Builder";

    /// <summary>The agent's score weights and status thresholds (read again by the tool before any agent runs).</summary>
    internal static ScoreSettings Scoring(AgentParameters p) => ScoreSettings.Read(p, 90, 75, ("trust_weight", 0.4), ("consolidation_weight", 0.3), ("base_weight", 0.3));

    /// <inheritdoc/>
    public MasterAgentResult Run(MasterTable input, AgentParameters parameters, CancellationToken cancellationToken)
    {
        var draft = new ReportDraft(AgentId, DisplayName, timeProvider);
        var originals = SourceCounts.Of(input);
        var table = input.Without(OutputColumns);
        var settings = GoldenSettings.From(parameters, table);
        var scoring = Scoring(parameters);
        ColumnReferences.AlertMissing(draft, table, "survivorship_rules", settings.Rules.Keys);
        ColumnReferences.AlertMissing(draft, table, parameters, "source_column", "timestamp_column");
        ColumnReferences.AlertMissing(draft, table, "match_key_weights", parameters.GetNumberMap("match_key_weights").Keys);
        ColumnReferences.AlertSourcePriorityWithoutSource(draft, table, parameters, settings.SourceColumn, settings.SourcePriority, settings.DefaultRule, settings.Rules.Values);
        ClusterAssignment clusters;
        long pairs = 0;
        IReadOnlyList<string> identifierColumns;
        IReadOnlyList<string> emptyMatchColumns = [];
        if (settings.Fuzzy && settings.MatchFields.Count > 0)
        {
            var resolver = new EntityResolver(new RecordMatcher(settings.MatchFields), settings.Threshold);
            clusters = resolver.Resolve(table, cancellationToken);
            pairs = resolver.PairsCompared;
            identifierColumns = resolver.IdentifierColumns;
            emptyMatchColumns = resolver.EmptyFields;
            AgentGarbage.Release(); // the resolver's prepared fields and blocking index, before the golden rows are built
        }
        else
        {
            var identifiers = EntityIdentifiers.Of(table);
            clusters = ClusterAssignment.Exact(table, [.. settings.MatchFields.Select(f => f.Column)], identifiers.Identities);
            identifierColumns = identifiers.Columns;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var survivorship = new GoldenSurvivorship(settings.SourceColumn, settings.TimestampColumn, settings.SourcePriority);
        var members = clusters.Members();
        var picked = new PickedCells(table, members.Count);
        var trustColumn = new MasterColumnBuilder(members.Count);
        var sourceCounts = new MasterColumnBuilder(members.Count);
        var ruleOf = Enumerable.Range(0, table.Columns.Count).Select(c => settings.RuleFor(table, c)).ToArray();
        var trusts = new double[members.Count];
        // Trust is the mean confidence over the data columns: the pipeline's own (__cluster_id__,
        // __resolution_confidence__ of survivorship-resolver) are carried over but are no evidence.
        var isData = table.Columns.Select(n => !n.StartsWith("__", StringComparison.Ordinal)).ToArray();
        int dataColumns = isData.Count(d => d);
        long conflicts = 0;
        var names = NameColumns.Of(table);
        for (int c = 0; c < members.Count; c++)
        {
            if (c % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var cluster = members[c];
            double confidenceSum = 0;
            if (cluster.Count == 1)
            {
                picked.PickRow(c, cluster[0]); // Pick keeps a single row's cells
            }

            int firstNameRow = -1, lastNameRow = -1;
            for (int col = 0; col < table.Columns.Count && cluster.Count > 1; col++)
            {
                var (row, confidence, conflict) = survivorship.Pick(table, cluster, col, ruleOf[col]);
                firstNameRow = col == names?.First ? row : firstNameRow;
                lastNameRow = col == names?.Last ? row : lastNameRow;
                picked.Pick(c, col, row);
                confidenceSum += isData[col] ? confidence : 0;
                conflicts += conflict && isData[col] ? 1 : 0;
            }

            if (firstNameRow >= 0 && lastNameRow >= 0)
            {
                picked.Pick(c, names!.Last, names.LastNameRow(table, firstNameRow, lastNameRow)); // swapped names: both from one row
            }

            trusts[c] = cluster.Count == 1 || dataColumns == 0 ? 1.0 : confidenceSum / dataColumns;
            string trust = FormatTrust(trusts[c]);
            trustColumn.Add(trust);
            sourceCounts.Add(SourceCounts.Sum(cluster, originals));
            if (trusts[c] < settings.MinTrust)
            {
                draft.RowIssue(cluster[0], "__trust_score__", "low_trust_score", "warning",
                    $"Golden record {SurvivorshipResolverAgent.ClusterIdPrefix}{c.ToString(CultureInfo.InvariantCulture)} has trust {trusts[c]:0.###} below {settings.MinTrust:0.###}.", trust);
            }
        }

        var output = picked.Build(OutputColumns, [MasterColumn.Numbered(SurvivorshipResolverAgent.ClusterIdPrefix, members.Count), trustColumn.Build(), sourceCounts.Build()]);
        var figures = new GoldenFigures(table.RowCount, members, trusts, conflicts, pairs, settings, scoring, identifierColumns, emptyMatchColumns);
        figures.Report(draft, table);
        return new MasterAgentResult(draft.Build(figures.SummaryMetrics(), figures.Data(table, parameters), figures.Narrative()), output);
    }

    /// <summary>A trust score as Python prints a float: 1.0, 0.875, 0.8916666666666666.</summary>
    public static string FormatTrust(double value) =>
        value == Math.Floor(value) ? value.ToString("0.0", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);
}
