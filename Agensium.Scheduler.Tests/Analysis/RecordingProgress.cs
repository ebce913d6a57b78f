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

    /// <summary>
    /// A disk that fails one agent alone: <paramref name="folder"/> is moved away when <paramref name="agentId"/> reports
    /// that it starts, and back when any other agent does, so only that agent meets the missing files.
    /// </summary>
    public static RecordingProgress LosingFolderWhile(string agentId, string folder)
    {
        string away = folder + ".away";
        return new RecordingProgress(p =>
        {
            if (p.CurrentAgent == agentId)
            {
                Directory.Move(folder, away);
            }
            else if (Directory.Exists(away))
            {
                Directory.Move(away, folder);
            }
        });
    }
}
