using Quartz;
using Quartz.Impl.AdoJobStore;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// How many analyses a node may run at once: Scheduler:Concurrency in all, each queue at most its own share
/// (Queues:MaxShare). The node's Quartz thread pool has <see cref="MaintenanceSlots"/> more threads than that, kept for
/// the cron jobs, so <see cref="MaintenanceFirstDelegate"/> lets a node acquire analyses only while fewer than
/// Scheduler:Concurrency of them run there. Quartz's execution limits count each queue on its own; nothing of Quartz's
/// caps their sum below the pool, so the sum is counted here, from the same limits.
/// </summary>
public sealed class AnalysisSlots(int concurrency, IReadOnlyDictionary<string, int> perQueue)
{
    /// <summary>Threads of a node's pool beyond its analysis slots: one, for the health check or the cleanup.</summary>
    public const int MaintenanceSlots = 1;

    /// <summary>The analysis job's type as Quartz stores it in qrtz_job_details.job_class_name.</summary>
    public static readonly string JobTypeName =
        $"{typeof(ProcessAnalysisJob).FullName}, {typeof(ProcessAnalysisJob).Assembly.GetName().Name}";

    /// <summary>The name of the stand-in candidates <see cref="HeldBack"/> returns; no trigger is ever stored under it.</summary>
    public const string HeldBackTriggerName = "agensium-analysis-slots-full";

    public int Concurrency => concurrency;

    public static AnalysisSlots For(SchedulerOptions scheduler, QueueOptions queues) =>
        new(scheduler.Concurrency, QueueOptions.Names.ToDictionary(q => q, q => queues.SlotsFor(q, scheduler.Concurrency), StringComparer.Ordinal));

    public static bool IsAnalysis(TriggerAcquireResult candidate) =>
        string.Equals(candidate.JobTypeName, JobTypeName, StringComparison.Ordinal);

    /// <summary>
    /// Analysis slots still free on this node, from the limits the scheduler thread hands an acquisition: each queue's
    /// limit less what this node runs in it (Quartz's own count, taken when a firing is handed to a thread and given
    /// back when it ends; a recovered analysis counts under its queue too).
    /// </summary>
    public int Free(ExecutionLimits available)
    {
        var running = 0;
        foreach (var (queue, limit) in perQueue)
        {
            if (available.TryGetLimit(ExecutionGroupScope.Named(queue), out var left) && left is { } n)
            {
                running += Math.Max(0, limit - n);
            }
        }
        return concurrency - running;
    }

    /// <summary>
    /// One stand-in per queue, marked at its limit, for an acquisition that left analyses out because every analysis
    /// slot is busy. Quartz drops such candidates unread, and remembers their groups as held back at their limit: when
    /// an analysis of one of them ends on this node, Quartz wakes its scheduler thread at once to fill the slot (as it
    /// does for a queue's own limit), instead of after Scheduler:IdleWaitTime.
    /// </summary>
    public IEnumerable<TriggerAcquireResult> HeldBack() =>
        perQueue.Keys.Select(q => new TriggerAcquireResult(new TriggerKey(HeldBackTriggerName, q), JobTypeName, q) { ExecutionGroupAtLimit = true });
}
