using Agensium.Scheduler.Jobs;
using Quartz;

namespace Agensium.Scheduler.Tasks;

/// <summary>Puts a queued task into the Quartz store: one trigger, named after the task, for the durable analysis job.</summary>
public sealed class TaskSubmitter(ISchedulerFactory schedulers)
{
    public const string TriggerGroup = "analysis";

    public static TriggerKey TriggerKeyFor(string taskId) => new(taskId, TriggerGroup);

    public async Task ScheduleAsync(string taskId, long userId, string toolId, string queue, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(TriggerKeyFor(taskId))
            .ForJob(ProcessAnalysisJob.Key)
            .UsingJobData(JobDataKeys.TaskId, taskId)
            .UsingJobData(JobDataKeys.UserId, userId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UsingJobData(JobDataKeys.ToolId, toolId)
            .UsingJobData(JobDataKeys.Queue, queue)
            .WithPriority(QueueOptions.PriorityOf(queue))
            .StartNow()
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(trigger, cancellationToken: ct);
    }
}
