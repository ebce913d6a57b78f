using Agensium.Scheduler.Worker;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Scheduler:StaleProcessingAfter checked against the worker time limits at start. The cleanup job fails a task
/// PROCESSING for longer as STALE_TASK and closes its attempt with it, which stops a run still alive: a threshold under
/// a hard time limit failed tasks whose runs were only slow (found by the stop-39 probe: StaleProcessingAfter 00:01:00
/// beside a 00:03:30 hard limit; those runs then also uploaded their outputs under the FAILED task and closed their
/// attempt COMPLETED, until stop 40). A run also downloads its
/// inputs before and uploads its outputs after its worker's limit, hence the hour on top of the longest limit.
/// </summary>
public sealed class StaleSweepSettings(IOptions<WorkerOptions> worker) : IValidateOptions<SchedulerOptions>
{
    public static readonly TimeSpan Margin = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        var w = worker.Value;
        var longest = w.Tools.Values.Select(t => t.HardTimeLimit ?? w.HardTimeLimit).Append(w.HardTimeLimit).Max();
        return options.StaleProcessingAfter >= longest + Margin
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{SchedulerOptions.Section}:{nameof(SchedulerOptions.StaleProcessingAfter)} ({options.StaleProcessingAfter:c}) must be at least the longest Worker hard time limit ({longest:c}) plus {Margin.TotalHours:0} h: the cleanup job would fail tasks whose runs are still going on."));
    }
}
