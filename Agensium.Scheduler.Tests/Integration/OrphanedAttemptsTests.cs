using Agensium.Scheduler.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// The orphan closer (<see cref="JobHistoryRetention.CloseOrphanedAsync"/>) judges each RUNNING attempt by the check-in
/// of the scheduler that runs its job: the cron jobs' by the node's maintenance scheduler, the others' by its analyses'
/// scheduler. It judged every attempt by the analyses' check-in (s44 review), so a stopping node, whose analyses'
/// scheduler may stop checking in while its maintenance scheduler still runs a long cleanup, had that cleanup closed
/// LOST by another node; and a node whose maintenance scheduler stopped had its cron attempts left RUNNING.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class OrphanedAttemptsTests
{
    private const string Database = "agensium_test_orphaned_attempts";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task EachAttempt_ShouldBeJudgedByTheCheckInOfTheSchedulerThatRunsItsJob()
    {
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync(Database, ct);
        var db = new SqlClient(cs);
        var o = new SchedulerOptions();
        // Each node checks in with one of its two schedulers only; the other stopped a minute ago.
        var cases = new (JobKey Job, string Checking, string Expected)[]
        {
            (CleanupExpiredTasksJob.Key, o.MaintenanceInstanceName, "RUNNING"), // was LOST: the stopping node's long cleanup
            (CleanupExpiredTasksJob.Key, o.InstanceName, "LOST"),               // was left RUNNING
            (HealthCheckJob.Key, o.MaintenanceInstanceName, "RUNNING"),
            (HealthCheckJob.Key, o.InstanceName, "LOST"),
            (DebugJob.Key, o.InstanceName, "RUNNING"), // the maintenance group's, but run by the analyses' scheduler
            (DebugJob.Key, o.MaintenanceInstanceName, "LOST"),
            (ProcessAnalysisJob.Key, o.InstanceName, "RUNNING"), // its task is gone: nothing else closes it
            (ProcessAnalysisJob.Key, o.MaintenanceInstanceName, "LOST"),
        };
        var now = DateTime.UtcNow;
        for (int i = 0; i < cases.Length; i++)
        {
            var (job, checking, _) = cases[i];
            foreach (var sched in new[] { o.InstanceName, o.MaintenanceInstanceName })
            {
                await db.ExecuteAsync("""
                    INSERT INTO qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval)
                    VALUES (@sched, @node, @at, 2000)
                    """, ct, ("sched", sched), ("node", $"node-{i}"), ("at", (sched == checking ? now : now.AddMinutes(-1)).Ticks));
            }
            await db.ExecuteAsync("""
                INSERT INTO job_history (fire_instance_id, job_name, job_group, task_id, node_instance_id, status, started_at)
                VALUES (@fire, @job, @group, @task, @node, 'RUNNING', now() - interval '2 minutes')
                """, ct, ("fire", $"fire-{i}"), ("job", job.Name), ("group", job.Group),
                ("task", job.Equals(ProcessAnalysisJob.Key) ? Guid.NewGuid().ToString() : null), ("node", $"node-{i}"));
        }

        await using var source = NpgsqlDataSource.Create(cs);
        var closed = await new JobHistoryRetention(source, Options.Create(o), TimeProvider.System).CloseOrphanedAsync(ct);

        var statuses = new List<string?>();
        for (int i = 0; i < cases.Length; i++)
        {
            statuses.Add(await db.ScalarAsync<string>("SELECT status FROM job_history WHERE fire_instance_id = @f", ct, ("f", $"fire-{i}")));
        }
        var said = string.Join("\n", cases.Select((c, i) => $"{c.Job} on a node checked in by {c.Checking} only: {statuses[i]} (expected {c.Expected})"));
        CollectionAssert.AreEqual(cases.Select(c => c.Expected).ToList(), statuses, said);
        Assert.AreEqual(cases.Count(c => c.Expected == "LOST"), closed);
        await SqlClient.DropDatabaseAsync(Database, ct);
    }
}
