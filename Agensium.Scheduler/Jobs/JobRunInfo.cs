using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>What a firing is about, read from its merged JobDataMap.</summary>
public sealed record JobRunInfo(string? TaskId, long? UserId, string? ToolId, string? Queue, DateTime? DueAtUtc)
{
    public static JobRunInfo From(IJobExecutionContext context)
    {
        var map = context.MergedJobDataMap;
        return new JobRunInfo(
            map.TryGetString(JobDataKeys.TaskId, out var t) ? t : null,
            map.TryGetString(JobDataKeys.UserId, out var u) && long.TryParse(u, out var uid) ? uid : null,
            map.TryGetString(JobDataKeys.ToolId, out var tool) ? tool : null,
            map.TryGetString(JobDataKeys.Queue, out var q) ? q : null,
            map.TryGetString(JobDataKeys.DueAt, out var due) && DateTime.TryParse(due, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var d) ? d : null);
    }
}
