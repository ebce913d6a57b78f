using Agensium.Scheduler.Data;
using Agensium.Scheduler.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// The submission statements read task rows with Npgsql directly (<see cref="TaskRows"/>), the rest of the service
/// through EF Core's mapping: both must see every column of the same row the same way, with and without NULLs.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class TaskRowsTests
{
    private const string Database = "agensium_test_task_rows";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task TaskStore_ShouldReadEveryColumnAsEfCoreDoes_WhenSetAndWhenNull()
    {
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync(Database, ct);
        await using var source = NpgsqlDataSource.Create(cs);
        var contexts = ContextsOn(source);
        var store = new TaskStore(contexts, source, TimeProvider.System);
        await using (var arrange = source.CreateCommand("""
            INSERT INTO users (id, email, name) OVERRIDING SYSTEM VALUE VALUES (7, 'u7@example.com', 'U 7');
            INSERT INTO tasks (task_id, user_id, tool_id, agents, status, progress, current_agent, error_code, error_message,
                               upload_started_at, processing_started_at, completed_at, failed_at, cancelled_at, expired_at,
                               s3_cleaned, queue, attempt, next_retry_at)
            VALUES ('00000000-0000-0000-0000-000000000001', 7, 'clean-my-data', '["type-fixer","null-handler"]', 'FAILED', 64,
                    'null-handler', 'TIMEOUT', 'Task exceeded time limit', '2026-01-02T03:04:05.123456Z',
                    '2026-01-02T03:05:00Z', '2026-01-02T03:06:00Z', '2026-01-02T03:07:00Z', '2026-01-02T03:08:00Z',
                    '2026-01-02T03:09:00Z', true, 'high', 3, '2026-01-02T03:10:00Z');
            """))
        {
            await arrange.ExecuteNonQueryAsync(ct);
        }
        var created = await store.CreateAsync(7, "profile-my-data", "[]", ct);
        Assert.IsNotNull(created);
        Assert.IsNull(await store.CreateAsync(8, "profile-my-data", "[]", ct), "no task for a user that does not exist");

        foreach (var id in new[] { "00000000-0000-0000-0000-000000000001", created.TaskId })
        {
            var direct = await store.FindAsync(id, ct);
            await using var db = await contexts.CreateDbContextAsync(ct);
            var mapped = await db.Tasks.AsNoTracking().SingleAsync(t => t.TaskId == id, ct);
            Assert.IsNotNull(direct);
            foreach (var property in typeof(AnalysisTask).GetProperties())
            {
                Assert.AreEqual(property.GetValue(mapped), property.GetValue(direct), $"{id}: {property.Name}");
            }
        }
        Assert.AreEqual(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234560),
            (await store.FindAsync("00000000-0000-0000-0000-000000000001", ct))!.UploadStartedAt);
        Assert.IsNull(await store.FindAsync("00000000-0000-0000-0000-000000000099", ct));
    }

    [TestMethod]
    public async Task UpdateProgress_ShouldKeepTheRowsMaximum_AndIgnoreAnAttemptThatIsNoLongerTheTasks()
    {
        // After a takeover the new attempt starts at 20 and published 95 → 20; a frozen node resumed wrote its old
        // attempt's 55…95 into the live attempt's row (outside probe of big inputs).
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync(Database + "_progress", ct);
        await using var source = NpgsqlDataSource.Create(cs);
        var store = StoreOn(source);
        const string id = "00000000-0000-0000-0000-000000000002";
        await using (var arrange = source.CreateCommand($"""
            INSERT INTO users (id, email, name) OVERRIDING SYSTEM VALUE VALUES (7, 'u7@example.com', 'U 7');
            INSERT INTO tasks (task_id, user_id, tool_id, status, progress, attempt) VALUES ('{id}', 7, 'clean-my-data', 'PROCESSING', 70, 2);
            """))
        {
            await arrange.ExecuteNonQueryAsync(ct);
        }

        Assert.AreEqual(70, await store.UpdateProgressAsync(id, 2, 20, "cleanse-previewer", ct), "the row's figure is what is published");
        Assert.AreEqual(80, await store.UpdateProgressAsync(id, 2, 80, "null-handler", ct));
        Assert.IsNull(await store.UpdateProgressAsync(id, 1, 95, "outlier-remover", ct), "attempt 1 is no longer the task's");
        var row = await store.FindAsync(id, ct);
        Assert.AreEqual(80, row!.Progress);
        Assert.AreEqual("null-handler", row.CurrentAgent);
    }

    [TestMethod]
    public async Task RequeueFailed_ShouldTakeOnlyTheFailureTheCallerSaw()
    {
        // Two retries of one FAILED task, on two nodes (outside probe): the slower one read the row at attempt 1, the
        // other requeued it, attempt 2 ran and failed again, and then the slower one requeued that new failure too:
        // two runs for one failure, and an answer saying "attempt 2" for a run that was attempt 3.
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync(Database + "_requeue", ct);
        await using var source = NpgsqlDataSource.Create(cs);
        var store = StoreOn(source);
        const string id = "00000000-0000-0000-0000-000000000003";
        await using (var arrange = source.CreateCommand($"""
            INSERT INTO users (id, email, name) OVERRIDING SYSTEM VALUE VALUES (7, 'u7@example.com', 'U 7');
            INSERT INTO tasks (task_id, user_id, tool_id, status, progress, attempt, error_code, queue, failed_at)
            VALUES ('{id}', 7, 'clean-my-data', 'FAILED', 40, 2, 'INVALID_INPUT_FILE', 'default', '2026-12-06T13:00:02.123456Z');
            """))
        {
            await arrange.ExecuteNonQueryAsync(ct);
        }
        var failedAt = (await store.FindAsync(id, ct))!.FailedAt;
        var earlierFailure = failedAt!.Value.AddSeconds(-2);

        Assert.IsFalse(await store.RequeueFailedAsync(id, "default", seenAttempt: 1, earlierFailure, ct), "a failure read before attempt 2 ran");
        // A retry's run that failed before its start was recorded fails the task again at the same attempt: the
        // failure read before it is not this one.
        Assert.IsFalse(await store.RequeueFailedAsync(id, "default", seenAttempt: 2, earlierFailure, ct), "a failure read before the last one");
        Assert.IsFalse(await store.RequeueFailedAsync(id, "default", seenAttempt: 2, null, ct), "a failure read before the last one");
        Assert.AreEqual("FAILED", (await store.FindAsync(id, ct))!.Status);
        Assert.IsTrue(await store.RequeueFailedAsync(id, "default", seenAttempt: 2, failedAt, ct));
        Assert.AreEqual("QUEUED", (await store.FindAsync(id, ct))!.Status);
        Assert.IsFalse(await store.RequeueFailedAsync(id, "default", seenAttempt: 2, failedAt, ct), "no longer FAILED");
    }

    [TestMethod]
    public async Task FailStale_ShouldLeaveATaskWhoseProcessingStartedSinceTheSweepListedIt()
    {
        // Review of stop 40: a recovery re-run that starts between the sweep's list of stale tasks and its statement moves
        // processing_started_at; the statement checked the status only, so it failed the fresh run's task as STALE_TASK
        // and left the fresh attempt RUNNING.
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync(Database + "_stale", ct);
        await using var source = NpgsqlDataSource.Create(cs);
        var store = StoreOn(source);
        const string id = "00000000-0000-0000-0000-000000000004";
        await using (var arrange = source.CreateCommand($"""
            INSERT INTO users (id, email, name) OVERRIDING SYSTEM VALUE VALUES (8, 'u8@example.com', 'U 8');
            INSERT INTO tasks (task_id, user_id, tool_id, status, progress, attempt, queue, processing_started_at)
            VALUES ('{id}', 8, 'clean-my-data', 'PROCESSING', 20, 2, 'default', now());
            """))
        {
            await arrange.ExecuteNonQueryAsync(ct);
        }

        var listedAsStaleBefore = DateTime.UtcNow.AddHours(-24);
        Assert.IsFalse(await store.FailStaleAsync(id, "STALE_TASK", "stale", "process-analysis", listedAsStaleBefore, ct), "its processing started since");
        Assert.AreEqual("PROCESSING", (await store.FindAsync(id, ct))!.Status);
        Assert.IsTrue(await store.FailStaleAsync(id, "STALE_TASK", "stale", "process-analysis", DateTime.UtcNow.AddMinutes(1), ct));
        Assert.AreEqual("FAILED", (await store.FindAsync(id, ct))!.Status);
    }

    private static PooledDbContextFactory<AgensiumDbContext> ContextsOn(NpgsqlDataSource source) =>
        new(new DbContextOptionsBuilder<AgensiumDbContext>().UseNpgsql(source).Options);

    // The store as a node builds it, over a database of the test's own.
    private static TaskStore StoreOn(NpgsqlDataSource source) => new(ContextsOn(source), source, TimeProvider.System);
}
