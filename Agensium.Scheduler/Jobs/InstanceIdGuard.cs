using Agensium.Scheduler.Hosting;
using Agensium.Scheduler.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// Refuses to start a node whose fixed Scheduler:InstanceId another running node already uses: Quartz would take the
/// two for one node and recover the first one's running jobs as if it had died. A recent check-in under that id may
/// also be this node's own, left by a process that just stopped (a restart), so the guard waits one check-in
/// threshold and refuses only if the check-in moved meanwhile. "AUTO" ids are unique per process and are not checked.
/// Registered after the schema migration and before Quartz's hosted service.
/// </summary>
public sealed class InstanceIdGuard(NpgsqlDataSource database, IOptions<SchedulerOptions> options, ILogger<InstanceIdGuard> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (string.Equals(o.InstanceId, "AUTO", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var first = await LastCheckinAsync(o, cancellationToken);
        if (first is not { } seen || seen.AgeMs > o.ClusterCheckinMisfireThreshold.TotalMilliseconds)
        {
            return;
        }

        var wait = o.ClusterCheckinMisfireThreshold + o.ClusterCheckinInterval;
        logger.InstanceIdRecentlySeen(o.InstanceId, seen.AgeMs, (long)wait.TotalMilliseconds);
        await Task.Delay(wait, cancellationToken);
        if (await LastCheckinAsync(o, cancellationToken) is { } again && again.Ticks != seen.Ticks)
        {
            throw new StartupCheckException($"Another running node uses Scheduler:InstanceId '{o.InstanceId}' in cluster '{o.InstanceName}' "
                + "(it checked in while this one was starting). Give every node its own id, or leave it AUTO.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Quartz keeps check-ins as UTC ticks; the age is taken on the database's clock.
    private async Task<(long Ticks, long AgeMs)?> LastCheckinAsync(SchedulerOptions o, CancellationToken ct)
    {
        try
        {
            await using var command = database.CreateCommand($"""
                SELECT last_checkin_time,
                       ((extract(epoch FROM clock_timestamp()) * 10000000)::bigint + 621355968000000000 - last_checkin_time) / 10000
                  FROM {QuartzSetup.TablePrefix}scheduler_state WHERE sched_name = $1 AND instance_name = $2
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = o.InstanceName });
            command.Parameters.Add(new NpgsqlParameter { Value = o.InstanceId });
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null; // no Quartz schema yet: no node has ever checked in
        }
    }
}
