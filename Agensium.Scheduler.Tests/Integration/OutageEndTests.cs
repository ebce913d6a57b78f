using System.Globalization;
using Agensium.Scheduler.Dashboard;
using Agensium.Scheduler.Jobs;
using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Serilog.Events;
using Serilog.Parsing;
using Agensium.Scheduler.Tests.Scheduler;
using StackExchange.Redis;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// When a dependency's outage ends, its outage lines end with an "answers again" line, and a call PostgreSQL does not
/// answer in time is one line of its outage, not a trace. Found by stop 43's probe: after Redis came back a node said
/// "Redis still does not take …" and "Could not publish …" half a minute later (their repeat counts, ended by the quiet
/// check) and never "Redis answers again"; after a 1 s PostgreSQL restart and a 43 s stop, "PostgreSQL answers again"
/// named the restart's start; a hung (SIGSTOPped) PostgreSQL gave 324 trace lines in 70 s. A statement PostgreSQL
/// cancelled at its timeout is no outage: the server answered (s44 review). Each part is checked on the
/// real thing: the stack's Redis and PostgreSQL, the node's heartbeat and republisher, a proxy that freezes PostgreSQL.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class OutageEndTests
{
    private static readonly MessageTemplateParser Parser = new();

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task RedisOutageLines_ShouldEndWithAnswersAgain_WhenTheKeptEventsArePublished()
    {
        var ct = TestContext.CancellationToken;
        var sink = new CollectingLogSink();
        using var lines = new OutageLines(sink);
        var refused = await RefusedConnections.RedisAsync();
        var began = new DateTimeOffset(2026, 12, 7, 0, 29, 40, TimeSpan.Zero);
        foreach (var s in new[] { 0, 1, 3 })
        {
            lines.Emit(new LogEvent(began.AddSeconds(s), LogEventLevel.Warning, refused,
                Parser.Parse("Redis still does not take the {Count} task event(s) this node could not publish; trying again"),
                [new LogEventProperty("Count", new ScalarValue(1))]));
        }
        Assert.HasCount(1, sink.Rendered(), "said once, its repeats counted");

        // Redis answers: the node's republisher sends what it kept (no new event goes through the publisher).
        var options = new RedisOptions { Configuration = StackSettings.RedisConfiguration, Prefix = "agensium-test-" + Guid.NewGuid().ToString("N")[..8] };
        using var redis = await ConnectionMultiplexer.ConnectAsync(MessagingServiceCollectionExtensions.ConnectionOptions(options));
        var kept = new UnpublishedTaskEvents(redis, Options.Create(options), NullLogger<UnpublishedTaskEvents>.Instance);
        kept.Keep(new TaskEvent("t-1", 1, "PROCESSING", 20, null, null, DateTime.UtcNow));
        Assert.IsTrue(await kept.TryPublishAllAsync(ct));

        var said = sink.Rendered();
        Assert.HasCount(3, said, string.Join('\n', said));
        StringAssert.Contains(said[1], "2 more like it since the last, the last at 00:29:43", "the repeats, counted as Redis answers");
        Assert.AreEqual("Redis answers again (its outage lines began at 00:29:40)", said[2]);
    }

    [TestMethod]
    public async Task PostgreSqlOutageLines_ShouldEndAtTheNextBeat_AlsoWhenTheOutageWasTooShortForABeatToFail()
    {
        // A 1 s restart between two beats: lines were said, but no beat failed, so nothing ended them, and the next
        // outage within their minute was counted into them ("answers again (its outage lines began at" the restart).
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync("agensium_test_outage_end", ct);
        var sink = new CollectingLogSink();
        using var lines = new OutageLines(sink);
        var refused = await RefusedConnections.PostgreSqlAsync(TestContext.CancellationToken);
        var restart = DateTimeOffset.UtcNow;
        Cluster(lines, restart, refused);
        Cluster(lines, restart.AddMilliseconds(500), refused);

        await using var db = NpgsqlDataSource.Create(cs);
        var node = new NodeIdentity();
        node.Set("outage-end-test");
        using (var heartbeat = new NodeHeartbeat(db, node, Options.Create(new SchedulerOptions()),
            Options.Create(new DashboardOptions { HeartbeatInterval = TimeSpan.FromSeconds(1) }), new Lifetime(), NullLogger<NodeHeartbeat>.Instance))
        {
            await heartbeat.StartAsync(ct);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!sink.Rendered().Any(l => l.Contains("answers again", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }
        }
        var said = sink.Rendered();
        Assert.Contains($"PostgreSQL answers again (its outage lines began at {restart.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)})", said,
            "the beat written ends the restart's lines: " + string.Join('\n', said));

        // The next outage, 28 s later: said at once, and its own start is the one named when it ends.
        var stop = restart.AddSeconds(28);
        Cluster(lines, stop, refused);
        OutageLines.Answered(OutageCause.PostgreSql);
        said = sink.Rendered();
        Assert.DoesNotContain("more like it", said[^2], "said at once, not counted into the restart's line: " + string.Join('\n', said));
        Assert.AreEqual($"PostgreSQL answers again (its outage lines began at {stop.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)})", said[^1]);
    }

    [TestMethod]
    public async Task ACallAHungPostgreSqlDoesNotAnswerInTime_ShouldBeOneLineOfItsOutage_WithoutATrace()
    {
        var ct = TestContext.CancellationToken;
        await using var proxy = FreezableProxy.Start(int.Parse(StackSettings.PgPort, CultureInfo.InvariantCulture));
        // Timeout (the connect timeout) also bounds the cancel request Npgsql sends for the timed-out command, which a
        // frozen server never answers: the call throws after about Command Timeout + 2 × Timeout, 31 s with the default
        // 15 s, 7 s with 3 s.
        var builder = new NpgsqlConnectionStringBuilder(StackSettings.AdminConnectionString)
        {
            Host = "127.0.0.1", Port = proxy.Port, CommandTimeout = 1, CancellationTimeout = 1000, Timeout = 3, Pooling = false,
        };
        await using var connection = await OpenAsync(builder.ConnectionString, ct);
        proxy.Freeze(); // as a SIGSTOPped server: the connection stays up, nothing answers
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        var hung = await Assert.ThrowsAsync<NpgsqlException>(() => command.ExecuteScalarAsync(ct));
        proxy.Thaw();
        TestContext.WriteLine(hung.ToString());

        Assert.IsTrue(DatabaseOutageEchoes.IsTimedOut(hung), hung.ToString());
        Assert.IsFalse(DatabaseOutageEchoes.WasCancelledByTheServer(hung), "no answer: Npgsql broke the connection");
        Assert.AreEqual(OutageCause.PostgreSql, OutageCause.DependencyOf(hung), hung.ToString());
        StringAssert.StartsWith(OutageCause.Of(hung), "NpgsqlException: Exception while ");
        // As the loops log it, and wrapped as Quartz and EF Core wrap it.
        var sink = new CollectingLogSink();
        using (var lines = new OutageLines(sink))
        {
            var at = DateTimeOffset.UtcNow;
            for (int i = 0; i < 5; i++)
            {
                lines.Emit(new LogEvent(at.AddSeconds(i), LogEventLevel.Warning, hung, Parser.Parse("Queued task repair failed; trying again"), []));
                lines.Emit(new LogEvent(at.AddSeconds(i), LogEventLevel.Error, new Quartz.JobPersistenceException("Couldn't acquire next trigger: " + hung.Message, hung),
                    Parser.Parse("An error occurred while scanning for the next triggers to fire."), []));
            }
        }
        var said = sink.Rendered();
        Assert.HasCount(4, said, "each line once, then its 4 repeats counted: " + string.Join('\n', said));
        Assert.IsTrue(sink.Events.All(e => e.Exception is null), "no trace: " + string.Join('\n', said));
        StringAssert.Contains(said[0], "Queued task repair failed; trying again (NpgsqlException: Exception while ");

        // EF Core's query event repeats the caller's line with the trace in its message: left out; its command event,
        // which names the SQL, is kept (one line without the trace, above).
        Assert.IsTrue(DatabaseOutageEchoes.IsLeftOut(EfCore("Microsoft.EntityFrameworkCore.Query", hung)));
        Assert.IsFalse(DatabaseOutageEchoes.IsLeftOut(EfCore("Microsoft.EntityFrameworkCore.Database.Command", hung)));
        Assert.IsFalse(DatabaseOutageEchoes.IsLeftOut(EfCore("Microsoft.EntityFrameworkCore.Query", new InvalidOperationException("a bug"))));
    }

    [TestMethod]
    public async Task AQueryPostgreSqlCancelledAtItsTimeout_ShouldKeepItsTrace_AndSayNoOutage()
    {
        // A slow query on a healthy server: Npgsql asks PostgreSQL to cancel it at its CommandTimeout, the server does,
        // and Npgsql throws the same NpgsqlException over a TimeoutException as for a hung server. It was logged as a
        // line of PostgreSQL's outage, without its trace, and the next heartbeat said "PostgreSQL answers again" (s44
        // review), while IsOutage called a command timeout the query's own fault.
        var ct = TestContext.CancellationToken;
        var builder = new NpgsqlConnectionStringBuilder(StackSettings.AdminConnectionString) { CommandTimeout = 1, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT pg_sleep(3)", connection);
        var slow = await Assert.ThrowsAsync<NpgsqlException>(() => command.ExecuteScalarAsync(ct));
        TestContext.WriteLine(slow.ToString());
        Assert.IsInstanceOfType<TimeoutException>(slow.InnerException, slow.ToString());
        await using (var again = new NpgsqlCommand("SELECT 1", connection))
        {
            Assert.AreEqual(1, await again.ExecuteScalarAsync(ct), "the server answered: the connection is still up");
        }

        Assert.IsTrue(DatabaseOutageEchoes.WasCancelledByTheServer(slow), slow.ToString());
        Assert.IsFalse(DatabaseOutageEchoes.IsTimedOut(slow));
        Assert.IsFalse(DatabaseOutageEchoes.IsOutage(slow));
        Assert.IsNull(OutageCause.Of(slow));
        Assert.IsNull(OutageCause.DependencyOf(slow));
        var sink = new CollectingLogSink();
        using (var lines = new OutageLines(sink))
        {
            lines.Emit(new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Error, slow, Parser.Parse("Dashboard history query failed"), []));
            OutageLines.Answered(OutageCause.PostgreSql); // the next heartbeat
        }
        Assert.HasCount(1, sink.Events, "no outage to end: " + string.Join('\n', sink.Rendered()));
        Assert.AreSame(slow, sink.Events[0].Exception, "the event as logged, its trace kept");
        Assert.AreEqual("Dashboard history query failed", sink.Rendered()[0]);
        // EF Core's command event (its SQL, the trace) is kept; its query event, which repeats it without the SQL, is not.
        Assert.IsFalse(DatabaseOutageEchoes.IsLeftOut(EfCore("Microsoft.EntityFrameworkCore.Database.Command", slow)));
        Assert.IsTrue(DatabaseOutageEchoes.IsLeftOut(EfCore("Microsoft.EntityFrameworkCore.Query", slow)));
    }

    /// <summary>Opens the connection, trying again while a loaded machine takes longer than its short connect timeout.</summary>
    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(ct);
                return connection;
            }
            catch (Exception e) when ((e is TimeoutException || e.InnerException is TimeoutException) && DateTime.UtcNow < deadline)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static LogEvent EfCore(string category, Exception e) => new(DateTimeOffset.UtcNow, LogEventLevel.Error, e,
        Parser.Parse("An exception occurred while iterating over the results of a query"), [new LogEventProperty("SourceContext", new ScalarValue(category))]);

    // Quartz's cluster check-in failing, as during a PostgreSQL outage.
    private static void Cluster(OutageLines lines, DateTimeOffset at, Exception e) => lines.Emit(new LogEvent(at, LogEventLevel.Error, e,
        Parser.Parse("Error managing cluster: {ExceptionMessage}"), [new LogEventProperty("ExceptionMessage", new ScalarValue("Failed to obtain DB connection"))]));




    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => new(canceled: true); // started: the heartbeat waits for it
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
