using Npgsql;
using Quartz;

namespace Agensium.Scheduler.Jobs;

public static class SchedulerExtensions
{
    /// <summary>
    /// Quartz's ScheduleJob for a trigger that must not exist yet. Stored without Quartz's insert lock
    /// (<see cref="SchedulerOptions.LockOnInsert"/> false), two nodes storing the same trigger at once both pass
    /// Quartz's existence check and the second insert fails on the primary key: reported here as what the locked
    /// insert reports, <see cref="ObjectAlreadyExistsException"/>, so callers handle one case.
    /// </summary>
    public static async Task ScheduleNewAsync(this IScheduler scheduler, ITrigger trigger, CancellationToken ct)
    {
        try
        {
            await scheduler.ScheduleJob(trigger, cancellationToken: ct);
        }
        catch (JobPersistenceException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ObjectAlreadyExistsException(trigger);
        }
    }
}
