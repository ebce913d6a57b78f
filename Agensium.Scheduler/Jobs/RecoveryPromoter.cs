using Agensium.Scheduler.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Puts work recovered from a dead node at the head of the queue. Quartz dates a recovery trigger at the moment of
/// recovery, with a misfire policy, so it would wait behind every queued task (whose fire times carry their queue's
/// head start, see <see cref="Tasks.TaskSubmitter"/>). Each second this moves waiting recovery triggers
/// <see cref="RecoveredHeadStart"/> earlier, keeping their order, and lets them ignore misfires, so the next free slot
/// of any node runs them (the acks_late + reject_on_worker_lost behaviour: a lost task runs again promptly).
/// </summary>
public sealed class RecoveryPromoter(NpgsqlDataSource db, IOptions<SchedulerOptions> options, ILogger<RecoveryPromoter> logger) : BackgroundService
{
    public const string RecoveryGroup = "RECOVERING_JOBS";
    public static readonly TimeSpan RecoveredHeadStart = TimeSpan.FromDays(30);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicLoop.RunAsync(options.Value.RecoveryPromotionInterval, async ct =>
        {
            var promoted = await PromoteAsync(ct);
            if (promoted > 0)
            {
                logger.RecoveredPromoted(promoted);
            }
        }, logger.RecoveredPromotionFailed, stoppingToken);

    public async Task<int> PromoteAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"""
            UPDATE {QuartzSetup.TablePrefix}triggers
               SET next_fire_time = next_fire_time - @shift, misfire_instr = -1
             WHERE sched_name = @sched AND trigger_group = @group AND trigger_state = 'WAITING' AND misfire_instr <> -1
            """);
        cmd.Parameters.AddWithValue("shift", RecoveredHeadStart.Ticks);
        cmd.Parameters.AddWithValue("sched", options.Value.InstanceName);
        cmd.Parameters.AddWithValue("group", RecoveryGroup);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
