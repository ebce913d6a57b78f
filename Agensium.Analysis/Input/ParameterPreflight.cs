namespace Agensium.Analysis.Input;

/// <summary>
/// Reads the parameters of every agent of a run whose parameters do not depend on the data, before the first agent runs:
/// a bad value for the sixth agent (field-standardization's case_strategy "upper") fails the task at once with
/// INVALID_PARAMETERS, not after five agents' work. Each check reads a fresh copy, so the run's own reading (its
/// unused-key list, its scaled weights) is untouched.
/// </summary>
internal sealed class ParameterPreflight(IReadOnlyDictionary<string, Action<AgentParameters>> checks)
{
    /// <exception cref="AnalysisException">INVALID_PARAMETERS naming the agent's parameter.</exception>
    public void Run(IEnumerable<string> agents, ToolParameters parameters)
    {
        foreach (string agent in agents)
        {
            if (checks.TryGetValue(agent, out var check))
            {
                check(parameters.For(agent));
            }
        }
    }
}
