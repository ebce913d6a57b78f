using Agensium.Analysis.Input;

namespace Agensium.Analysis.Clean;

/// <summary>One agent of the clean-my-data chain.</summary>
public interface ICleanAgent
{
    /// <summary>Agent id, e.g. null-handler.</summary>
    string Id { get; }

    /// <summary>Display name, e.g. Null Handler.</summary>
    string DisplayName { get; }

    /// <summary>Runs the agent on <see cref="CleanAgentContext.Current"/>; a file-producing agent writes its cleaned CSV to <see cref="CleanAgentContext.OutputPath"/>.</summary>
    /// <exception cref="AnalysisException">INVALID_PARAMETERS for bad parameters, INVALID_INPUT_FILE for an unreadable file.</exception>
    /// <exception cref="OperationCanceledException">When cancelled.</exception>
    CleanAgentResult Run(CleanAgentContext context, AgentParameters parameters, CancellationToken cancellationToken);
}
