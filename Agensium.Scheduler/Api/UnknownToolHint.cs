namespace Agensium.Scheduler.Api;

/// <summary>
/// What a refused tool id is told, the same in the API (UNKNOWN_TOOL) and the CLI (history --tool): the tools it could
/// have named, and the one meant when it is close ("Profile-My-Data": tool ids are exact).
/// </summary>
public static class UnknownToolHint
{
    /// <summary>"Known tools: a, b, c. Did you mean 'a'?" (the second sentence only when one is close).</summary>
    public static string Describe(string toolId, IReadOnlyList<string> known)
    {
        string hint = Agensium.Analysis.Common.NameSuggestion.Closest(toolId, known) is { } closest ? $" Did you mean '{closest}'?" : "";
        return $"Known tools: {string.Join(", ", known)}.{hint}";
    }
}
