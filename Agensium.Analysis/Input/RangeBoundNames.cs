using System.Text.Json.Nodes;

namespace Agensium.Analysis.Input;

/// <summary>
/// The names a range's bounds go by in parameters, read alike by quarantine-agent's range_rules and contract-enforcer's
/// value constraints: min / min_value / minimum and max / max_value / maximum (the original backend's min_value and
/// max_value among them), whatever their case.
/// </summary>
internal static class RangeBoundNames
{
    /// <summary>Each accepted name → "min" or "max".</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["min"] = "min", ["min_value"] = "min", ["minimum"] = "min",
        ["max"] = "max", ["max_value"] = "max", ["maximum"] = "max",
    };

    /// <summary>
    /// The bounds of one range object (the user's notes, name/description/comment, skipped) and whether it names any.
    /// A key that names no bound is refused by <paramref name="unknown"/>, given the key and a " Did you mean …?" hint
    /// (or ""), in the caller's words: a misspelt bound left the range without it.
    /// </summary>
    public static (JsonNode? Min, JsonNode? Max, bool Bounded) Read(JsonObject rule, Func<string, string, Exception> unknown)
    {
        JsonNode? min = null, max = null;
        bool bounded = false;
        foreach (var (key, value) in rule)
        {
            if (key is "name" or "description" or "comment")
            {
                continue;
            }

            if (!Aliases.TryGetValue(key, out string? bound))
            {
                string hint = Common.NameSuggestion.Closest(key, ["min", "max"]) is { } closest ? $" Did you mean '{closest}'?" : "";
                throw unknown(key, hint);
            }

            bounded = true;
            (min, max) = bound == "min" ? (value, max) : (min, value);
        }

        return (min, max, bounded);
    }
}
