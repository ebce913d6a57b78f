using System.Globalization;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Logging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Serilog.Events;
using Serilog.Parsing;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>
/// A command EF Core runs that fails is logged once, in EF Core's command category and words, with the exception that
/// failed it, so the log's outage filter (<see cref="DatabaseOutageEchoes"/>) can tell a PostgreSQL going away from a
/// fault in the SQL. EF Core logs its own event without the exception: a request that met a pooled connection of a
/// server being stopped logged "Failed executing DbCommand" at ERROR beside the service's 503 warning (stop 45's CI,
/// ResilienceTests.DatabaseOutage…). The background contexts (a job's, a loop's) logged it so until stop 47: a command
/// cut by an outage was an ERROR without its cause, which the outage filter kept.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class FailedCommandLogTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(true, DisplayName = "a request's context")]
    [DataRow(false, DisplayName = "a background context")]
    public async Task FailedCommand_ShouldBeLoggedOnceWithItsException_InEfCoresCommandCategory(bool request)
    {
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync("agensium_test_failed_command", ct);
        var logs = new CollectingProvider();
        await using var services = new ServiceCollection().AddLogging(l => l.AddProvider(logs)).BuildServiceProvider();
        await using var source = NpgsqlDataSource.Create(cs);
        var contexts = RequestAwareContextFactory.Create(Data.Database.Single(source), services);

        using (request ? RequestDatabaseScope.Begin() : null)
        await using (var context = await contexts.CreateDbContextAsync(ct))
        {
            var failed = await Assert.ThrowsAsync<PostgresException>(() => context.Database.ExecuteSqlRawAsync("SELECT * FROM no_such_table", ct));
            Assert.AreEqual(PostgresErrorCodes.UndefinedTable, failed.SqlState);
        }

        var events = logs.Entries.Where(e => e.Message.StartsWith("Failed executing DbCommand", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, events, string.Join('\n', logs.Entries.Select(e => $"{e.Category}: {e.Message}")));
        var logged = events[0];
        Assert.AreEqual(FailedCommandLog.Category, logged.Category);
        Assert.AreEqual(LogLevel.Error, logged.Level);
        StringAssert.Contains(logged.Message, "SELECT * FROM no_such_table");
        var exception = logged.Exception as PostgresException;
        Assert.IsNotNull(exception, "the event carries the exception that failed the command");
        Assert.AreEqual(PostgresErrorCodes.UndefinedTable, exception.SqlState);

        // What the node's log filter makes of it: a fault of the SQL is kept; the same event for a server going away is not.
        Assert.IsFalse(DatabaseOutageEchoes.IsLeftOut(AsSerilog(logged.Category, exception)));
        Assert.IsTrue(DatabaseOutageEchoes.IsLeftOut(AsSerilog(logged.Category, new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"))));
    }

    [TestMethod]
    public async Task BackgroundCommandCutByAnOutage_ShouldBeLeftOut_OrOneLineOfTheOutageWithItsCause()
    {
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync("agensium_test_failed_command_outage", ct);
        // The node's log: the outage filter, then the outage lines (NodeLogging), into a list.
        var sink = new CollectingLogSink();
        var serilog = new Serilog.LoggerConfiguration().MinimumLevel.Warning()
            .Filter.ByExcluding(DatabaseOutageEchoes.IsLeftOut)
            .WriteTo.Sink(new OutageLines(sink)).CreateLogger();
        await using (var services = new ServiceCollection().AddLogging(l => Serilog.SerilogLoggingBuilderExtensions.AddSerilog(l, serilog, dispose: true)).BuildServiceProvider())
        {
            // The server ends the command's session (57P01, as when PostgreSQL shuts down): an outage, which the
            // caller says; EF Core's line of it is left out.
            await using (var source = NpgsqlDataSource.Create(cs))
            await using (var context = await RequestAwareContextFactory.Create(Data.Database.Single(source), services).CreateDbContextAsync(ct))
            {
                var sleeping = context.Database.ExecuteSqlRawAsync("SELECT pg_sleep(30) /* cut-by-outage */", ct);
                await TerminateAsync(cs, "cut-by-outage", ct);
                var cut = await Assert.ThrowsAsync<PostgresException>(() => sleeping);
                Assert.AreEqual(PostgresErrorCodes.AdminShutdown, cut.SqlState);
                Assert.IsFalse(sink.Rendered().Any(IsFailedCommand), "the outage's echo is left out: " + string.Join('\n', sink.Rendered()));
            }

            // A hung server (frozen behind a proxy): the call is not answered in time, one line of its outage with the
            // cause and no trace.
            await using var proxy = FreezableProxy.Start(int.Parse(StackSettings.PgPort, CultureInfo.InvariantCulture));
            var hungCs = new NpgsqlConnectionStringBuilder(cs) { Host = "127.0.0.1", Port = proxy.Port, CommandTimeout = 1, CancellationTimeout = 1000, Timeout = 3, Pooling = false };
            await using (var source = NpgsqlDataSource.Create(hungCs.ConnectionString))
            await using (var context = await RequestAwareContextFactory.Create(Data.Database.Single(source), services).CreateDbContextAsync(ct))
            {
                await context.Database.OpenConnectionAsync(ct);
                proxy.Freeze();
                await Assert.ThrowsAsync<NpgsqlException>(() => context.Database.ExecuteSqlRawAsync("SELECT 1 /* hung */", ct));
                proxy.Thaw();
            }
        }
        // Other lines may come (an "answers again" when another test's heartbeat ends its outage lines).
        var said = sink.Events.Where(e => IsFailedCommand(CollectingLogSink.Render(e))).ToList();
        Assert.HasCount(1, said, string.Join('\n', sink.Rendered()));
        StringAssert.Contains(CollectingLogSink.Render(said[0]), "SELECT 1 /* hung */ (NpgsqlException: Exception while ", "the SQL, then the cause: " + CollectingLogSink.Render(said[0]));
        Assert.IsNull(said[0].Exception, "no trace");
        Assert.AreEqual(LogEventLevel.Error, said[0].Level);
    }

    private static bool IsFailedCommand(string line) => line.StartsWith("Failed executing DbCommand (", StringComparison.Ordinal);

    // Ends the session running the statement marked with marker, as PostgreSQL's shutdown does (57P01).
    private static async Task TerminateAsync(string cs, string marker, CancellationToken ct)
    {
        await using var admin = new NpgsqlConnection(cs);
        await admin.OpenAsync(ct);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE $1 AND pid <> pg_backend_pid()", admin);
            terminate.Parameters.AddWithValue($"%{marker}%");
            if ((long)(await terminate.ExecuteScalarAsync(ct))! > 0)
            {
                return;
            }
            Assert.IsLessThan(deadline, DateTime.UtcNow, "the statement never ran");
            await Task.Delay(50, ct);
        }
    }

    private static LogEvent AsSerilog(string category, Exception exception) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Error, exception, new MessageTemplateParser().Parse("Failed executing DbCommand"),
            [new LogEventProperty("SourceContext", new ScalarValue(category))]);

    private sealed class CollectingProvider : ILoggerProvider
    {
        private readonly List<(string Category, LogLevel Level, string Message, Exception? Exception)> _entries = [];

        public IReadOnlyList<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Collector(CollectingProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel))
                {
                    return;
                }
                lock (owner._entries)
                {
                    owner._entries.Add((category, logLevel, formatter(state, exception), exception));
                }
            }
        }
    }
}
