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
}
