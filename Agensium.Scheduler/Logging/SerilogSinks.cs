using Microsoft.Extensions.Primitives;
using Serilog;
using Serilog.Core;

namespace Agensium.Scheduler.Logging;

/// <summary>
/// The sinks of the <c>Serilog</c> settings (console, file; <c>Serilog:WriteTo</c>, <c>AuditTo</c>) behind
/// <see cref="OutageLines"/>, which rewrites an outage's event before any of them writes it. Serilog gives a filter or
/// an enricher no way to drop an event's exception, so the sinks read from the settings are built into a logger of
/// their own, which the node's logger writes to through <see cref="OutageLines"/>; the rest of the settings (levels,
/// overrides, enrichers, filters) stay the node's logger's, so a level decides what is logged before anything else.
/// Settings keep their names (<c>Serilog__WriteTo__1__Args__path</c>), and each part follows the settings it is read
/// from: a level changed in appsettings.json while the node runs applies, as it did with one logger.
/// </summary>
public static class SerilogSinks
{
    private const string Section = "Serilog";
    private static readonly string[] SinkKeys = ["WriteTo", "AuditTo"];

    // Read by both parts: the sinks' assemblies, and the level switches a sink may name ("levelSwitch": "$console").
    private static readonly string[] SharedKeys = ["Using", "LevelSwitches"];

    /// <summary>The settings without their sinks, for the node's logger.</summary>
    public static IConfiguration WithoutSinks(IConfiguration configuration) => Part(configuration, sinks: false);

    /// <summary>A logger of the configured sinks only, every event it is given written (levels are the node's logger's).</summary>
    public static Logger Build(IConfiguration configuration) =>
        new LoggerConfiguration().MinimumLevel.Verbose().ReadFrom.Configuration(Part(configuration, sinks: true)).CreateLogger();

    private static IConfiguration Part(IConfiguration configuration, bool sinks) =>
        new ConfigurationBuilder().Add(new PartSource(configuration, key => KindOf(key) is not { } kind
            || SharedKeys.Contains(kind, StringComparer.OrdinalIgnoreCase)
            || SinkKeys.Contains(kind, StringComparer.OrdinalIgnoreCase) == sinks)).Build();

    // "WriteTo" for "Serilog:WriteTo:1:Args:path"; null for "Serilog" itself.
    private static string? KindOf(string key)
    {
        var parts = key.Split(':');
        return parts.Length > 1 ? parts[1] : null;
    }

    private sealed class PartSource(IConfiguration configuration, Func<string, bool> keep) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new PartProvider(configuration, keep);
    }

    // A view of part of the settings, not a copy: Serilog.Settings.Configuration follows a changed Serilog:MinimumLevel
    // (appsettings.json is read with reloadOnChange) through the reload token of the configuration it was given, which
    // a copy never fires.
    private sealed class PartProvider : ConfigurationProvider
    {
        private readonly IConfiguration _configuration;
        private readonly Func<string, bool> _keep;

        public PartProvider(IConfiguration configuration, Func<string, bool> keep)
        {
            (_configuration, _keep) = (configuration, keep);
            ChangeToken.OnChange(configuration.GetReloadToken, () =>
            {
                Load();
                OnReload();
            });
        }

        public override void Load() => Data = _configuration.GetSection(Section).AsEnumerable()
            .Where(setting => setting.Value is not null && _keep(setting.Key))
            .ToDictionary(setting => setting.Key, setting => setting.Value, StringComparer.OrdinalIgnoreCase);
    }
}
