using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>Parameters of survivorship-resolver (default_rule quality_score, min_confidence 0.5, exact clusters unless enable_fuzzy_matching).</summary>
internal sealed record SurvivorshipSettings(
    List<int> KeyColumns,
    List<MatchField> FuzzyFields,
    List<string> MissingKeys,
    bool Fuzzy,
    double Threshold,
    string DefaultRule,
    Dictionary<string, string> Rules,
    int SourceColumn,
    int TimestampColumn,
    Dictionary<string, double> SourcePriority,
    double MinConfidence,
    Dictionary<int, string> Patterns,
    Dictionary<int, double> MinLength,
    Dictionary<int, HashSet<string>> AllowedValues)
{
    private static readonly string[] KeyHints = ["id", "key", "code", "email", "phone", "customer", "account"];

    public static JsonObject Defaults() => new() { ["default_rule"] = "quality_score", ["min_confidence"] = 0.5, ["enable_fuzzy_matching"] = false, ["fuzzy_threshold"] = 80 };

    public static SurvivorshipSettings From(AgentParameters p, MasterTable table)
    {
        bool fuzzy = p.GetBool("enable_fuzzy_matching", false);
        var missing = new List<string>();
        var fields = MatchKeys.Resolve(table, p, missing);
        var keys = p.GetStringList("match_key_columns", splitCommas: true, scalarsAsText: true).Count > 0 || fuzzy ? fields.Select(f => f.Column).ToList() : AutoKeys(table);
        // Rule names read whatever their case ("Most_Recent"), as every other choice parameter.
        string defaultRule = Common.SimpleCase.Lower(p.GetString("default_rule", "quality_score"));
        var rules = p.GetStringMap("survivorship_rules").ToDictionary(r => r.Key, r => Common.SimpleCase.Lower(r.Value.Trim()), StringComparer.OrdinalIgnoreCase);
        foreach (var (parameter, rule) in rules.Select(r => ($"survivorship_rules.{r.Key}", r.Value)).Append(("default_rule", defaultRule)))
        {
            if (!SurvivorshipRuleNames.Resolver.Contains(rule))
            {
                throw p.Invalid(parameter, $"names unknown rule '{rule}' (known: {string.Join(", ", SurvivorshipRuleNames.Resolver)})");
            }
        }

        return new SurvivorshipSettings(keys, fields, missing, fuzzy, p.GetDouble("fuzzy_threshold", 80, 0, 100), defaultRule, rules,
            GoldenSettings.FindColumn(table, p.GetOptionalString("source_column"), "source"),
            TimestampOrder.FindColumn(table, p.GetOptionalString("timestamp_column")),
            p.GetNumberMap("source_priority"), p.GetDouble("min_confidence", 0.5, 0, 1),
            ByColumn(table, CheckedPatterns(p)), ByColumn(table, MinLengths(p)), ByColumn(table, AllowedValueLists(p)));
    }

    // A per-column parameter keyed as MasterTable.Find reads a name (case, punctuation, semantic-mapper's new name:
    // "town" still finds City), by column; names the data lacks are left out here and alerted by ColumnReferences.
    private static Dictionary<int, T> ByColumn<T>(MasterTable table, Dictionary<string, T> byName)
    {
        var result = new Dictionary<int, T>();
        foreach (var (name, value) in byName)
        {
            if (table.Find(name) is >= 0 and var column)
            {
                result.TryAdd(column, value);
            }
        }

        return result;
    }

    // allowed_values: a list of values per column; a single value ("ACTV") is a list of one.
    private static Dictionary<string, HashSet<string>> AllowedValueLists(AgentParameters p)
    {
        var allowed = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (column, node) in p.GetOptionalObject("allowed_values") ?? [])
        {
            allowed[column] = node switch
            {
                JsonArray list => [.. list.Select(AgentParameters.ScalarText).OfType<string>()],
                JsonValue value when AgentParameters.ScalarText(value) is { } one => [one],
                _ => throw p.Invalid($"allowed_values.{column}", "must be a list of values"),
            };
        }

        return allowed;
    }

    // min_length: a whole number of characters per column, not negative.
    private static Dictionary<string, double> MinLengths(AgentParameters p)
    {
        var lengths = p.GetNumberMap("min_length");
        foreach (var (column, length) in lengths)
        {
            if (length < 0 || length != Math.Floor(length))
            {
                throw p.Invalid($"min_length.{column}", $"must be a whole number of characters, got {length.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }
        }

        return lengths;
    }

    // validation_patterns, each compiled once here so that a bad one is INVALID_PARAMETERS naming it.
    private static Dictionary<string, string> CheckedPatterns(AgentParameters p)
    {
        var patterns = p.GetStringMap("validation_patterns");
        foreach (var (column, pattern) in patterns)
        {
            p.CheckPattern($"validation_patterns.{column}", pattern);
        }

        return patterns;
    }

    /// <summary>
    /// The rule of column <paramref name="column"/> of <paramref name="table"/>: the rule whose key names it as
    /// <see cref="MasterTable.Find"/> does (so "zip" still finds the column semantic-mapper renamed ZipCode), else the default.
    /// </summary>
    public string RuleFor(MasterTable table, int column) =>
        Rules.TryGetValue(table.Columns[column], out string? rule) ? rule
        : Rules.FirstOrDefault(kv => table.Find(kv.Key) == column).Value ?? DefaultRule;

    // Auto keys: id/key/code/email/phone/customer/account columns with more than 50 % distinct values, at most 3. A blank
    // or a null token is no distinct value (pandas' nunique leaves NaN out): counted as one, a column of few values and
    // some blanks passed the 50 %.
    private static List<int> AutoKeys(MasterTable table)
    {
        var keys = new List<int>();
        for (int c = 0; c < table.Columns.Count && keys.Count < 3; c++)
        {
            string n = ColumnNames.Normalize(table.Columns[c]);
            if (table.Columns[c].StartsWith("__", StringComparison.Ordinal) || !KeyHints.Any(n.Contains))
            {
                continue;
            }

            var ids = TrimmedCodes.Of(table.Column(c));
            var counts = table.Column(c).CodeCounts();
            int distinct = Enumerable.Range(0, ids.Length).Where(code => counts[code] > 0 && ids[code] != 0).Select(code => ids[code]).Distinct().Count();
            if (distinct > 0.5 * table.RowCount)
            {
                keys.Add(c);
            }
        }

        return keys;
    }

    public JsonObject ToJson(MasterTable table) => new()
    {
        ["match_key_columns"] = new JsonArray([.. KeyColumns.Select(c => (JsonNode)table.Columns[c])]),
        ["enable_fuzzy_matching"] = Fuzzy,
        ["fuzzy_threshold"] = Threshold,
        ["default_rule"] = DefaultRule,
        ["survivorship_rules"] = new JsonObject(Rules.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        ["source_column"] = SourceColumn >= 0 ? table.Columns[SourceColumn] : null,
        ["timestamp_column"] = TimestampColumn >= 0 ? table.Columns[TimestampColumn] : null,
        ["source_priority"] = new JsonObject(SourcePriority.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        ["min_confidence"] = MinConfidence,
    };
}
