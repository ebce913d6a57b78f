using System.Threading.Channels;
using Agensium.Analysis;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Messaging;
using Agensium.Scheduler.Tasks;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Turns an analysis's IProgress reports into task-row writes and Redis publishes, in order, off the analysis thread.
/// Only changes are written, and progress never goes down (the seed sets 20 on start, the first agent reports 15): what
/// is published is the row's progress after the write, so an attempt that took a task over publishes no lower figure
/// than the one before it had reached, and an attempt that is no longer the task's writes and publishes nothing.
/// </summary>
public sealed class TaskProgressReporter : IProgress<AnalysisProgress>, IAsyncDisposable
{
    private readonly Channel<AnalysisProgress> _reports = Channel.CreateUnbounded<AnalysisProgress>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _taskId;
    private readonly int _attempt;
    private readonly long _userId;
    private readonly TaskStore _store;
    private readonly ITaskEventPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Task _pump;

    public TaskProgressReporter(string taskId, int attempt, long userId, TaskStore store, ITaskEventPublisher publisher, TimeProvider time, ILogger logger)
    {
        (_taskId, _attempt, _userId, _store, _publisher, _time, _logger) = (taskId, attempt, userId, store, publisher, time, logger);
        _pump = Task.Run(PumpAsync);
    }

    public void Report(AnalysisProgress value) => _reports.Writer.TryWrite(value);

    private async Task PumpAsync()
    {
        var last = (Progress: TaskStore.ProcessingStartProgress, Agent: (string?)null);
        await foreach (var report in _reports.Reader.ReadAllAsync())
        {
            var progress = Math.Clamp(Math.Max(report.Progress, last.Progress), 0, 99);
            if (progress == last.Progress && report.CurrentAgent == last.Agent)
            {
                continue;
            }
            last = (progress, report.CurrentAgent);
            try
            {
                if (await _store.UpdateProgressAsync(_taskId, _attempt, progress, report.CurrentAgent, CancellationToken.None) is { } stored)
                {
                    await _publisher.PublishAsync(new TaskEvent(_taskId, _userId, TaskStatuses.Processing, stored,
                        report.CurrentAgent, null, _time.GetUtcNow().UtcDateTime), CancellationToken.None);
                }
            }
            catch (Exception e)
            {
                _logger.ProgressFailed(e, _taskId);
            }
        }
    }

    /// <summary>Waits until every report made so far is written.</summary>
    public async ValueTask DisposeAsync()
    {
        _reports.Writer.TryComplete();
        await _pump;
    }
}
