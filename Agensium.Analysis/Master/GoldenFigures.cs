using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>
/// Figures, findings and score of a golden-record-builder run: score = trust·100·0.4 + min(100, 20·rows/clusters)·0.3 + 100·0.3
/// (trust_weight, consolidation_weight, base_weight: a fixed 100 points); excellent ≥ 90, good ≥ 75.
/// </summary>
internal sealed class GoldenFigures(int inputRows, ClusterMembers members, double[] trusts, long conflicts, long pairs, GoldenSettings settings, ScoreSettings scoring,
    IReadOnlyList<string> identifierColumns, IReadOnlyList<string> emptyMatchColumns)
{
    private readonly double _meanTrust = trusts.Length == 0 ? 1 : trusts.Average();
    private readonly int _lowTrust = trusts.Count(t => t < settings.MinTrust);
    private readonly int _merged = members.Count(m => m.Count > 1);

    public double Score => Rounding.Pct(scoring.Weigh(_meanTrust * 100, Math.Min(100, 20.0 * inputRows / Math.Max(1, members.Count)), 100));

    public void Report(ReportDraft draft, MasterTable table)
    {
        ColumnReferences.AlertMissing(draft, table, "match_key_columns", settings.MissingKeys);

        if (settings.MatchFields.Count == 0 && settings.RowsNumberedBy is { } numbered)
        {
            draft.Alert("medium", "matching",
                $"No automatic match key columns: no column says who a row is (a name, e-mail, phone, birth date or an organisation's own name) and '{numbered}' gives every row a value of its own, so every row is its own golden record.",
                0, "Set match_key_columns to merge rows on other columns.");
        }
        else if (settings.MatchFields.Count == 0)
        {
            int copies = inputRows - members.Count;
            draft.Alert("medium", "matching",
                copies == 0
                    ? "No match key columns: every row is its own golden record."
                    : $"No match key columns: only rows equal in every column were merged ({copies} copies of another row); every other row is its own golden record.",
                0, "Set match_key_columns.");
        }

        if (_lowTrust > 0)
        {
            draft.Alert("medium", "trust", $"{_lowTrust} golden record(s) have trust below {settings.MinTrust}.", 1, "Review these clusters with a data steward.");
            draft.Issue("__trust_score__", "low_trust_score", "medium", $"{_lowTrust} golden record(s) below the minimum trust score.");
            draft.Recommend("__trust_score__", "high", "Review low-trust golden records and tune survivorship rules or source priorities.", "1-2 weeks");
        }

        draft.Card("golden_records", "Golden Records", members.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), _merged > 0 ? "success" : "info",
            $"{inputRows} rows consolidated into {members.Count} golden records ({_merged} merged clusters).");
        draft.Card("golden_trust", "Average Trust", _meanTrust.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture),
            _meanTrust >= settings.MinTrust ? "success" : "warning", "Mean trust score of the golden records.");
    }

    public JsonObject SummaryMetrics() => new()
    {
        ["total_input_records"] = inputRows,
        ["golden_records_created"] = members.Count,
        ["merged_clusters"] = _merged,
        ["singleton_clusters"] = members.Count - _merged,
        ["average_trust_score"] = Rounding.Stat(_meanTrust),
        ["low_trust_records"] = _lowTrust,
        ["conflicts_resolved"] = conflicts,
        ["golden_record_score"] = Score,
        ["status"] = scoring.Status(Score),
    };

    public JsonObject Data(MasterTable table, AgentParameters parameters)
    {
        var data = new JsonObject
        {
            ["matching_mode"] = settings.Fuzzy ? "fuzzy" : "exact",
            ["phonetic_algorithm"] = "soundex",
            ["pairs_compared"] = pairs,
            // Rows that differ in one of these are never one golden record (EntityIdentifiers).
            ["identifier_columns_kept_apart"] = new JsonArray([.. identifierColumns.Select(c => (JsonNode)c)]),
            // Fuzzy mode: match key columns blank in every row, which weigh nothing (RecordMatcher.WithoutEmptyFields).
            ["empty_match_columns_left_out"] = new JsonArray([.. emptyMatchColumns.Select(c => (JsonNode)c)]),
            // No automatic key: nothing says who a row is and this column numbers the rows (MatchKeys.Automatic).
            ["rows_numbered_by"] = settings.RowsNumberedBy,
            ["golden_record_score"] = Score,
        };
        ClusterListing.AddTo(data, members, trusts);
        var (defaults, effective) = (GoldenSettings.Defaults(), settings.ToJson(table));
        scoring.AddTo(defaults, effective);
        ReportDraft.AddParameterBlocks(data, defaults, parameters, effective);
        return data;
    }

    public string Narrative() =>
        $"Golden Record Builder consolidated {inputRows} rows into {members.Count} golden records ({_merged} merged clusters), average trust {_meanTrust:0.000}.";
}
