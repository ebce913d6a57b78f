using Agensium.Analysis.Input;

namespace Agensium.Analysis.Master;

/// <summary>One agent of master-my-data, run on the current primary table.</summary>
public interface IMasterAgent
{
    /// <summary>The agent id, e.g. golden-record-builder.</summary>
    string Id { get; }

    /// <summary>The display name, e.g. Golden Record Builder.</summary>
    string DisplayName { get; }

    /// <summary>Runs the agent.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for bad parameters (fails the task).</exception>
    /// <exception cref="MasterAgentException">The agent cannot run on this input (fails only the agent).</exception>
    MasterAgentResult Run(MasterTable input, AgentParameters parameters, CancellationToken cancellationToken);
}
