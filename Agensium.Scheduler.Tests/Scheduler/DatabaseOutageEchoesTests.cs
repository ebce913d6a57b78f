using Agensium.Scheduler.Logging;
using Npgsql;
using Serilog.Events;
using Serilog.Parsing;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>Which EF Core log events a PostgreSQL outage leaves out of the log (the service reports the outage itself).</summary>
[TestClass]
public sealed class DatabaseOutageEchoesTests
{
    private static LogEvent Event(string category, Exception? exception, LogEventLevel level = LogEventLevel.Error) =>
        new(DateTimeOffset.UtcNow, level, exception, new MessageTemplateParser().Parse("EF Core says"),
            [new LogEventProperty("SourceContext", new ScalarValue(category))]);

    private static NpgsqlException Refused() =>
        new("Failed to connect to 127.0.0.1:55432", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

    private static PostgresException Answered(string sqlState) => new("the server says no", "ERROR", "ERROR", sqlState);

    [TestMethod]
    [DataRow("Microsoft.EntityFrameworkCore.Database.Connection", DisplayName = "the connection")]
    [DataRow("Microsoft.EntityFrameworkCore.Query", DisplayName = "the query")]
    [DataRow("Microsoft.EntityFrameworkCore.Database.Command", DisplayName = "the command")]
    [DataRow("Microsoft.EntityFrameworkCore.Update", DisplayName = "the save")]
    public void IsLeftOut_ShouldBeTrue_ForEfCoresErrorOfAnUnreachableDatabase(string category)
    {
        Assert.IsTrue(DatabaseOutageEchoes.IsLeftOut(Event(category, Refused())));
        // EF Core wraps a failed save: the outage is found inside.
        Assert.IsTrue(DatabaseOutageEchoes.IsLeftOut(Event(category, new Microsoft.EntityFrameworkCore.DbUpdateException("save failed", Refused()))));
    }

    [TestMethod]
    [DataRow("57P01", DisplayName = "the server shutting down (admin)")]
    [DataRow("57P03", DisplayName = "the server starting")]
    [DataRow("08006", DisplayName = "a connection failure")]
    public void IsLeftOut_ShouldBeTrue_WhenTheServerAnswersThatItIsGoingOrNotThere(string sqlState) =>
        Assert.IsTrue(DatabaseOutageEchoes.IsLeftOut(Event("Microsoft.EntityFrameworkCore.Query", Answered(sqlState))));

    [TestMethod]
    [DataRow("23505", DisplayName = "a unique violation")]
    [DataRow("40P01", DisplayName = "a deadlock")]
    [DataRow("42P01", DisplayName = "a missing table")]
    [DataRow("08P01", DisplayName = "a protocol violation (a client or driver fault, not the server going away)")]
    public void IsLeftOut_ShouldBeFalse_ForEfCoreErrorsThatAreNotOutages(string sqlState) =>
        Assert.IsFalse(DatabaseOutageEchoes.IsLeftOut(Event("Microsoft.EntityFrameworkCore.Database.Command", Answered(sqlState))));

    [TestMethod]
    public void IsLeftOut_ShouldBeTrue_WhenConnectingTimesOut()
    {
        // A host that does not answer at all (down, packets dropped): an outage, though its cause is a timeout too.
        var unanswered = new NpgsqlException("Failed to connect to 10.0.0.1:5432", new TimeoutException("Timeout during connection attempt"));
        Assert.IsTrue(DatabaseOutageEchoes.IsLeftOut(Event("Microsoft.EntityFrameworkCore.Query", unanswered)));
    }

    [TestMethod]
    public void IsLeftOut_ShouldBeFalse_ForACommandTimeoutOrAClientSideRefusal()
    {
        // A slow query or lock wait: EF Core's "Failed executing DbCommand … CommandTimeout='30'" names the SQL, and the
        // database is not away.
        var timeout = new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));
        Assert.IsFalse(DatabaseOutageEchoes.IsLeftOut(Event("Microsoft.EntityFrameworkCore.Database.Command", timeout)));
        Assert.IsFalse(DatabaseOutageEchoes.IsLeftOut(Event("Microsoft.EntityFrameworkCore.Query", new NpgsqlException("No password has been provided but the backend requires one"))));
    }

    [TestMethod]
    public void IsLeftOut_ShouldBeFalse_ForOtherSourcesLevelsAndExceptions()
    {
        Assert.IsFalse(DatabaseOutageEchoes.IsLeftOut(Event("Agensium.Scheduler.Api.ErrorHandlingMiddleware", Refused())), "the service's own events stay");
        Assert.IsFalse(DatabaseOutageEchoes.IsLeftOut(Event("Microsoft.EntityFrameworkCoreX", Refused())), "only EF Core's categories");
        Assert.IsFalse(DatabaseOutageEchoes.IsLeftOut(Event("Microsoft.EntityFrameworkCore.Query", Refused(), LogEventLevel.Warning)), "only errors");
        Assert.IsFalse(DatabaseOutageEchoes.IsLeftOut(Event("Microsoft.EntityFrameworkCore.Query", new InvalidOperationException("a mapping fault"))));
        Assert.IsFalse(DatabaseOutageEchoes.IsLeftOut(Event("Microsoft.EntityFrameworkCore.Query", null)));
    }

    [TestMethod]
    public void IsLeftOut_ShouldBeTrue_ForEfCoresConnectionErrorWithoutException()
    {
        // "An error occurred using the connection to database …" carries no exception; the caller reports the one thrown.
        Assert.IsTrue(DatabaseOutageEchoes.IsLeftOut(Event("Microsoft.EntityFrameworkCore.Database.Connection", null)));
        Assert.IsFalse(DatabaseOutageEchoes.IsLeftOut(Event("Microsoft.EntityFrameworkCore.Database.Connection", null, LogEventLevel.Warning)));
    }
}
