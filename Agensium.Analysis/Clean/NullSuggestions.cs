using System.Text.Json.Nodes;

namespace Agensium.Analysis.Clean;

/// <summary>Suggested null strategies (never applied): drop_column above 50% nulls, median for numeric columns, mode otherwise.</summary>
internal static class NullSuggestions
{
    public static JsonObject Build(NullScan scan, IReadOnlyDictionary<int, NullStrategy> configured, AgentFindings findings)
    {
        var suggestions = new JsonObject();
        foreach (var s in scan.Stats.Where(s => s.Blanks > 0))
        {
            string strategy = s.NullPct > 50 ? "drop_column" : s.IsNumberColumn ? "median" : "mode";
            suggestions[s.Name] = new JsonObject
            {
                ["strategy"] = strategy,
                ["null_count"] = s.Blanks,
                ["null_pct"] = Rounding.Pct(s.NullPct),
                ["configured"] = configured.TryGetValue(s.Index, out var c) ? c.Name : null,
            };
            if (!configured.ContainsKey(s.Index))
            {
                string severity = s.NullPct > 50 ? "high" : s.NullPct > 20 ? "medium" : "low";
                findings.Issue(s.Name, "missing_values", severity, $"Column '{s.Name}' has {s.Blanks} null(s) ({Figures.F(s.NullPct)}%) and no strategy",
                    $"Set column_strategies.{s.Name} to '{strategy}'.");
            }
        }

        return suggestions;
    }
}
