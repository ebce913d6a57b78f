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

    /// <inheritdoc/>
    public MasterAgentResult Run(MasterTable input, AgentParameters parameters, CancellationToken cancellationToken)
    {
        var draft = new ReportDraft(AgentId, DisplayName, timeProvider);
        var table = input.Without(OutputColumns);
        var settings = GoldenSettings.From(parameters, table);
        ClusterAssignment clusters;
        long pairs = 0;
        if (settings.Fuzzy && settings.MatchFields.Count > 0)
        {
            var resolver = new EntityResolver(new RecordMatcher(settings.MatchFields), settings.Threshold);
            clusters = resolver.Resolve(table, cancellationToken);
            pairs = resolver.PairsCompared;
        }
        else
        {
            clusters = ClusterAssignment.Exact(table, [.. settings.MatchFields.Select(f => f.Column)]);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var survivorship = new GoldenSurvivorship(settings.SourceColumn, settings.TimestampColumn, settings.SourcePriority);
        var members = clusters.Members();
        var rows = new List<string[]>(members.Length);
        var ruleOf = table.Columns.Select(settings.RuleFor).ToArray();
        var trusts = new double[members.Length];
        long conflicts = 0;
        for (int c = 0; c < members.Length; c++)
        {
            var golden = new string[table.Columns.Count + 3];
            double confidenceSum = 0;
            if (members[c].Count == 1)
            {
                Array.Copy(table.Rows[members[c][0]], golden, table.Columns.Count); // Pick keeps a single row's cells
            }

            for (int col = 0; col < table.Columns.Count && members[c].Count > 1; col++)
            {
                var (value, confidence, conflict) = survivorship.Pick(table, members[c], col, ruleOf[col]);
                golden[col] = value;
                confidenceSum += confidence;
                conflicts += conflict ? 1 : 0;
            }

            trusts[c] = members[c].Count == 1 || table.Columns.Count == 0 ? 1.0 : confidenceSum / table.Columns.Count;
            golden[^3] = "cluster_" + c.ToString(CultureInfo.InvariantCulture);
            golden[^2] = FormatTrust(trusts[c]);
            golden[^1] = members[c].Count.ToString(CultureInfo.InvariantCulture);
            rows.Add(golden);
            if (trusts[c] < settings.MinTrust)
            {
                draft.RowIssue(members[c][0], "__trust_score__", "low_trust_score", "warning",
                    $"Golden record {golden[^3]} has trust {trusts[c]:0.###} below {settings.MinTrust:0.###}.", golden[^2]);
            }
        }

        var output = new MasterTable([.. table.Columns, .. OutputColumns], rows);
        var figures = new GoldenFigures(table.Rows.Count, members, trusts, conflicts, pairs, settings);
        figures.Report(draft, table);
        return new MasterAgentResult(draft.Build(figures.SummaryMetrics(), figures.Data(table, parameters), figures.Narrative()), output);
    }

    /// <summary>A trust score as Python prints a float: 1.0, 0.875, 0.8916666666666666.</summary>
    public static string FormatTrust(double value) =>
        value == Math.Floor(value) ? value.ToString("0.0", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);
}
