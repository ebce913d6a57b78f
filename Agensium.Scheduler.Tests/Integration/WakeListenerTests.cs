using Agensium.Scheduler.Data;
using Agensium.Scheduler.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;
using Quartz.Extensibility;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// The wake-up NOTIFY names the scheduler its new triggers are for (sql/018), and a node wakes only that one of its two
/// schedulers: a submission no longer wakes the maintenance scheduler, whose acquisition then found nothing (a
/// transaction of two reads per wake, ~0.4 per job in a 1-node drain; docs/benchmarks.md). CronWakeTests checks that a
/// cron run-now still wakes the maintenance scheduler of another node.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class WakeListenerTests
{
    private const string Database = "agensium_test_wake_routing";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task TriggerInsert_ShouldNotifyOncePerSchedulerItInsertsFor()
    {
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync(Database, ct);
        var sql = new SqlClient(cs);
        foreach (var scheduler in new[] { "wake-a", "wake-b" })
        {
            await sql.ExecuteAsync("""
                INSERT INTO qrtz_job_details (sched_name, job_name, job_group, job_class_name, is_durable, is_nonconcurrent,
                                              is_update_data, requests_recovery)
                VALUES (@s, 'job', 'group', 'Job', true, false, false, false)
                """, ct, ("s", scheduler));
        }
        await using var listen = new NpgsqlConnection(cs);
        await listen.OpenAsync(ct);
        var payloads = new List<string>();
        listen.Notification += (_, e) => payloads.Add(e.Payload);
        await using (var cmd = new NpgsqlCommand($"LISTEN {WakeListener.Channel}", listen))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        // One statement, three triggers of two schedulers; then a marker, so that everything sent before it has arrived.
        await sql.ExecuteAsync("""
            INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, trigger_state, trigger_type, start_time)
            VALUES ('wake-a', 't1', 'g', 'job', 'group', 'WAITING', 'SIMPLE', 0),
                   ('wake-a', 't2', 'g', 'job', 'group', 'WAITING', 'SIMPLE', 0),
                   ('wake-b', 't3', 'g', 'job', 'group', 'WAITING', 'SIMPLE', 0)
            """, ct);
        await sql.ExecuteAsync($"SELECT pg_notify('{WakeListener.Channel}', 'marker')", ct);
        while (!payloads.Contains("marker"))
        {
            await listen.WaitAsync(ct);
        }

        CollectionAssert.AreEquivalent(new[] { "wake-a", "wake-b", "marker" }, payloads);
    }

    [TestMethod]
    public async Task Notification_ShouldWakeTheSchedulerItNames_AndBothWhenItNamesNone()
    {
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync(Database, ct);
        var schedulerOptions = new SchedulerOptions { InstanceName = "wake-analyses" };
        var analyses = new CountingSignaler();
        var cron = new CountingSignaler();
        var services = new ServiceCollection()
            .AddSingleton<ISchedulerSignaler>(analyses)
            .AddKeyedSingleton<ISchedulerSignaler>(schedulerOptions.MaintenanceInstanceName, cron)
            .BuildServiceProvider();
        await using var _ = services;
        var listener = new WakeListener(Options.Create(new DatabaseOptions { ConnectionString = cs }), Options.Create(schedulerOptions),
            services, new MaintenanceScheduler(services, Options.Create(schedulerOptions)), NullLogger<WakeListener>.Instance);
        await listener.StartAsync(ct);
        try
        {
            // Once listening it wakes both (work may have been queued while it was not).
            await Poll.UntilAsync(() => Task.FromResult(analyses.Count >= 1 && cron.Count >= 1 ? "" : null), TimeSpan.FromSeconds(20), ct);
            analyses.Count = 0;
            cron.Count = 0;

            var sql = new SqlClient(cs);
            foreach (var payload in new[] { schedulerOptions.InstanceName, schedulerOptions.MaintenanceInstanceName, WakeListener.WakeBoth,
                         "another-cluster", schedulerOptions.MaintenanceInstanceName })
            {
                await sql.ExecuteAsync($"SELECT pg_notify('{WakeListener.Channel}', @p)", ct, ("p", payload));
            }
            // The notifications arrive in order on the listener's one connection: the last one's wake means all have been handled.
            await Poll.UntilAsync(() => Task.FromResult(cron.Count >= 3 ? "" : null), TimeSpan.FromSeconds(20), ct);

            Assert.AreEqual(2, analyses.Count, "its own name and the empty payload");
            Assert.AreEqual(3, cron.Count, "its own name twice and the empty payload");
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    private sealed class CountingSignaler : ISchedulerSignaler
    {
        private int _count;

        public int Count
        {
            get => Volatile.Read(ref _count);
            set => Volatile.Write(ref _count, value);
        }

        public ValueTask SignalSchedulingChange(DateTimeOffset? candidateNewNextFireTimeUtc, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.CompletedTask;
        }

        public ValueTask NotifyTriggerListenersMisfired(ITrigger trigger, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
        public ValueTask NotifySchedulerListenersFinalized(ITrigger trigger, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
        public ValueTask NotifySchedulerListenersJobDeleted(JobKey jobKey, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
        public ValueTask NotifySchedulerListenersError(SchedulerErrorContext errorContext, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
