using System.Text.Json.Nodes;

namespace Agensium.Analysis.Clean;

/// <summary>A null-handler strategy for one column; <paramref name="Value"/> is the fill text of constant.</summary>
public sealed record NullStrategy(string Name, string? Value)
{
    /// <summary>True for strategies that need numeric values (mean, median, knn).</summary>
    public bool NeedsNumbers => Name is "mean" or "median" or "knn";

    /// <summary>True for strategies whose fills depend on the whole column (mean, median, mode, bfill, knn), which is then scanned before the first fill.</summary>
    public bool NeedsScan => Name is "mean" or "median" or "mode" or "bfill" or "knn";

    /// <summary>As a snake_case JSON object.</summary>
    public JsonNode ToJson() => Value is null ? JsonValue.Create(Name) : new JsonObject { ["strategy"] = Name, ["value"] = Value };
}
