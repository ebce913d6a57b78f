using Serilog;
using Serilog.Core;

namespace Agensium.Scheduler.Logging;

/// <summary>
/// The sinks of the <c>Serilog</c> settings (console, file; <c>Serilog:WriteTo</c>, <c>AuditTo</c>) behind
/// <see cref="OutageLines"/>, which rewrites an outage's event before any of them writes it. Serilog gives a filter or
/// an enricher no way to drop an event's exception, so the sinks read from the settings are built into a logger of
/// their own, which the node's logger writes to through <see cref="OutageLines"/>; the rest of the settings (levels,
/// overrides, enrichers, filters) stay the node's logger's, so a level decides what is logged before anything else.
/// Settings keep their names (<c>Serilog__WriteTo__1__Args__path</c>).
/// </summary>
public static class SerilogSinks
{
    private const string Section = "Serilog";
    private static readonly string[] SinkKeys = ["WriteTo", "AuditTo"];

    /// <summary>The settings without their sinks, for the node's logger.</summary>
    public static IConfiguration WithoutSinks(IConfiguration configuration) => Part(configuration, sinks: false);

    /// <summary>A logger of the configured sinks only, every event it is given written (levels are the node's logger's).</summary>
    public static Logger Build(IConfiguration configuration) =>
        new LoggerConfiguration().MinimumLevel.Verbose().ReadFrom.Configuration(Part(configuration, sinks: true)).CreateLogger();

    // "Using" (the sinks' assemblies) goes to both parts.
    private static IConfiguration Part(IConfiguration configuration, bool sinks) => new ConfigurationBuilder()
        .AddInMemoryCollection(configuration.GetSection(Section).AsEnumerable()
            .Where(setting => setting.Value is not null)
            .Where(setting => KindOf(setting.Key) is not { } kind || kind.Equals("Using", StringComparison.OrdinalIgnoreCase) || SinkKeys.Contains(kind, StringComparer.OrdinalIgnoreCase) == sinks))
        .Build();

    // "WriteTo" for "Serilog:WriteTo:1:Args:path"; null for "Serilog" itself.
    private static string? KindOf(string key)
    {
        var parts = key.Split(':');
        return parts.Length > 1 ? parts[1] : null;
    }
}
