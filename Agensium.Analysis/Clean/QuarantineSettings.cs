using System.Text.Json.Nodes;
using System.Text.Json;
using Agensium.Analysis.Common;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>Parameters of quarantine-agent: required_fields, expected_schema {column: type}, range_rules {column: {min, max}}, format_rules {column: regex | email | phone | date}, checks and score weights.</summary>
public sealed record QuarantineSettings(
    IReadOnlyList<string> RequiredFields,
    IReadOnlyDictionary<string, string> ExpectedSchema,
    IReadOnlyDictionary<string, (double? Min, double? Max)> RangeRules,
    IReadOnlyDictionary<string, string> FormatRules,
    bool CheckEmptyRows,
    bool CheckInjection,
    bool CheckExtraFields,
    double QuarantineWeight,
    double RetentionWeight,
    double ThresholdWeight,
    double ExcellentThreshold,
    double GoodThreshold)
{
    /// <summary>Types expected_schema accepts.</summary>
    public static IReadOnlyList<string> Types { get; } = ["integer", "int", "float", "number", "numeric", "string", "text", "date", "datetime", "boolean", "bool"];

    /// <summary>AGENSIUM's defaults.</summary>
    public static QuarantineSettings Defaults() => new([], new Dictionary<string, string>(), new Dictionary<string, (double?, double?)>(),
        new Dictionary<string, string>(), true, true, true, 0.5, 0.3, 0.2, 90, 75);

    // One range rule: min and max (also min_value/minimum, max_value/maximum, as contract-enforcer reads them). Any other
    // key is refused: a misspelt bound left the rule without it, and the rule still quarantined non-numbers.
    private static (double?, double?) RangeOf(AgentParameters p, string column, JsonObject rule)
    {
        var (min, max, _) = RangeBoundNames.Read(rule, (key, hint) => p.Invalid($"range_rules.{column}",
            $"has a key '{key}' that quarantine-agent does not read (it reads min and max).{hint}"));
        return (Bound(p, column, min), Bound(p, column, max));
    }

    /// <summary>Reads the settings from the agent's parameters; missing keys take the defaults.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for a value of the wrong type or out of range.</exception>
    public static QuarantineSettings From(AgentParameters p)
    {
        var d = Defaults();
        var schema = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, node) in p.GetObject("expected_schema"))
        {
            string? type = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Common.SimpleCase.Lower(v.GetValue<string>().Trim()) : null;
            schema[column] = type is not null && Types.Contains(type) ? type
                : throw p.Invalid($"expected_schema.{column}", $"must be one of {string.Join(", ", Types)}");
        }

        var ranges = new Dictionary<string, (double?, double?)>(StringComparer.Ordinal);
        foreach (var (column, node) in p.GetObject("range_rules"))
        {
            ranges[column] = node is JsonObject r ? RangeOf(p, column, r)
                : throw p.Invalid($"range_rules.{column}", "must be {\"min\":…, \"max\":…}");
            if (ranges[column] is ({ } min, { } max) && min > max)
            {
                // Every value would be out of range: every row quarantined.
                throw p.Invalid($"range_rules.{column}", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"has a min {min} above its max {max}"));
            }
        }

        var formats = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, node) in p.GetObject("format_rules"))
        {
            string? pattern = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            formats[column] = pattern is not null && IsValidFormat(pattern) ? pattern
                : throw p.Invalid($"format_rules.{column}", "must be email, phone, date or a valid regular expression");
        }

        var weights = p.GetWeights(("quarantine_weight", d.QuarantineWeight), ("retention_weight", d.RetentionWeight), ("threshold_weight", d.ThresholdWeight));
        return new QuarantineSettings(p.GetStringList("required_fields", splitCommas: true), schema, ranges, formats,
            p.GetBool("check_empty_rows", d.CheckEmptyRows),
            p.GetBool("check_injection", d.CheckInjection),
            p.GetBool("check_extra_fields", d.CheckExtraFields),
            weights[0],
            weights[1],
            weights[2],
            p.GetDouble("excellent_threshold", d.ExcellentThreshold, 0, 100),
            p.GetDouble("good_threshold", d.GoodThreshold, 0, 100, notAbove: "excellent_threshold"));
    }

    /// <summary>Every column the rules name.</summary>
    public IEnumerable<string> NamedColumns => RequiredFields.Concat(RangeRules.Keys).Concat(FormatRules.Keys);

    /// <summary>As a snake_case JSON object.</summary>
    public JsonObject ToJson() => new()
    {
        ["required_fields"] = new JsonArray([.. RequiredFields.Select(c => (JsonNode)c)]),
        ["expected_schema"] = new JsonObject([.. ExpectedSchema.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))]),
        ["range_rules"] = new JsonObject([.. RangeRules.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)new JsonObject { ["min"] = r.Value.Min, ["max"] = r.Value.Max }))]),
        ["format_rules"] = new JsonObject([.. FormatRules.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))]),
        ["check_empty_rows"] = CheckEmptyRows,
        ["check_extra_fields"] = CheckExtraFields,
        ["check_injection"] = CheckInjection,
        ["quarantine_weight"] = QuarantineWeight,
        ["retention_weight"] = RetentionWeight,
        ["threshold_weight"] = ThresholdWeight,
        ["excellent_threshold"] = ExcellentThreshold,
        ["good_threshold"] = GoodThreshold,
    };

    private static double? Bound(AgentParameters p, string column, JsonNode? node) => node switch
    {
        null => null,
        _ when AgentParameters.ScalarNumber(node) is { } number && double.IsFinite(number) => number, // 0 or "0", as every number parameter
        _ => throw p.Invalid($"range_rules.{column}", "min and max must be numbers"),
    };

    private static bool IsValidFormat(string pattern)
    {
        if (pattern is "email" or "phone" or "date")
        {
            return true;
        }

        try
        {
            _ = UserRegex.Create(pattern);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
