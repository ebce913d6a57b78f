using Agensium.Scheduler.Hosting;
using Serilog;

namespace Agensium.Scheduler.Logging;

/// <summary>The node's log: the <c>Serilog</c> settings, the seed's format, and what is left out or shortened.</summary>
public static class NodeLogging
{
    public static LoggerConfiguration ConfigureNodeLogging(this LoggerConfiguration logging, IConfiguration configuration, NodeIdentity node) => logging
        .ReadFrom.Configuration(SerilogSinks.WithoutSinks(configuration))
        .Enrich.FromLogContext()
        .Enrich.With(new SeedFormatEnricher(node))
        // A node refused at start says why in one line (Program); the host's trace of the same failure is left out.
        .Filter.ByExcluding(e => e.Exception is { } x && e.MessageTemplate.Text == "Hosting failed to start" && StartupFailure.IsReportedInOneLine(x))
        // A PostgreSQL outage is reported by the service's own warnings; EF Core's ERROR echoes of it (with traces) are left out.
        .Filter.ByExcluding(DatabaseOutageEchoes.IsLeftOut)
        // A Quartz rollback that the node's stop cancelled is part of the stop, not an error.
        .Filter.ByExcluding(CancelledRollbackEchoes.IsLeftOut)
        // An outage's exception (Quartz's "Error managing cluster", the service's own warnings) is written as its
        // cause in one line, not its trace, and the same line at most once a minute.
        .WriteTo.Sink(new OutageLines(SerilogSinks.Build(configuration)));
}
