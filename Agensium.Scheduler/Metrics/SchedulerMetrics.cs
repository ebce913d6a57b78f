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

    /// <summary>
    /// Bucket boundaries of agensium_job_duration_seconds, in seconds: 0.1 s to 2 h (a health check takes milliseconds,
    /// an analysis seconds to the hard time limit). The default boundaries (0, 5, 10, 25 … 10000) are meant for
    /// milliseconds and put nearly every run in le="5".
    /// </summary>
    public static readonly IReadOnlyList<double> JobDurationBuckets =
        [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];

    /// <summary>Bucket boundaries of agensium_progress_publish_lag_seconds, in seconds: 1 ms to 10 s (a publish takes a few ms).</summary>
    public static readonly IReadOnlyList<double> PublishLagBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

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
        _duration = _meter.CreateHistogram("agensium.job.duration", unit: "s", description: "Duration of job executions",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobDurationBuckets });
        _publishLag = _meter.CreateHistogram("agensium.progress.publish.lag", unit: "s",
            description: "Time from a task event to its Redis publish completing",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = PublishLagBuckets });
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
