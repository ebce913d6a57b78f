using System.Diagnostics;
using System.Text.Json.Nodes;
using Agensium.Scheduler.Jobs;
using Agensium.Scheduler.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// Analysis triggers are written by <see cref="OneShotTriggerWriter"/>'s one statement instead of Quartz's ScheduleJob:
/// the rows must be the ones Quartz writes for the same trigger (every column, the job data bytes included), and the
/// state it is stored in must be the one Quartz decides under each kind of pause. The reference is a real Quartz
/// scheduler on the clustered PostgreSQL store, as the service configures it; a Quartz upgrade that changes its rows
/// fails here.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class OneShotTriggerWriterTests
{
    private const string Database = "agensium_test_trigger_writer";
    private const string InstanceName = "agensium";

    /// <summary>A durable job in the analysis job group that sql/008's row trigger does not look at: Quartz alone decides its triggers' state.</summary>
    private static readonly JobKey ReferenceJob = new("reference", ProcessAnalysisJob.Key.Group);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Writer_ShouldStoreTheRowsQuartzStores_ForTheSameTrigger()
    {
        var ct = TestContext.CancellationToken;
        await using var fixture = await Fixture.CreateAsync(ct);
        var now = new DateTimeOffset(2026, 12, 5, 6, 7, 8, TimeSpan.Zero).AddTicks(1234567);
        const string taskId = "7d6c40b7-7b6e-4279-9fdd-0d7563807b4c";

        using (var activity = new Activity("submit").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            activity.TraceStateString = "agensium=1";
            await fixture.Quartz.ScheduleJob(TaskSubmitter.BuildTrigger(taskId, 7, "clean-my-data", "high", 1, null, now), cancellationToken: ct);
            await fixture.Writer.InsertAsync(TaskSubmitter.BuildTrigger(taskId, 7, "clean-my-data", "high", 2, null, now), ct);
        }
        var quartz = await fixture.RowAsync(taskId, ct);
        var ours = await fixture.RowAsync(taskId + ".retry2", ct);
        Assert.IsNotNull(quartz);
        Assert.IsNotNull(ours);
        Assert.IsNotNull(quartz["job_data"]);
        StringAssert.Contains(quartz["job_data"]!.ToString(), "QRTZ_TRACEPARENT", "the reference carries the trace context");
        quartz.Remove("trigger_name");
        ours.Remove("trigger_name");
        Assert.AreEqual(quartz.ToJsonString(), ours.ToJsonString());

        // A retry due later, without an activity: no trace context, start and fire time at the due time.
        var due = now.AddMinutes(5);
        await fixture.Quartz.ScheduleJob(TaskSubmitter.BuildTrigger(taskId, 7, "clean-my-data", "low", 3, due, now), cancellationToken: ct);
        await fixture.Writer.InsertAsync(TaskSubmitter.BuildTrigger(taskId, 7, "clean-my-data", "low", 4, due, now), ct);
        quartz = (await fixture.RowAsync(taskId + ".retry3", ct))!;
        ours = (await fixture.RowAsync(taskId + ".retry4", ct))!;
        Assert.AreEqual(due.UtcTicks, quartz["next_fire_time"]!.GetValue<long>());
        quartz.Remove("trigger_name");
        ours.Remove("trigger_name");
        Assert.AreEqual(quartz.ToJsonString(), ours.ToJsonString());

        // The trigger Quartz reads back is the one it was given.
        var read = await fixture.Quartz.GetTrigger(TaskSubmitter.TriggerKeyFor(taskId, "high", 2), ct);
        Assert.IsNotNull(read);
        Assert.AreEqual(taskId, read.JobDataMap.GetString(JobDataKeys.TaskId));
        Assert.AreEqual("high", read.ExecutionGroup);
        Assert.AreEqual(TriggerState.Normal, await fixture.Quartz.GetTriggerState(read.Key, ct));
    }

    [TestMethod]
    public async Task Writer_ShouldStoreTheStateQuartzDecides_UnderEachKindOfPause()
    {
        var ct = TestContext.CancellationToken;
        await using var fixture = await Fixture.CreateAsync(ct);
        var n = 0;
        async Task<(string Quartz, string Ours)> StoreBothAsync(string group)
        {
            n++;
            await fixture.Quartz.ScheduleJob(TriggerBuilder.Create().WithIdentity($"reference-{n}", group).ForJob(ReferenceJob)
                .UsingJobData("k", "v").StartNow().WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.IgnoreMisfires)).Build(), cancellationToken: ct);
            await fixture.Writer.InsertAsync(TaskSubmitter.BuildTrigger($"00000000-0000-0000-0000-{n:D12}", 7, "x-noop", group, 1, null, DateTimeOffset.UtcNow), ct);
            return (await fixture.StateAsync($"reference-{n}", ct), await fixture.StateAsync($"00000000-0000-0000-0000-{n:D12}", ct));
        }

        Assert.AreEqual(("WAITING", "WAITING"), await StoreBothAsync("default"));

        await fixture.Quartz.PauseTriggerGroups(GroupMatcher<TriggerKey>.GroupEquals("low"), ct);
        Assert.AreEqual(("PAUSED", "PAUSED"), await StoreBothAsync("low"), "trigger group paused");
        await fixture.Quartz.ResumeTriggerGroups(GroupMatcher<TriggerKey>.GroupEquals("low"), ct);

        await fixture.Quartz.PauseJobGroups(GroupMatcher<JobKey>.GroupEquals(ProcessAnalysisJob.Key.Group), ct);
        Assert.AreEqual(("PAUSED", "PAUSED"), await StoreBothAsync("high"), "job group paused");
        await fixture.Quartz.ResumeJobGroups(GroupMatcher<JobKey>.GroupEquals(ProcessAnalysisJob.Key.Group), ct);
        Assert.AreEqual("WAITING", await fixture.StateAsync($"00000000-0000-0000-0000-{n:D12}", ct), "resumed with its job group");

        // Everything paused. Into a group no trigger is in yet, ours first: no pause row of the group exists, the marker
        // alone pauses it (Quartz would also write the group a row of its own; sql/011 says why not here).
        await fixture.Quartz.PauseAll(ct);
        var first = $"00000000-0000-0000-0000-{++n:D12}";
        await fixture.Writer.InsertAsync(TaskSubmitter.BuildTrigger(first, 7, "x-noop", "fresh", 1, null, DateTimeOffset.UtcNow), ct);
        Assert.AreEqual(0L, await fixture.Sql.ScalarAsync<long>("SELECT count(*) FROM qrtz_paused_trigger_grps WHERE trigger_group = 'fresh'", ct));
        Assert.AreEqual("PAUSED", await fixture.StateAsync(first, ct), "everything paused, group without a row");
        Assert.AreEqual(("PAUSED", "PAUSED"), await StoreBothAsync("fresh"), "everything paused");
        // Resuming that one group resumes every trigger in it, as Quartz's own would be.
        await fixture.Quartz.ResumeTriggerGroups(GroupMatcher<TriggerKey>.GroupEquals("fresh"), ct);
        Assert.AreEqual("WAITING", await fixture.StateAsync(first, ct), "resumed with its group");
        Assert.AreEqual("WAITING", await fixture.StateAsync($"reference-{n}", ct));
        var second = $"00000000-0000-0000-0000-{++n:D12}";
        await fixture.Writer.InsertAsync(TaskSubmitter.BuildTrigger(second, 7, "x-noop", "other", 1, null, DateTimeOffset.UtcNow), ct);
        Assert.AreEqual("PAUSED", await fixture.StateAsync(second, ct));
        await fixture.Quartz.ResumeAll(ct);
        Assert.AreEqual("WAITING", await fixture.StateAsync(second, ct), "resumed with everything");
        Assert.AreEqual(("WAITING", "WAITING"), await StoreBothAsync("other"), "nothing paused any more");
    }

    [TestMethod]
    public async Task Writer_ShouldRefuseWhatItCannotStoreAsQuartzWould()
    {
        var ct = TestContext.CancellationToken;
        await using var fixture = await Fixture.CreateAsync(ct);
        var trigger = TaskSubmitter.BuildTrigger("00000000-0000-0000-0000-000000000001", 7, "x-noop", "default", 1, null, DateTimeOffset.UtcNow);
        await fixture.Writer.InsertAsync(trigger, ct);
        await Assert.ThrowsExactlyAsync<ObjectAlreadyExistsException>(() => fixture.Writer.InsertAsync(
            TaskSubmitter.BuildTrigger("00000000-0000-0000-0000-000000000001", 7, "x-noop", "default", 1, null, DateTimeOffset.UtcNow), ct));
        Assert.AreEqual(1L, await fixture.Sql.ScalarAsync<long>("SELECT count(*) FROM qrtz_simple_triggers WHERE trigger_name = '00000000-0000-0000-0000-000000000001'", ct));

        var otherJob = TriggerBuilder.Create().WithIdentity("other-job", "default").ForJob("debug", "debug").StartNow().Build();
        StringAssert.Contains((await Assert.ThrowsExactlyAsync<ArgumentException>(() => fixture.Writer.InsertAsync(otherJob, ct))).Message,
            "only the analysis job's triggers");

        var repeating = TriggerBuilder.Create().WithIdentity("repeating", "default").ForJob(ProcessAnalysisJob.Key).StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(10)).WithRepeatCount(3)).Build();
        var refused = await Assert.ThrowsExactlyAsync<ArgumentException>(() => fixture.Writer.InsertAsync(repeating, ct));
        StringAssert.Contains(refused.Message, "it repeats");
        var cron = TriggerBuilder.Create().WithIdentity("cron", "default").ForJob(ProcessAnalysisJob.Key).WithCronSchedule("0 * * * * ?").Build();
        await Assert.ThrowsExactlyAsync<ArgumentException>(() => fixture.Writer.InsertAsync(cron, ct));
        Assert.AreEqual(1L, await fixture.Sql.ScalarAsync<long>("SELECT count(*) FROM qrtz_triggers", ct));

        // The analysis job removed from the store: the foreign key refuses the trigger, and nothing is half-written.
        await fixture.Sql.ExecuteAsync("DELETE FROM qrtz_simple_triggers; DELETE FROM qrtz_triggers; DELETE FROM qrtz_job_details WHERE job_name = 'process-analysis'", ct);
        var missingJob = await Assert.ThrowsExactlyAsync<JobPersistenceException>(() => fixture.Writer.InsertAsync(
            TaskSubmitter.BuildTrigger("00000000-0000-0000-0000-000000000002", 7, "x-noop", "default", 1, null, DateTimeOffset.UtcNow), ct));
        StringAssert.Contains(missingJob.Message, "does not exist");
        Assert.AreEqual(0L, await fixture.Sql.ScalarAsync<long>("SELECT count(*) FROM qrtz_triggers", ct), "nothing half-written");
        Assert.AreEqual(0L, await fixture.Sql.ScalarAsync<long>("SELECT count(*) FROM qrtz_simple_triggers", ct));
    }

    /// <summary>A scratch database with the service's schema, a Quartz scheduler on it configured as the service's, and the writer.</summary>
    private sealed class Fixture : IAsyncDisposable
    {
        private ServiceProvider _services = null!;
        private NpgsqlDataSource _source = null!;
        public IScheduler Quartz { get; private set; } = null!;
        public OneShotTriggerWriter Writer { get; private set; } = null!;
        public SqlClient Sql { get; private set; } = null!;

        public static async Task<Fixture> CreateAsync(CancellationToken ct)
        {
            var cs = await SqlClient.RecreateMigratedDatabaseAsync(Database, ct);
            var fixture = new Fixture { _source = NpgsqlDataSource.Create(cs), Sql = new SqlClient(cs) };
            var services = new ServiceCollection().AddLogging();
            services.AddQuartz(q =>
            {
                q.ConfigureScheduler(s => { s.InstanceName = InstanceName; s.InstanceId = "writer-test"; });
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(cs);
                    store.ConfigureStore(a => { a.TablePrefix = QuartzSetup.TablePrefix; a.StoreJobDataAsStrings = true; });
                    store.UseClustering();
                    store.UseSystemTextJsonSerializer();
                });
            });
            fixture._services = services.BuildServiceProvider();
            fixture.Quartz = await fixture._services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
            await fixture.Quartz.AddJob(JobBuilder.Create<ProcessAnalysisJob>().WithIdentity(ProcessAnalysisJob.Key).StoreDurably().RequestRecovery().Build(), cancellationToken: ct);
            await fixture.Quartz.AddJob(JobBuilder.Create<DebugJob>().WithIdentity(ReferenceJob).StoreDurably().Build(), cancellationToken: ct);
            fixture.Writer = new OneShotTriggerWriter(fixture._source, Options.Create(new SchedulerOptions { InstanceName = InstanceName }));
            return fixture;
        }

        /// <summary>The trigger row and its simple-trigger row as one JSON object (job_data as its text).</summary>
        public async Task<JsonObject?> RowAsync(string triggerName, CancellationToken ct)
        {
            await using var cmd = _source.CreateCommand("""
                SELECT (to_jsonb(t) - 'job_data') || jsonb_build_object('job_data', convert_from(t.job_data, 'UTF8'))
                       || jsonb_build_object('simple', to_jsonb(s) - 'trigger_name')
                  FROM qrtz_triggers t JOIN qrtz_simple_triggers s USING (sched_name, trigger_name, trigger_group)
                 WHERE t.trigger_name = $1
                """);
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = triggerName });
            return await cmd.ExecuteScalarAsync(ct) is string json ? JsonNode.Parse(json)!.AsObject() : null;
        }

        public async Task<string> StateAsync(string triggerName, CancellationToken ct) =>
            await Sql.ScalarAsync<string>("SELECT trigger_state FROM qrtz_triggers WHERE trigger_name = @n", ct, ("n", triggerName)) ?? "(none)";

        public async ValueTask DisposeAsync()
        {
            await Quartz.Shutdown(false);
            await _services.DisposeAsync();
            await _source.DisposeAsync();
        }
    }
}
