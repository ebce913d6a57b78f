using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Operations;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Declares the cron triggers of the seed's beat schedule, once per cluster: fixed keys in the shared store, in the
/// maintenance scheduler (<see cref="MaintenanceScheduler"/>). A trigger
/// that already exists with the same schedule is left untouched, so after downtime its missed fire is seen and run
/// once (FireAndProceed) rather than skipped or replayed for every missed period.
/// <para>
/// The schedule lives in the shared store, not in a node: a node whose setting differs from the stored schedule
/// replaces it (the node that starts last with a changed setting wins), says so in a warning and an audit_log row
/// (action <c>reschedule-cron</c>, actor <c>node-settings</c>), and keeps the trigger's paused state: a cron job an
/// operator paused stays paused under its new schedule (it was resumed silently before).
/// </para>
/// <para>
/// Nodes starting at once register one after the other (<see cref="CronRegistrationLock"/>): the second sees the
/// first's triggers, so a schedule change is applied and audited once, and a second node with another setting
/// reschedules what the first stored rather than leaving it silently.
/// </para>
/// </summary>
public sealed class CronRegistrar(MaintenanceScheduler maintenance, IOptions<SchedulerOptions> options, NpgsqlDataSource db, AuditLog audit,
    ILogger<CronRegistrar> logger) : IHostedService
{
    /// <summary>The audit_log actor of a schedule changed by a node's settings (not by an operator's request).</summary>
    public const string SettingsActor = "node-settings";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // One node at a time, from the first read of the stored schedules to the last write (CronRegistrationLock).
        await using var registration = await CronRegistrationLock.AcquireAsync(db, maintenance.Name, cancellationToken);
        // Triggers an earlier version stored under the analyses' scheduler come over first, with their schedule and pause,
        // so that what follows compares this node's settings with the cluster's stored schedule as before.
        var moved = await LegacyCronTriggers.MoveAsync(db, options.Value.InstanceName, maintenance.Name, cancellationToken);
        if (moved > 0)
        {
            logger.CronTriggersMoved(moved, options.Value.InstanceName, maintenance.Name);
        }
        var scheduler = await maintenance.GetAsync(cancellationToken);
        await EnsureAsync(scheduler, CleanupExpiredTasksJob.TriggerKey, CleanupExpiredTasksJob.Key, options.Value.CleanupCron, "Scheduler:CleanupCron", cancellationToken);
        await EnsureAsync(scheduler, HealthCheckJob.TriggerKey, HealthCheckJob.Key, options.Value.HealthCheckCron, "Scheduler:HealthCheckCron", cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureAsync(IScheduler scheduler, TriggerKey key, JobKey job, string cron, string setting, CancellationToken ct)
    {
        // CronSettings refused a cron that never fires when the options were validated; one whose last fire time passed
        // since (a year that just ended) is refused here the same way: one line and exit 78, not a crash.
        if (CronSettings.Problem(setting, cron, DateTimeOffset.UtcNow) is { } problem)
        {
            throw new Hosting.StartupCheckException(problem);
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(job)
            .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        var existing = await scheduler.GetTrigger(key, ct) as ICronTrigger;
        if (existing is null)
        {
            try
            {
                await scheduler.ScheduleNewAsync(trigger, ct);
                logger.CronScheduled(key.Name, cron);
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another node declared it at the same moment.
            }
        }
        else if (existing.CronExpressionString != cron)
        {
            var old = existing.CronExpressionString ?? "";
            // A paused trigger gets its new schedule in place and stays paused; Quartz's RescheduleJob would store it WAITING.
            var paused = await scheduler.GetTriggerState(key, ct) == TriggerState.Paused && await ReschedulePausedAsync(key, trigger, cron, ct);
            logger.CronSettingDiffers(setting, cron, key.Name, old, paused ? "; it stays paused" : "");
            if (!paused)
            {
                await scheduler.RescheduleJob(key, trigger, ct);
            }
            logger.CronRescheduled(key.Name, old, cron);
            await audit.WriteAsync(new Actor(SettingsActor, null), "reschedule-cron", job.Name, "done",
                $"{setting}: '{old}' -> '{cron}'{(paused ? " (still paused)" : "")}", ct);
        }
    }

    /// <summary>
    /// Gives a paused cron trigger its new schedule without resuming it: its cron and next fire time change in one
    /// transaction under Quartz's TRIGGER_ACCESS lock, and only while it is still paused (a paused trigger is never
    /// acquired, so no node holds an old copy that it would write back). False when it was resumed meanwhile.
    /// </summary>
    private async Task<bool> ReschedulePausedAsync(TriggerKey key, ITrigger trigger, string cron, CancellationToken ct)
    {
        var next = trigger.GetFireTimeAfter(DateTimeOffset.UtcNow) ?? throw new Hosting.StartupCheckException($"{key.Name} '{cron}' never fires.");
        const string P = QuartzSetup.TablePrefix;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Quartz inserts its lock row the first time it takes the lock, and a SELECT … FOR UPDATE of a missing row locks
        // nothing (nor waits for a transaction inserting it). This node's own scheduler took the lock, and so made the
        // row, when it stored the cron jobs at start, before the registration runs; the row is inserted here too if it is
        // missing (waiting for an insert in progress), so that the lock does not rest on that order.
        await using (var cmd = new NpgsqlCommand($"""
            INSERT INTO {P}locks (sched_name, lock_name) VALUES (@s, 'TRIGGER_ACCESS') ON CONFLICT DO NOTHING;
            SELECT 1 FROM {P}locks WHERE sched_name = @s AND lock_name = 'TRIGGER_ACCESS' FOR UPDATE
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("s", maintenance.Name);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await using (var cmd = new NpgsqlCommand($"""
            WITH t AS (
              UPDATE {P}triggers SET next_fire_time = @next
               WHERE sched_name = @s AND trigger_name = @n AND trigger_group = @g AND trigger_state IN ('PAUSED', 'PAUSED_BLOCKED')
              RETURNING sched_name, trigger_name, trigger_group)
            UPDATE {P}cron_triggers c SET cron_expression = @cron
              FROM t WHERE c.sched_name = t.sched_name AND c.trigger_name = t.trigger_name AND c.trigger_group = t.trigger_group
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("next", next.UtcTicks);
            cmd.Parameters.AddWithValue("s", maintenance.Name);
            cmd.Parameters.AddWithValue("n", key.Name);
            cmd.Parameters.AddWithValue("g", key.Group);
            cmd.Parameters.AddWithValue("cron", cron);
            var changed = await cmd.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
            return changed == 1;
        }
    }
}
