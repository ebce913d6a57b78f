namespace Agensium.Scheduler.Hosting;

/// <summary>
/// Settings that the host's own parts read before any options class is validated, checked up front so that a bad
/// value stops the node with one line and exit 78 (<see cref="StartupFailure"/>) instead of a stack trace and exit 134,
/// which the systemd unit would restart every few seconds: the addresses Kestrel listens on (<c>Urls</c>,
/// <c>ASPNETCORE_URLS</c>) and Serilog's minimum levels; and, before any options class binds them, durations written
/// as bare numbers (<see cref="DurationSettingsCheck"/>).
/// </summary>
public static class HostSettingsCheck
{
    private static readonly string[] Levels = Enum.GetNames<Serilog.Events.LogEventLevel>();

    /// <exception cref="StartupCheckException">A listening address that is not a URL, a log level Serilog does not have, or a bare-number duration.</exception>
    public static void Run(IConfiguration configuration)
    {
        CheckSections(configuration);
        DurationSettingsCheck.Run(configuration);
        CheckConnectionStringPlace(configuration);

        if (KestrelListensOnUrls(configuration))
        {
            CheckUrls(configuration[WebHostDefaults.ServerUrlsKey]);
        }

        CheckFileLogFolders(configuration);
        CheckLevel("Serilog:MinimumLevel", configuration["Serilog:MinimumLevel"]);
        CheckLevel("Serilog:MinimumLevel:Default", configuration["Serilog:MinimumLevel:Default"]);
        foreach (var source in configuration.GetSection("Serilog:MinimumLevel:Override").GetChildren())
        {
            CheckLevel($"Serilog:MinimumLevel:Override:{source.Key}", source.Value);
        }
    }

    /// <summary>The settings sections the node reads: its options classes' and the host's own.</summary>
    public static IReadOnlyList<string> KnownSections { get; } =
    [
        .. typeof(HostSettingsCheck).Assembly.GetTypes()
            .Select(t => t.GetField("Section", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null) as string)
            .OfType<string>(),
        "ConnectionStrings", "Serilog", "Logging", "Kestrel", "AllowedHosts", "Urls", "HostFiltering", "Hosting",
    ];

    /// <summary>
    /// A misspelt section (<c>Schedular__Concurrency</c>, <c>ConnectionString__Postgres</c>) was ignored silently and the
    /// node ran on defaults (or appsettings.json's connection string): only keys inside a known section were checked. A
    /// section of appsettings*.json, of the command line, or of an environment variable with a '__' separator that is a
    /// near miss of a known one stops the node, naming it; so does <c>Quartz</c>, whose settings the node does not read
    /// (they come from <c>Scheduler</c>). Other sections are left alone: the host's environment holds variables of other
    /// programs, and single-word variables (PATH, HOME, DOTNET_…) are never looked at.
    /// </summary>
    private static void CheckSections(IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return;
        }

        foreach (var provider in root.Providers)
        {
            var sections = provider switch
            {
                Microsoft.Extensions.Configuration.Json.JsonConfigurationProvider or Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationProvider =>
                    provider.GetChildKeys([], null),
                // A variable's '__' became ':': only those with one name a section; PATH, HOME, DOTNET_… name none.
                Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationProvider =>
                    provider.GetChildKeys([], null).Distinct(StringComparer.OrdinalIgnoreCase).Where(k => provider.GetChildKeys([], k).Any()),
                _ => [],
            };
            foreach (var section in sections.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (KnownSections.Contains(section, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }
                if (string.Equals(section, "Quartz", StringComparison.OrdinalIgnoreCase))
                {
                    throw new StartupCheckException(
                        $"unknown settings section {section}: Quartz is configured by the node from the Scheduler section (Scheduler:Concurrency, Scheduler:IdleWaitTime, …), not from {section}:…; remove it.");
                }
                if (Agensium.Analysis.Common.NameSuggestion.Closest(section, KnownSections) is { } close)
                {
                    throw new StartupCheckException($"unknown settings section {section} (did you mean {close}?); its settings would be ignored.");
                }
            }
        }
    }

    /// <summary>
    /// <c>Database:ConnectionString</c> binds (DatabaseOptions holds the connection string the node uses), but the node
    /// fills it from <c>ConnectionStrings:Postgres</c>, which appsettings.json always sets, and Quartz and the CLI read
    /// only that: a connection string written there was silently ignored.
    /// </summary>
    private static void CheckConnectionStringPlace(IConfiguration configuration)
    {
        if (configuration.GetSection("Database:ConnectionString").Value is not null)
        {
            throw new StartupCheckException(
                "Database:ConnectionString is not a setting: the node's connection string is ConnectionStrings:Postgres (env ConnectionStrings__Postgres); move it there.");
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

    /// <summary>
    /// The file sink (the only log with TaskId, JobName and FireInstanceId) failed silently when its folder could not be
    /// written (a relative path under a root-owned install folder, a non-root service user): no file, no warning. Its
    /// folder is created and written to once here, as the sink will, so such a path stops the node with one line naming
    /// the setting. A relative path is the sink's: from the working directory.
    /// </summary>
    private static void CheckFileLogFolders(IConfiguration configuration)
    {
        foreach (var sink in configuration.GetSection("Serilog:WriteTo").GetChildren())
        {
            if (!string.Equals(sink["Name"], "File", StringComparison.OrdinalIgnoreCase) || sink["Args:path"] is not { Length: > 0 } path)
            {
                continue;
            }

            string folder = "";
            try
            {
                folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "";
                Directory.CreateDirectory(folder);
                var probe = Path.Combine(folder, $".agensium-write-check-{Environment.ProcessId}");
                File.WriteAllBytes(probe, []);
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new StartupCheckException(
                    $"Serilog:WriteTo:{sink.Key}:Args:path: cannot write the log folder {(folder.Length > 0 ? folder : path)} ({e.Message}); "
                    + $"give a folder the service's user can write (Serilog__WriteTo__{sink.Key}__Args__path=/var/log/agensium/node-.log).");
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
