using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

// RelationalCommandDiagnosticsLogger is EF Core's own command logger, an internal API (EF1001): a new EF Core version
// may change its constructor or methods, which then fails the build here, not at run time.
#pragma warning disable EF1001

namespace Agensium.Scheduler.Data;

/// <summary>
/// EF Core's "Failed executing DbCommand" error, logged with the exception that failed the command. EF Core logs that
/// event without its exception (only the SQL, the parameters' names and the timeout), so the log's filter of outage echoes
/// (<see cref="Logging.DatabaseOutageEchoes"/>) could not tell a command cut by a PostgreSQL outage from a constraint or a
/// syntax error, and the line said no cause: a request that met a pooled connection of a server going down logged an
/// ERROR with the SQL beside the service's own "answered 503" warning (stop 45), and a background command cut by an
/// outage still did (stop 46). EF Core's own event is switched off (<see cref="Configure"/>) and EF Core's command logger
/// is this one, which writes the same event in the same category with the exception that failed the command: an
/// outage's is left out (the caller says it), a call a hung server did not answer is one line of its outage with its
/// cause (<see cref="Logging.OutageLines"/>), any other failure keeps its trace. Only a failure runs anything more than EF Core's own logger (not measured): a
/// command interceptor, which did the same on the requests' contexts, made EF Core build event data for every command
/// it ran (5-9 % of a 1-node drain's rate on the job path, stop 45), so the background contexts had none.
/// </summary>
public sealed class FailedCommandLog(
    ILoggerFactory loggerFactory,
    ILoggingOptions loggingOptions,
    DiagnosticSource diagnosticSource,
    LoggingDefinitions loggingDefinitions,
    IDbContextLogger contextLogger,
    IDbContextOptions contextOptions,
    IInterceptors? interceptors = null)
    : RelationalCommandDiagnosticsLogger(loggerFactory, loggingOptions, diagnosticSource, loggingDefinitions, contextLogger, contextOptions, interceptors)
{
    /// <summary>EF Core's category of command events, which the log's filters know.</summary>
    public const string Category = "Microsoft.EntityFrameworkCore.Database.Command";

    private readonly ILogger _logger = loggerFactory.CreateLogger(Category);

    /// <summary>Switches EF Core's exception-less event off and logs the command failures through this logger.</summary>
    public static DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> options) where T : DbContext =>
        options
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.CommandError))
            .ReplaceService<IRelationalCommandDiagnosticsLogger, FailedCommandLog>();

    public override void CommandError(IRelationalConnection connection, DbCommand command, string logCommandText, DbContext? context,
        DbCommandMethod executeMethod, Guid commandId, Guid connectionId, Exception exception, DateTimeOffset startTime, TimeSpan duration,
        CommandSource commandSource)
    {
        Log(command, logCommandText, duration, exception);
        base.CommandError(connection, command, logCommandText, context, executeMethod, commandId, connectionId, exception, startTime, duration,
            commandSource);
    }

    public override Task CommandErrorAsync(IRelationalConnection connection, DbCommand command, string logCommandText, DbContext? context,
        DbCommandMethod executeMethod, Guid commandId, Guid connectionId, Exception exception, DateTimeOffset startTime, TimeSpan duration,
        CommandSource commandSource, CancellationToken cancellationToken = default)
    {
        Log(command, logCommandText, duration, exception);
        return base.CommandErrorAsync(connection, command, logCommandText, context, executeMethod, commandId, connectionId, exception, startTime,
            duration, commandSource, cancellationToken);
    }

    // logCommandText is the SQL as EF Core's own command events show it.
    private void Log(DbCommand command, string logCommandText, TimeSpan duration, Exception exception)
    {
        // As EF Core words it; parameter values stay out (EF Core shows them only with sensitive data logging on).
        var parameters = string.Join(", ", command.Parameters.Cast<DbParameter>().Select(p => $"{p.ParameterName}='?' (DbType = {p.DbType})"));
        _logger.LogError(exception,
            "Failed executing DbCommand ({Elapsed}ms) [Parameters=[{Parameters}], CommandType='{CommandType}', CommandTimeout='{CommandTimeout}']{NewLine}{CommandText}",
            duration.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture), parameters, command.CommandType,
            command.CommandTimeout, Environment.NewLine, logCommandText.TrimEnd());
    }
}
