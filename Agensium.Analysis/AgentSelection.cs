namespace Agensium.Analysis;

/// <summary>The agents a request runs: the tool's defaults when it names none, else those it names, each once.</summary>
internal static class AgentSelection
{
    /// <summary>
    /// <paramref name="defaults"/> when <paramref name="requested"/> names no agent; otherwise the named agents in the
    /// order given, each once. A name that is none of <paramref name="agents"/> fails with UNKNOWN_AGENT, listing the
    /// known ones and a "Did you mean" when one is close (<see cref="UnknownNames.Hint"/>).
    /// </summary>
    public static List<string> Resolve(string toolId, IReadOnlyList<string> agents, IReadOnlyList<string>? requested, IReadOnlyList<string> defaults)
    {
        if (requested is null || requested.Count == 0)
        {
            return [.. defaults];
        }

        var unknown = requested.Where(a => !agents.Contains(a, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new AnalysisException(AnalysisErrorCodes.UnknownAgent,
                $"Unknown agent(s) for {toolId}: {UnknownNames.Describe(unknown)} (known: {string.Join(", ", agents)}).{UnknownNames.Hint(unknown, agents)}");
        }

        return [.. requested.Distinct(StringComparer.Ordinal)];
    }
}
