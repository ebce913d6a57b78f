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
/// ResilienceTests.DatabaseOutage…). The requests' contexts only (see RequestAwareContextFactory).
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class FailedCommandLogTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task FailedCommand_ShouldBeLoggedOnceWithItsException_InEfCoresCommandCategory()
    {
        var ct = TestContext.CancellationToken;
        var cs = await SqlClient.RecreateMigratedDatabaseAsync("agensium_test_failed_command", ct);
        var logs = new CollectingProvider();
        await using var services = new ServiceCollection().AddLogging(l => l.AddProvider(logs)).BuildServiceProvider();
        await using var source = NpgsqlDataSource.Create(cs);
        var contexts = RequestAwareContextFactory.Create(Data.Database.Single(source), services);

        using (RequestDatabaseScope.Begin()) // a request's: only the requests' contexts log failed commands this way
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
