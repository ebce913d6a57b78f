using System.Text.Json;
using System.Text.Json.Nodes;
using Agensium.Analysis.Input;

namespace Agensium.Analysis.Profile;

/// <summary>Parameters of the test-coverage-agent: the configured tests and the weights of the three sub-scores.</summary>
/// <param name="UniqueColumns">Columns whose non-null values must be unique.</param>
/// <param name="RangeTests">Column → inclusive [min, max]; either bound may be null (open).</param>
/// <param name="FormatTests">Column → regular expression every non-null value must fully match.</param>
/// <param name="UniquenessWeight">Weight of the uniqueness score (default 0.4).</param>
/// <param name="RangeWeight">Weight of the range score (default 0.3).</param>
/// <param name="FormatWeight">Weight of the format score (default 0.3).</param>
public sealed record TestCoverageSettings(
    IReadOnlyList<string> UniqueColumns,
    IReadOnlyList<(string Column, double? Min, double? Max)> RangeTests,
    IReadOnlyList<(string Column, string Pattern)> FormatTests,
    double UniquenessWeight,
    double RangeWeight,
    double FormatWeight)
{
    /// <summary>AGENSIUM's defaults: no tests, weights 0.4/0.3/0.3.</summary>
    public static TestCoverageSettings Defaults() => new([], [], [], 0.4, 0.3, 0.3);

    /// <summary>True when no test of any kind is configured (score 100).</summary>
    public bool NothingConfigured => UniqueColumns.Count == 0 && RangeTests.Count == 0 && FormatTests.Count == 0;

    /// <summary>Reads the settings. range_tests: {"col": {"min": 0, "max": 10}} (min_value/minimum, max_value/maximum too) or {"col": [0, 10]}; format_tests: {"col": "regex"} or {"col": {"pattern": "regex"}}.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for malformed tests or weights.</exception>
    public static TestCoverageSettings From(AgentParameters parameters)
    {
        var d = Defaults();
        var ranges = parameters.GetObject("range_tests").Select(p => p.Value switch
        {
            JsonObject o => RangeOf(parameters, p.Key, o),
            JsonArray { Count: 2 } a => (p.Key, Bound(parameters, a[0]), Bound(parameters, a[1])),
            _ => throw parameters.Invalid("range_tests", $"entry '{p.Key}' must be {{\"min\": …, \"max\": …}} or [min, max]"),
        }).ToList();
        foreach (var (column, min, max) in ranges)
        {
            // [null, null] or {"min": null, "max": null} tests nothing and passed with 0 violations, as a misspelt bound did.
            if (min is null && max is null)
            {
                throw parameters.Invalid($"range_tests.{column}", "sets no bound: give min, max or both");
            }

            if (min is { } low && max is { } high && low > high)
            {
                throw parameters.Invalid("range_tests", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"entry '{column}' has a min {low} above its max {high}"));
            }
        }

        var formats = parameters.GetObject("format_tests").Select(p => p.Value switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => (p.Key, v.GetValue<string>()),
            JsonObject o when (o["pattern"] ?? o["regex"]) is JsonValue v && v.GetValueKind() == JsonValueKind.String => (p.Key, v.GetValue<string>()),
            _ => throw parameters.Invalid("format_tests", $"entry '{p.Key}' must be a regular expression string"),
        }).ToList();
        var weights = parameters.GetWeights(("uniqueness_weight", d.UniquenessWeight), ("range_weight", d.RangeWeight), ("format_weight", d.FormatWeight));
        return new TestCoverageSettings(
            parameters.GetStringList("unique_columns", splitCommas: false), ranges, formats,
            weights[0],
            weights[1],
            weights[2]);
    }

    /// <summary>The settings as a snake_case JSON object.</summary>
    public JsonObject ToJson() => new()
    {
        ["unique_columns"] = new JsonArray([.. UniqueColumns.Select(c => (JsonNode)c)]),
        ["range_tests"] = new JsonObject(RangeTests.Select(r =>
            KeyValuePair.Create(r.Column, (JsonNode?)new JsonObject { ["min"] = r.Min, ["max"] = r.Max }))),
        ["format_tests"] = new JsonObject(FormatTests.Select(f => KeyValuePair.Create(f.Column, (JsonNode?)f.Pattern))),
        ["uniqueness_weight"] = UniquenessWeight,
        ["range_weight"] = RangeWeight,
        ["format_weight"] = FormatWeight,
    };

    // One range test given as an object: min and max, also min_value/minimum, max_value/maximum in any case, as
    // quarantine-agent's range rules and contract-enforcer read them. Any other key is refused, and so is an object with
    // no bound: a misspelt bound ("lower", "upper") left the test without it, and the test passed with 0 violations.
    private static (string Column, double? Min, double? Max) RangeOf(AgentParameters parameters, string column, JsonObject rule)
    {
        var (min, max, bounded) = RangeBoundNames.Read(rule, (key, hint) => parameters.Invalid($"range_tests.{column}",
            $"has a key '{key}' that test-coverage-agent does not read (it reads min and max, also written min_value/minimum, max_value/maximum).{hint}"));
        if (!bounded)
        {
            throw parameters.Invalid($"range_tests.{column}", "sets no bound: give min, max or both");
        }

        return (column, Bound(parameters, min), Bound(parameters, max));
    }

    private static double? Bound(AgentParameters parameters, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var probe = new AgentParameters(parameters.AgentId, new JsonObject { ["range_tests"] = node.DeepClone() });
        return probe.GetDouble("range_tests", 0, double.MinValue, double.MaxValue);
    }
}
