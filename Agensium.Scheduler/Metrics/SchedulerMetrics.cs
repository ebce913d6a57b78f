using System.Diagnostics.Metrics;
using Agensium.Scheduler.Jobs;

namespace Agensium.Scheduler.Metrics;

/// <summary>
/// The scheduler's own instruments (meter "Agensium.Scheduler"), exported at /metrics with Quartz's: jobs started,
/// completed and failed by job, tool and queue, job duration, queue depth and Redis publish lag. Counts are per node.
/// </summary>
public sealed class SchedulerMetrics : IDisposable
{
    public const string MeterName = "Agensium.Scheduler";

    private readonly Meter _meter;
    private readonly Counter<long> _started;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _publishLag;

    public SchedulerMetrics(IMeterFactory meters, QueueDepthProbe depth)
    {
        _meter = meters.Create(MeterName);
        _started = _meter.CreateCounter<long>("agensium.jobs.started", description: "Job executions started on this node");
        _completed = _meter.CreateCounter<long>("agensium.jobs.completed", description: "Job executions that completed");
        _failed = _meter.CreateCounter<long>("agensium.jobs.failed", description: "Job executions that failed (error_code label)");
        _duration = _meter.CreateHistogram<double>("agensium.job.duration", unit: "s", description: "Duration of job executions");
        _publishLag = _meter.CreateHistogram<double>("agensium.progress.publish.lag", unit: "s",
            description: "Time from a task event to its Redis publish completing");
        _meter.CreateObservableGauge("agensium.queue.depth", depth.Observe, description: "Analysis tasks waiting to start, per queue");
    }

    public void Started(string job, JobRunInfo info) => _started.Add(1, Tags(job, info));

    public void Finished(string job, JobRunInfo info, JobOutcome outcome, TimeSpan duration)
    {
        var tags = Tags(job, info);
        if (outcome.Status == Data.JobRunStatuses.Completed)
        {
            _completed.Add(1, tags);
        }
        else if (outcome.Status == Data.JobRunStatuses.Failed)
        {
            _failed.Add(1, [.. tags, new("error_code", outcome.ErrorCode ?? "")]);
        }
        _duration.Record(duration.TotalSeconds, tags);
    }

    public void PublishLag(TimeSpan lag) => _publishLag.Record(lag.TotalSeconds);

    private static KeyValuePair<string, object?>[] Tags(string job, JobRunInfo info) =>
        [new("job", job), new("tool", info.ToolId ?? ""), new("queue", info.Queue ?? "")];

    public void Dispose() => _meter.Dispose();
}
