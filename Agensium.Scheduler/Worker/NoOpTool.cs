using Agensium.Analysis;

namespace Agensium.Scheduler.Worker;

/// <summary>
/// A benchmark tool, enabled only by Worker:EnableBenchmarkTools: needs no input file, does nothing and succeeds.
/// A task using it still goes the whole production way (task row, Quartz trigger, listener, job_history, worker
/// process, Redis events), so it measures the scheduler's own cost per job, like the seed's Celery no-op task.
/// </summary>
public sealed class NoOpTool : IAnalysisTool
{
    public const string ToolId = "x-noop";

    public string Id => ToolId;
    public IReadOnlyList<string> Agents { get; } = ["noop"];
    public IReadOnlyList<string> DefaultAgents { get; } = ["noop"];

    public Task<AnalysisResult> RunAsync(AnalysisRequest request, IProgress<AnalysisProgress>? progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(AnalysisResult.Success([], 0));
    }
}
