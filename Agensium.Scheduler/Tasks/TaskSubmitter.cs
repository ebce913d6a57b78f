using Agensium.Scheduler.Jobs;
using Quartz;

namespace Agensium.Scheduler.Tasks;

/// <summary>
/// Puts a queued task into the Quartz store: one trigger, named after the task, for the durable analysis job. The
/// trigger's group is its queue, so pausing a queue is Quartz's own trigger-group pause, shared by the cluster: waiting
/// triggers of the queue stop, and triggers added to it later are stored paused until the queue is resumed. The trigger
/// is written by <see cref="OneShotTriggerWriter"/> (one statement) rather than Quartz's ScheduleJob (a transaction of
/// seven); removing one goes through Quartz.
/// </summary>
public sealed class TaskSubmitter(ISchedulerFactory schedulers, OneShotTriggerWriter triggers, TimeProvider time)
{
    /// <summary>The group of triggers written before queues became trigger groups; still searched when unscheduling.</summary>
    public const string LegacyTriggerGroup = "analysis";

    /// <summary>Trigger of an attempt: the task id for the first, task-id.retryN for retries, in its queue's group.</summary>
    public static TriggerKey TriggerKeyFor(string taskId, string queue, int attempt = 1) =>
        new(attempt <= 1 ? taskId : $"{taskId}.retry{attempt}", queue);

    /// <summary>
    /// Schedules an attempt. A trigger already stored for it is reported as Quartz's <see cref="ObjectAlreadyExistsException"/>.
    /// </summary>
    public async Task ScheduleAsync(string taskId, long userId, string toolId, string queue, int attempt, DateTimeOffset? notBefore, CancellationToken ct) =>
        await triggers.InsertAsync(BuildTrigger(taskId, userId, toolId, queue, attempt, notBefore, time.GetUtcNow()), ct);

    /// <summary>
    /// The trigger of an attempt. Quartz acquires due triggers oldest fire time first, so a queue's priority is a head
    /// start in fire time (<see cref="QueueOptions.HeadStart"/>): queued high-priority work is taken before default and
    /// low. Misfires are ignored, so a head start never counts as a missed fire. The queue is also the Quartz execution
    /// group, which the per-node queue limits apply to.
    /// </summary>
    public static ITrigger BuildTrigger(string taskId, long userId, string toolId, string queue, int attempt, DateTimeOffset? notBefore, DateTimeOffset now)
    {
        var due = notBefore ?? now;
        return TriggerBuilder.Create()
            .WithIdentity(TriggerKeyFor(taskId, queue, attempt))
            .ForJob(ProcessAnalysisJob.Key)
            .UsingJobData(JobDataKeys.TaskId, taskId)
            .UsingJobData(JobDataKeys.UserId, userId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UsingJobData(JobDataKeys.ToolId, toolId)
            .UsingJobData(JobDataKeys.Queue, queue)
            .UsingJobData(JobDataKeys.DueAt, due.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture))
            .WithPriority(QueueOptions.PriorityOf(queue))
            .WithExecutionGroup(queue)
            .StartAt(notBefore ?? now - QueueOptions.HeadStart(queue))
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.IgnoreMisfires))
            .Build();
    }

    /// <summary>Removes every pending trigger of a task (first attempt and retries); returns how many there were.</summary>
    public async Task<int> UnscheduleAsync(string taskId, int lastAttempt, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var keys = Enumerable.Range(1, Math.Max(1, lastAttempt + 1))
            .SelectMany(a => QueueOptions.Names.Append(LegacyTriggerGroup).Select(q => TriggerKeyFor(taskId, q, a)))
            .ToList();
        return (await scheduler.UnscheduleJobs(keys, ct)).Count;
    }
}
