using System.Text.Json.Nodes;

namespace Agensium.Analysis.Reporting;

/// <summary>
/// A statistic that overflowed (the variance of values near 1e155, the sum of two 1e308) is Infinity or NaN, which
/// JSON cannot hold: the report writers show it as null (an empty cell) instead of failing the whole report.
/// </summary>
internal static class NonFinite
{
    public static bool Is(JsonNode? node) => node is JsonValue value
        && ((value.TryGetValue<double>(out var d) && !double.IsFinite(d)) || (value.TryGetValue<float>(out var f) && !float.IsFinite(f)));
}
