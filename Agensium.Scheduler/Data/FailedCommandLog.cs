using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Agensium.Scheduler.Data;

/// <summary>
/// EF Core's "Failed executing DbCommand" error, logged with the exception that failed the command. EF Core logs that
/// event without its exception (only the SQL, the parameters' names and the timeout), so the log's filter of outage echoes
/// (<see cref="Logging.DatabaseOutageEchoes"/>) could not tell a command cut by a PostgreSQL outage from a constraint or a
/// syntax error: a request that met a pooled connection of a server going down logged an ERROR with the SQL beside the
/// service's own "answered 503" warning. EF Core's own event is switched off (<see cref="Configure"/>) and this
/// interceptor, which receives the exception, writes the same event in the same category: an outage's is left out, any
/// other is logged with its cause.
/// </summary>
public sealed class FailedCommandLog(ILogger logger) : DbCommandInterceptor
{
    /// <summary>EF Core's category of command events, which the log's filters know.</summary>
    public const string Category = "Microsoft.EntityFrameworkCore.Database.Command";

    /// <summary>Switches EF Core's exception-less event off and logs the command failures through this interceptor.</summary>
    public static DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> options, ILoggerFactory loggers) where T : DbContext =>
        options
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.CommandError))
            .AddInterceptors(new FailedCommandLog(loggers.CreateLogger(Category)));

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Log(command, eventData);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Log(command, eventData);
        return Task.CompletedTask;
    }

    private void Log(DbCommand command, CommandErrorEventData eventData)
    {
        // As EF Core words it; parameter values stay out (EF Core shows them only with sensitive data logging on).
        var parameters = string.Join(", ", command.Parameters.Cast<DbParameter>().Select(p => $"{p.ParameterName}='?' (DbType = {p.DbType})"));
        logger.LogError(eventData.Exception,
            "Failed executing DbCommand ({Elapsed}ms) [Parameters=[{Parameters}], CommandType='{CommandType}', CommandTimeout='{CommandTimeout}']{NewLine}{CommandText}",
            eventData.Duration.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture), parameters, command.CommandType,
            command.CommandTimeout, Environment.NewLine, command.CommandText.TrimEnd());
    }
}
