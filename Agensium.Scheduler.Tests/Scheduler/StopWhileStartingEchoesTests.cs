using Agensium.Scheduler.Hosting;
using Agensium.Scheduler.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace Agensium.Scheduler.Tests.Scheduler;

/// <summary>
/// What a stop while the node starts leaves out of the log: the host's "Hosting failed to start" trace of a start the
/// stop cancelled (Program says it in one line), also when Quartz wraps the cancellation, and Quartz's rollback that the
/// stop cut. CI of 52fd257 saw both in StopWhileStartingTests, a stop during Quartz's schema check.
/// </summary>
[TestClass]
public sealed class StopWhileStartingEchoesTests
{
    // Quartz's schema check cut by the stop, as Quartz 4.7.3 throws it.
    private static Exception QuartzSchemaCheckCancelled() =>
        new Quartz.SchedulerException("Database schema validation failed under table prefix 'qrtz_'. If this schema was created by an earlier Quartz.NET, run the migrations …",
            new Quartz.JobPersistenceException("Unable to query against table qrtz_JOB_DETAILS: The operation was canceled.", new OperationCanceledException()));

    private static LogEvent Event(string category, string template, Exception? exception, LogEventLevel level = LogEventLevel.Error) =>
        new(DateTimeOffset.UtcNow, level, exception, new MessageTemplateParser().Parse(template),
            [new LogEventProperty("SourceContext", new ScalarValue(category))]);

    [TestMethod]
    public void IsCancellation_ShouldBeTrue_WhenQuartzWrapsTheStopsCancellation()
    {
        Assert.IsTrue(StartupFailure.IsCancellation(QuartzSchemaCheckCancelled()));
        Assert.IsTrue(StartupFailure.IsReportedInOneLine(QuartzSchemaCheckCancelled()));
        Assert.IsTrue(StartupFailure.IsCancellation(new AggregateException(QuartzSchemaCheckCancelled())));
        Assert.IsTrue(StartupFailure.IsCancellation(new TaskCanceledException()));
    }

    [TestMethod]
    public void IsCancellation_ShouldBeFalse_ForATimeoutOrAFailureThatIsNoCancellation()
    {
        // HttpClient's timeout: a TaskCanceledException over a TimeoutException, a failure to report with its trace.
        Assert.IsFalse(StartupFailure.IsCancellation(new TaskCanceledException("timed out", new TimeoutException())));
        Assert.IsFalse(StartupFailure.IsCancellation(new Quartz.SchedulerException("Database schema validation failed", new Quartz.JobPersistenceException("relation \"qrtz_job_details\" does not exist"))));
        Assert.IsFalse(StartupFailure.IsReportedInOneLine(new InvalidOperationException("something else")));
    }

    [TestMethod]
    public void IsLeftOut_ShouldBeTrue_ForQuartzsRollbackCutByTheStop() =>
        Assert.IsTrue(CancelledRollbackEchoes.IsLeftOut(Event("Quartz.Impl.AdoJobStore.ConnectionAndTransactionHolder",
            "Couldn't rollback ADO.NET connection. {ExceptionMessage}", new OperationCanceledException())));

    [TestMethod]
    public void IsLeftOut_ShouldBeFalse_ForOtherRollbackFailuresAndOtherEvents()
    {
        const string Quartz = "Quartz.Impl.AdoJobStore.ConnectionAndTransactionHolder";
        const string Rollback = "Couldn't rollback ADO.NET connection. {ExceptionMessage}";
        Assert.IsFalse(CancelledRollbackEchoes.IsLeftOut(Event(Quartz, Rollback, new Npgsql.NpgsqlException("Exception while writing to stream"))),
            "a rollback on a broken connection is still an error");
        Assert.IsFalse(CancelledRollbackEchoes.IsLeftOut(Event(Quartz, Rollback, null)));
        Assert.IsFalse(CancelledRollbackEchoes.IsLeftOut(Event(Quartz, "Error managing cluster: {Message}", new OperationCanceledException())),
            "only the rollback");
        Assert.IsFalse(CancelledRollbackEchoes.IsLeftOut(Event("Agensium.Scheduler.Jobs.TaskLifecycle", Rollback, new OperationCanceledException())),
            "only Quartz's");
    }
}
