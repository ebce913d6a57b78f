using System.Text.Json.Nodes;
using Agensium.Analysis.Common;

namespace Agensium.Analysis.Master;

/// <summary>
/// The clusters an agent made, as its report lists them for an audit of what was merged: the merged clusters first (in
/// cluster order), then the single rows, at most <see cref="Limit"/> in all, with how many there are and whether the
/// list is cut. Each names its cluster as the output's <c>__cluster_id__</c> does and the rows of the agent's input it
/// holds (0-based data rows).
/// </summary>
internal static class ClusterListing
{
    /// <summary>The most clusters a report lists.</summary>
    public const int Limit = 1000;

    /// <summary>Adds clusters, clusters_listed, clusters_total, clusters_truncated and clusters_note to <paramref name="data"/>.</summary>
    public static void AddTo(JsonObject data, ClusterMembers members, double[]? trusts)
    {
        var merged = Enumerable.Range(0, members.Count).Where(c => members[c].Count > 1);
        var single = Enumerable.Range(0, members.Count).Where(c => members[c].Count == 1);
        var listed = merged.Concat(single).Take(Limit).ToList();
        data["clusters"] = new JsonArray([.. listed.Select(c =>
        {
            var cluster = new JsonObject
            {
                ["cluster_id"] = $"{SurvivorshipResolverAgent.ClusterIdPrefix}{c}",
                ["row_indexes"] = new JsonArray([.. members[c].Select(r => (JsonNode)r)]),
            };
            if (trusts is not null)
            {
                cluster["trust_score"] = Rounding.Stat(trusts[c]);
            }

            return (JsonNode)cluster;
        })]);
        data["clusters_listed"] = listed.Count;
        data["clusters_total"] = members.Count;
        data["clusters_truncated"] = listed.Count < members.Count;
        data["clusters_note"] = $"merged clusters first, then single rows, at most {Limit}; row_indexes are 0-based data rows of the uploaded file when this agent's input holds its rows (the agent runs first, or only agents that keep the rows ran before it; rows of blanks only, left out, keep their numbers), else of the rows the agent before it wrote, whose own report lists its clusters";
    }
}
