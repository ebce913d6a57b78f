using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>Parameters of golden-record-builder with AGENSIUM defaults (most_complete, min_trust_score 0.5, fuzzy off, threshold 80).</summary>
internal sealed record GoldenSettings(
    List<MatchField> MatchFields,
    List<string> MissingKeys,
    bool Fuzzy,
    double Threshold,
    int SourceColumn,
    int TimestampColumn,
    Dictionary<string, double> SourcePriority,
    string DefaultRule,
    Dictionary<string, string> Rules,
    double MinTrust,
    string? RowsNumberedBy)
{
    public static JsonObject Defaults() => new()
    {
        ["default_survivorship_rule"] = "most_complete",
        ["min_trust_score"] = 0.5,
        ["enable_fuzzy_matching"] = false,
        ["fuzzy_threshold"] = 80,
    };

    public static GoldenSettings From(AgentParameters p, MasterTable table)
    {
        var missing = new List<string>();
        var fields = MatchKeys.Resolve(table, p, missing, out string? rowsNumberedBy);
        // Rule names read whatever their case ("Most_Recent"), as every other choice parameter.
        string defaultRule = Common.SimpleCase.Lower(p.GetString("default_survivorship_rule", "most_complete"));
        var rules = p.GetStringMap("survivorship_rules").ToDictionary(r => r.Key, r => Common.SimpleCase.Lower(r.Value.Trim()), StringComparer.OrdinalIgnoreCase);
        foreach (var (parameter, rule) in rules.Select(r => ($"survivorship_rules.{r.Key}", r.Value)).Append(("default_survivorship_rule", defaultRule)))
        {
            if (!SurvivorshipRuleNames.Golden.Contains(rule))
            {
                throw p.Invalid(parameter, $"names unknown rule '{rule}' (known: {string.Join(", ", SurvivorshipRuleNames.Golden)})");
            }
        }

        return new GoldenSettings(
            fields,
            missing,
            p.GetBool("enable_fuzzy_matching", false),
            p.GetDouble("fuzzy_threshold", 80, 0, 100),
            FindColumn(table, p.GetOptionalString("source_column"), "source"),
            TimestampOrder.FindColumn(table, p.GetOptionalString("timestamp_column")),
            p.GetNumberMap("source_priority"),
            defaultRule,
            rules,
            p.GetDouble("min_trust_score", 0.5, 0, 1),
            rowsNumberedBy);
    }

    /// <summary>
    /// The rule of column <paramref name="column"/> of <paramref name="table"/>: the rule whose key names it as
    /// <see cref="MasterTable.Find"/> does (so "zip" still finds the column semantic-mapper renamed ZipCode), else the default.
    /// </summary>
    public string RuleFor(MasterTable table, int column) =>
        Rules.TryGetValue(table.Columns[column], out string? rule) ? rule
        : Rules.FirstOrDefault(kv => table.Find(kv.Key) == column).Value ?? DefaultRule;

    /// <summary>The named column, or (when not named) the first whose normalised name contains the first hint any column contains; −1 if none.</summary>
    public static int FindColumn(MasterTable table, string? name, params string[] hints)
    {
        if (!string.IsNullOrEmpty(name))
        {
            return table.Find(name);
        }

        // Hints in their order of preference: "trustscore" before "resolutionconfidence", wherever the columns stand.
        foreach (string hint in hints)
        {
            for (int i = 0; i < table.Columns.Count; i++)
            {
                if (ColumnNames.Normalize(table.Columns[i]).Contains(hint, StringComparison.Ordinal))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    public JsonObject ToJson(MasterTable table) => new()
    {
        ["match_key_columns"] = new JsonArray([.. MatchFields.Select(f => (JsonNode)f.Name)]),
        ["match_key_weights"] = new JsonObject(MatchFields.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)f.Weight))),
        ["enable_fuzzy_matching"] = Fuzzy,
        ["fuzzy_threshold"] = Threshold,
        ["source_column"] = SourceColumn >= 0 ? table.Columns[SourceColumn] : null,
        ["timestamp_column"] = TimestampColumn >= 0 ? table.Columns[TimestampColumn] : null,
        ["source_priority"] = new JsonObject(SourcePriority.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        ["default_survivorship_rule"] = DefaultRule,
        ["survivorship_rules"] = new JsonObject(Rules.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        ["min_trust_score"] = MinTrust,
    };
}
