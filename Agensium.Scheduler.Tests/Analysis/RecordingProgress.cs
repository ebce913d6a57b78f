using Agensium.Analysis;

namespace Agensium.Scheduler.Tests.Analysis;

/// <summary>Synchronous IProgress that records every report (Progress&lt;T&gt; would post asynchronously).</summary>
internal sealed class RecordingProgress(Action<AnalysisProgress>? onReport = null) : IProgress<AnalysisProgress>
{
    public List<AnalysisProgress> Reports { get; } = [];

    public void Report(AnalysisProgress value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}
