using System.Text.Json;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>One rule cleanse-previewer simulates: drop_nulls, impute_nulls, remove_outliers, drop_duplicates, drop_columns or convert_types.</summary>
/// <param name="Rule">The rule name.</param>
/// <param name="Columns">Columns the rule applies to (empty = all, or all numeric for remove_outliers).</param>
/// <param name="TargetType">convert_types: integer, float, date or boolean.</param>
/// <param name="Multiplier">remove_outliers: IQR multiplier.</param>
public sealed record PreviewRule(string Rule, IReadOnlyList<string> Columns, string? TargetType, double Multiplier)
{
    /// <summary>The rules cleanse-previewer can simulate.</summary>
    public static IReadOnlyList<string> Rules { get; } = ["drop_nulls", "impute_nulls", "remove_outliers", "drop_duplicates", "drop_columns", "convert_types"];

    /// <summary>Previewed when preview_rules is not given.</summary>
    public static IReadOnlyList<PreviewRule> Defaults() =>
        [new("drop_duplicates", [], null, 1.5), new("drop_nulls", [], null, 1.5), new("impute_nulls", [], null, 1.5), new("remove_outliers", [], null, 1.5)];

    /// <summary>Reads preview_rules (names or {rule, columns, target_type, multiplier} objects); the defaults when absent.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for an unknown or incomplete rule.</exception>
    public static IReadOnlyList<PreviewRule> From(AgentParameters p)
    {
        if (!p.Has("preview_rules") || p.Raw("preview_rules") is null)
        {
            return Defaults(); // absent or null: the defaults, as for every other parameter
        }

        var rules = new List<PreviewRule>();
        foreach (var node in p.GetArray("preview_rules"))
        {
            rules.Add(node switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String => Check(p, new PreviewRule(v.GetValue<string>().Trim(), [], null, 1.5)),
                JsonObject o => Check(p, RuleKeysChecked(p, o, new PreviewRule(
                    Text(o["rule"] ?? o["type"] ?? o["action"]) ?? "",
                    o["columns"] switch
                    {
                        JsonArray a => [.. a.Select(Text).OfType<string>()],
                        JsonValue c when Text(c) is { } one => [one],
                        _ => [],
                    },
                    Text(o["target_type"]) is { } targetType ? Common.SimpleCase.Lower(targetType) : null,
                    MultiplierOf(p, o["multiplier"])))),
                _ => throw p.Invalid("preview_rules", "must be a list of rule names or {rule, columns, …} objects"),
            });
        }

        return rules;
    }

    private static readonly string[] RuleKeys = ["rule", "type", "action", "columns", "target_type", "multiplier", "name", "description", "comment"];

    // A rule object's keys (name, description and comment are the user's notes, not read): any other (a misspelt
    // "mulitplier") is refused rather than silently replaced by its default.
    private static PreviewRule RuleKeysChecked(AgentParameters p, JsonObject rule, PreviewRule read)
    {
        foreach (var (key, _) in rule)
        {
            if (!RuleKeys.Contains(key, StringComparer.Ordinal))
            {
                string hint = Common.NameSuggestion.Closest(key, RuleKeys) is { } closest ? $" Did you mean '{closest}'?" : "";
                throw p.Invalid("preview_rules", $"has a rule with a key '{key}' that cleanse-previewer does not read (it reads: {string.Join(", ", RuleKeys)}).{hint}");
            }
        }

        return read;
    }

    // remove_outliers' IQR multiplier: a number or numeric string above 0 (a negative one would flag every value), 1.5 when absent.
    private static double MultiplierOf(AgentParameters p, JsonNode? node)
    {
        if (node is null)
        {
            return 1.5;
        }

        return AgentParameters.ScalarNumber(node) is { } m && double.IsFinite(m) && m > 0 && m <= 1000 ? m
            : throw p.Invalid("preview_rules.multiplier", $"must be a number above 0 and at most 1000, got {node.ToJsonString()}");
    }

    /// <summary>As a snake_case JSON object.</summary>
    public JsonObject ToJson() => new()
    {
        ["rule"] = Rule,
        ["columns"] = new JsonArray([.. Columns.Select(c => (JsonNode)c)]),
        ["target_type"] = TargetType,
        ["multiplier"] = Multiplier,
    };

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static PreviewRule Check(AgentParameters p, PreviewRule rule)
    {
        if (!Rules.Contains(rule.Rule))
        {
            throw p.Invalid("preview_rules", $"has unknown rule '{rule.Rule}' (known: {string.Join(", ", Rules)})");
        }

        if (rule.Rule == "drop_columns" && rule.Columns.Count == 0)
        {
            throw p.Invalid("preview_rules", "drop_columns needs columns");
        }

        if (rule.Rule == "convert_types" && rule.TargetType is not ("integer" or "float" or "date" or "boolean"))
        {
            throw p.Invalid("preview_rules", "convert_types needs target_type integer, float, date or boolean");
        }

        return rule;
    }
}
