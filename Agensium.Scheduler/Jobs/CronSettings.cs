using Microsoft.Extensions.Options;
using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// The two cron settings checked at start: a cron Quartz cannot parse, and one that parses but never fires again
/// (30 February, a year in the past), stop the node with exit 78 and one line naming the setting. Quartz refuses the
/// second only when the trigger is stored, which crashed the node (exit 134, a stack trace) and the systemd unit
/// restarted it over and over.
/// </summary>
public sealed class CronSettings(TimeProvider? clock = null) : IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        var failures = new[]
        {
            Problem($"{SchedulerOptions.Section}:{nameof(SchedulerOptions.CleanupCron)}", options.CleanupCron, now),
            Problem($"{SchedulerOptions.Section}:{nameof(SchedulerOptions.HealthCheckCron)}", options.HealthCheckCron, now),
        }.OfType<string>().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Why <paramref name="cron"/> cannot be a setting's schedule, or null. Evaluated in UTC, as the triggers are.</summary>
    public static string? Problem(string setting, string? cron, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return null; // [Required] says so
        }

        if (!CronExpression.TryParse(cron, out _))
        {
            return $"{setting} '{cron}' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year], e.g. '0 0/15 * * * ?').";
        }

        // As Quartz decides when it stores the trigger ("will never fire"): its first fire time from now, in UTC.
        var trigger = TriggerBuilder.Create()
            .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc))
            .StartAt(now)
            .Build();
        return trigger.GetFireTimeAfter(now) is null
            ? $"{setting} '{cron}' never fires (no time after now matches it: a day that does not exist, or a year in the past); give a schedule that fires, e.g. '0 0/15 * * * ?'."
            : null;
    }
}
