using Agensium.Scheduler.Hosting;
using Serilog.Events;

namespace Agensium.Scheduler.Logging;

/// <summary>
/// Quartz rolls back a store transaction with the token of the call it belongs to; when the node's stop cancels that
/// call (a SIGTERM while the scheduler starts, checks its schema or recovers), the rollback is cancelled too and Quartz
/// logs "Couldn't rollback ADO.NET connection. The operation was canceled." as an ERROR with a trace, in the middle of
/// an ordinary stop. Nothing is lost by it: Quartz then disposes the transaction, which Npgsql rolls back, and PostgreSQL
/// ends a transaction whose connection goes away. Left out of the log; a rollback that fails for any other reason (the
/// connection broken, the server gone) is logged as before.
/// </summary>
public static class CancelledRollbackEchoes
{
    private const string RollbackFailed = "Couldn't rollback ADO.NET connection.";

    /// <summary>True for Quartz's error event of a rollback that the caller's cancellation cut.</summary>
    public static bool IsLeftOut(LogEvent e) =>
        e.Exception is { } exception
        && e.MessageTemplate.Text.StartsWith(RollbackFailed, StringComparison.Ordinal)
        && e.Properties.TryGetValue("SourceContext", out var source)
        && source is ScalarValue { Value: string category }
        && category.StartsWith("Quartz", StringComparison.Ordinal)
        && StartupFailure.IsCancellation(exception);
}
