using System.Diagnostics;
using System.Globalization;
using Agensium.Scheduler.Jobs;
using Agensium.Scheduler.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Agensium.Scheduler.Dashboard;

/// <summary>
/// Keeps this node's row in the nodes table: written once the node serves (never for a node that failed to start), refreshed every heartbeat with load and memory, and
/// marked stopped on a clean stop. A node that disappears without stopping is shown dead once its heartbeat is stale.
/// The node beats on while the host stops (Quartz lets running jobs finish, up to Scheduler:ShutdownGrace) and is marked
/// stopped only once the host has stopped with none of its attempts left open: a node whose grace ran out with jobs
/// still running, or that was killed during it, did not stop cleanly and is shown dead.
/// A failed write (database down) is logged and retried at the next beat; it never stops the node. Each beat also uses
/// the HTTP requests' pool once (<see cref="Data.Database.CheckRequestsPoolAsync"/>), so that its connections killed by a
/// PostgreSQL restart are found by the node, not by the next client. Each beat, written or not, also lets the lines of
/// refused uploads say their pending count (<see cref="Api.RefusedUploadLines.SayPending"/>).
/// </summary>
public sealed class NodeHeartbeat(Data.Database db, NodeIdentity node, IOptions<SchedulerOptions> scheduler,
    IOptions<DashboardOptions> options, IHostApplicationLifetime lifetime, ILogger<NodeHeartbeat> logger,
    Api.RefusedUploadLines? refusedUploads = null) : BackgroundService
{
    private CancellationTokenRegistration _onStopped;

    private static readonly string Version =
        typeof(NodeHeartbeat).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0";

    private readonly DateTime _startedAt = DateTime.UtcNow;

    // A database that stays away is said at once and then once a minute, not at every beat (every 5 s: 12 identical
    // lines a minute); a beat that is written again starts over, so the next outage is said at once.
    private WarningThrottle _warnings = new(OutageLines.RepeatEvery);
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The row is written once the node serves (every hosted service started, Kestrel listening; Quartz starts only
        // then too, AwaitApplicationStarted): a node that never started, its port held by another process, is no crashed
        // node and leaves no row, where it was listed dead for Dashboard:ForgetNodesAfter (7 days).
        if (!await StartedAsync(stoppingToken))
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval);
        do
        {
            try
            {
                await BeatAsync(stoppingToken);
                if (_failing)
                {
                    _failing = false;
                    _warnings = new(OutageLines.RepeatEvery);
                }
                // The database answers: the outage lines of every part of the node (Quartz's, the jobs') still open say
                // how many of them were left out, and the next outage is said at once. At every beat written, not only
                // after a beat failed: an outage shorter than a beat (a 1 s restart) left its lines open, so a second
                // outage within their minute was counted into them and its "answers again" named the first one's start
                // (stop 43's probe). Nothing is said when no line is open.
                OutageLines.Answered(OutageCause.PostgreSql);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong (database down, a timeout), the node serves on and beats again next time.
                _failing = true;
                if (_warnings.Due())
                {
                    logger.HeartbeatFailed(e.Message);
                }
            }
            // Uploads refused 507 since their last line are counted out a minute after it, also when none follows.
            refusedUploads?.SayPending();
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    // True once the host has started; false when it stops (or fails to start) first.
    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        try
        {
            await started.Task.WaitAsync(stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // Called early in the host's stop (services stop in reverse order, this one before Quartz's): keep beating, and
    // settle the row once the whole host has stopped.
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _onStopped = lifetime.ApplicationStopped.Register(MarkStopped);
        return Task.CompletedTask;
    }

    public override void Dispose()
    {
        _onStopped.Dispose();
        base.Dispose();
    }

    private void MarkStopped()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            base.StopAsync(timeout.Token).GetAwaiter().GetResult();
            using var cmd = db.CreateCommand("""
                UPDATE nodes SET stopped_at = now(), last_seen = now()
                 WHERE instance_id = @id
                   AND NOT EXISTS (SELECT 1 FROM job_history WHERE node_instance_id = @id AND status = 'RUNNING')
                """);
            cmd.Parameters.AddWithValue("id", node.Id);
            cmd.ExecuteNonQueryAsync(timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            logger.HeartbeatFailed(e.Message);
        }
    }

    private async Task BeatAsync(CancellationToken ct)
    {
        // Before the write: a beat written after a PostgreSQL restart has also dropped the requests' dead connections.
        await db.CheckRequestsPoolAsync(ct);
        await using var cmd = db.CreateCommand("""
            INSERT INTO nodes (instance_id, host, pid, version, run_jobs, slots, started_at, last_seen, stopped_at, load1, working_set_mb)
            VALUES (@id, @host, @pid, @version, @run, @slots, @started, now(), NULL, @load, @ws)
            ON CONFLICT (instance_id) DO UPDATE SET last_seen = now(), stopped_at = NULL, load1 = excluded.load1,
                working_set_mb = excluded.working_set_mb, slots = excluded.slots, run_jobs = excluded.run_jobs
            """);
        cmd.Parameters.AddWithValue("id", node.Id);
        cmd.Parameters.AddWithValue("host", Environment.MachineName);
        cmd.Parameters.AddWithValue("pid", Environment.ProcessId);
        cmd.Parameters.AddWithValue("version", Version);
        cmd.Parameters.AddWithValue("run", scheduler.Value.RunJobs);
        cmd.Parameters.AddWithValue("slots", scheduler.Value.RunJobs ? scheduler.Value.Concurrency : 0);
        cmd.Parameters.AddWithValue("started", _startedAt);
        cmd.Parameters.AddWithValue("load", (object?)LoadAverage() ?? DBNull.Value);
        using var self = Process.GetCurrentProcess();
        cmd.Parameters.AddWithValue("ws", (int)(self.WorkingSet64 / (1024 * 1024)));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The one-minute load average where the OS has one (Linux); null elsewhere.</summary>
    private static float? LoadAverage()
    {
        try
        {
            var text = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg") : null;
            return text is not null && float.TryParse(text.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
                ? load : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
