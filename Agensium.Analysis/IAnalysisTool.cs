namespace Agensium.Analysis;

/// <summary>One Agensium tool: a chain of agents over the task's inputs.</summary>
public interface IAnalysisTool
{
    /// <summary>Tool id, e.g. profile-my-data.</summary>
    string Id { get; }

    /// <summary>Every agent id the tool accepts, in canonical order.</summary>
    IReadOnlyList<string> Agents { get; }

    /// <summary>The agents run when a task names none.</summary>
    IReadOnlyList<string> DefaultAgents { get; }

    /// <summary>Runs the tool. Progress follows 15 + floor(i/N·80) before agent i of N. Throws OperationCanceledException when cancelled; bad input ends in a failed result, never an unhandled exception.</summary>
    Task<AnalysisResult> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress>? progress, CancellationToken cancellationToken);
}
