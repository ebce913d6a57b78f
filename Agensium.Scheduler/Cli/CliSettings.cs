using Npgsql;

namespace Agensium.Scheduler.Cli;

/// <summary>
/// What the CLI reads from the same configuration as the service (appsettings.json beside it, then env vars), read when
/// a command first asks: <c>analyze</c> needs none of it and does not pay for reading it.
/// </summary>
public sealed class CliSettings(Func<IConfiguration> load)
{
    private readonly Lazy<IConfiguration> _configuration = new(load);

    public IConfiguration Configuration => _configuration.Value;

    public static CliSettings Load() => new(() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build());

    public string SchedulerName => Configuration["Scheduler:InstanceName"] ?? "agensium";

    public NpgsqlDataSource OpenDatabase() =>
        NpgsqlDataSource.Create(Configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set (env ConnectionStrings__Postgres)."));

    /// <summary>The API the write commands go through: --url, else AGENSIUM_URL, else the first local node.</summary>
    public string ApiUrl(string? option) => option ?? Configuration["AGENSIUM_URL"] ?? "http://127.0.0.1:5101";

    public string ApiKey(string? option) => option ?? Configuration["AGENSIUM_API_KEY"] ?? Configuration["Api:Keys:0"]
        ?? throw new InvalidOperationException("No API key: pass --api-key or set AGENSIUM_API_KEY.");
}
