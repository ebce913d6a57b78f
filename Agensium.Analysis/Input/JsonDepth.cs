using System.Text.Json;

namespace Agensium.Analysis.Input;

/// <summary>
/// System.Text.Json's nesting limit: a document nested deeper is refused with a <see cref="JsonException"/> whose only
/// mark is its message, and is valid JSON all the same, so it is said as too deep, not as malformed.
/// </summary>
internal static class JsonDepth
{
    /// <summary>The default maximum depth of System.Text.Json's readers, which the inputs use.</summary>
    public const int Max = 64;

    /// <summary>True when <paramref name="e"/> is the reader's refusal of a document nested deeper than <see cref="Max"/>.</summary>
    public static bool Exceeded(JsonException e) => e.Message.Contains("maximum configured depth", StringComparison.Ordinal);
}
