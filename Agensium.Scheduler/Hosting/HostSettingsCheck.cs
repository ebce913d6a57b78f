namespace Agensium.Scheduler.Hosting;

/// <summary>
/// Settings that the host's own parts read before any options class is validated, checked up front so that a bad
/// value stops the node with one line and exit 78 (<see cref="StartupFailure"/>) instead of a stack trace and exit 134,
/// which the systemd unit would restart every few seconds: the addresses Kestrel listens on (<c>Urls</c>,
/// <c>ASPNETCORE_URLS</c>) and Serilog's minimum levels.
/// </summary>
public static class HostSettingsCheck
{
    private static readonly string[] Levels = Enum.GetNames<Serilog.Events.LogEventLevel>();

    /// <exception cref="StartupCheckException">A listening address that is not a URL, or a log level Serilog does not have.</exception>
    public static void Run(IConfiguration configuration)
    {
        if (KestrelListensOnUrls(configuration))
        {
            CheckUrls(configuration[WebHostDefaults.ServerUrlsKey]);
        }

        CheckLevel("Serilog:MinimumLevel", configuration["Serilog:MinimumLevel"]);
        CheckLevel("Serilog:MinimumLevel:Default", configuration["Serilog:MinimumLevel:Default"]);
        foreach (var source in configuration.GetSection("Serilog:MinimumLevel:Override").GetChildren())
        {
            CheckLevel($"Serilog:MinimumLevel:Override:{source.Key}", source.Value);
        }
    }

    /// <summary>
    /// Kestrel binds its configured endpoints and ignores Urls then (it logs that it overrides them), unless
    /// <c>preferHostingUrls</c> is true, when Urls win over the endpoints.
    /// </summary>
    private static bool KestrelListensOnUrls(IConfiguration configuration) =>
        !configuration.GetSection("Kestrel:Endpoints").GetChildren().Any()
        || IsTrue(configuration[WebHostDefaults.PreferHostingUrlsKey]);

    // As the host reads the setting: "true" in any case, or "1".
    private static bool IsTrue(string? value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "1", StringComparison.Ordinal);

    private static void CheckUrls(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                throw new StartupCheckException(
                    $"Urls: '{url}' is not an address to listen on; give http://host:port (e.g. http://0.0.0.0:5100), several separated by ';'.");
            }
        }
    }

    private static void CheckLevel(string key, string? value)
    {
        // As Serilog reads a level: a name in any case, or its number (a "$switch" reference names a level switch instead).
        if (!string.IsNullOrEmpty(value) && !value.StartsWith('$') && !Enum.TryParse<Serilog.Events.LogEventLevel>(value, ignoreCase: true, out _))
        {
            throw new StartupCheckException($"{key} '{value}' is not a log level; use one of {string.Join(", ", Levels)}.");
        }
    }
}
