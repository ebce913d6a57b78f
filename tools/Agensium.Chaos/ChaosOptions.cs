using System.Globalization;

namespace Agensium.Chaos;

/// <summary>What to run, against which stack, with which fault durations.</summary>
public sealed record ChaosOptions
{
    public const string Usage = """
        usage: Agensium.Chaos [--short] [--soak MINUTES] [--scenarios a,b,c] [--repo DIR] [--service-dll PATH]
                              [--database NAME] [--base-port N] [--rate TASKS_PER_S] [--seed N] [--report FILE]
          scenarios: node-kill, pg-restart, pg-pause, redis-down, s3-down, clock-skew, node-freeze (default: all)
          --short    the CI version: outages of 15 s instead of 60 s, two kills, a few minutes in all
          --soak M   repeat random scenarios of the list for M minutes under a steady job stream
        Stack ports come from AGENSIUM_PG_PORT, AGENSIUM_REDIS_PORT, AGENSIUM_S3_PORT (scripts/stack.sh defaults);
        node ports are base-port+0..2 plus AGENSIUM_TEST_PORT_OFFSET.
        """;

    public static readonly IReadOnlyList<string> AllScenarios =
        ["node-kill", "pg-restart", "pg-pause", "redis-down", "s3-down", "clock-skew", "node-freeze"];

    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;
    public bool Short { get; init; }
    public TimeSpan? Soak { get; init; }
    public string RepoRoot { get; init; } = FindRepoRoot();
    public string? ServiceDll { get; init; }
    public string Database { get; init; } = "agensium_chaos";
    public int BasePort { get; init; } = 5181;
    public double Rate { get; init; } = 3;
    public int Seed { get; init; } = Environment.TickCount;
    public string? ReportFile { get; init; }

    public int PortOffset => EnvInt("AGENSIUM_TEST_PORT_OFFSET", 0);
    public int PgPort { get; init; } = EnvInt("AGENSIUM_PG_PORT", 55432);
    public int RedisPort { get; init; } = EnvInt("AGENSIUM_REDIS_PORT", 56379);
    public int S3Port { get; init; } = EnvInt("AGENSIUM_S3_PORT", 54569);

    /// <summary>
    /// The stack's folder (scripts/stack.sh's AGENSIUM_LOCAL_DIR): RepoRoot/.local unless a private stack of the
    /// checkout's, started on other ports in a folder of its own, is the one to fault.
    /// </summary>
    public string? StackDir { get; init; }

    public string LocalDir => StackDir ?? Path.Combine(RepoRoot, ".local");
    public string Bucket => Environment.GetEnvironmentVariable("AGENSIUM_S3_BUCKET") is { Length: > 0 } b ? b : "agensium-files";
    public string ApiKey => "dev-api-key-change-me";

    public string ServiceDllPath => ServiceDll
        ?? Path.Combine(RepoRoot, "Agensium.Scheduler", "bin", "Release", "net10.0", "Agensium.Scheduler.dll");

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={PgPort};Database={database};Username=agensium;Password=agensium;Timeout=5;Command Timeout=20";

    // Fault sizes: the CI version keeps the whole run to a few minutes; the full one follows the issue (a minute down).
    public int KillsPerScenario => Short ? 2 : 3;
    public TimeSpan KillDowntime => TimeSpan.FromSeconds(Short ? 3 : 8);
    public TimeSpan PgPause => TimeSpan.FromSeconds(Short ? 12 : 20);
    public TimeSpan RedisDowntime => TimeSpan.FromSeconds(Short ? 15 : 60);
    public TimeSpan S3Downtime => TimeSpan.FromSeconds(Short ? 15 : 60);
    public TimeSpan SkewHold => TimeSpan.FromSeconds(Short ? 15 : 45);
    public TimeSpan FreezeHold => TimeSpan.FromSeconds(Short ? 14 : 20);
    public TimeSpan SettleDeadline => TimeSpan.FromSeconds(Short ? 150 : 300);

    public static ChaosOptions Parse(string[] args)
    {
        var o = new ChaosOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--short" => o with { Short = true },
                "--soak" => o with { Soak = TimeSpan.FromMinutes(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--scenarios" => o with { Scenarios = ParseScenarios(Next()) },
                "--repo" => o with { RepoRoot = Path.GetFullPath(Next()) },
                "--service-dll" => o with { ServiceDll = Path.GetFullPath(Next()) },
                "--database" => o with { Database = Next() },
                "--base-port" => o with { BasePort = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--rate" => o with { Rate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seed" => o with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--report" => o with { ReportFile = Path.GetFullPath(Next()) },
                _ => throw new ArgumentException($"unknown argument {args[i]}"),
            };
        }
        return o;
    }

    private static List<string> ParseScenarios(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var n in names.Where(n => !AllScenarios.Contains(n)))
        {
            throw new ArgumentException($"unknown scenario {n} (known: {string.Join(", ", AllScenarios)})");
        }
        return names.Count > 0 ? names : throw new ArgumentException("--scenarios names none");
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var v) ? v : fallback;

    /// <summary>The checkout whose stack (.local/) the faults target: the first folder upwards holding scripts/stack.sh.</summary>
    public static string FindRepoRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "scripts", "stack.sh")))
                {
                    return d.FullName;
                }
            }
        }
        return Environment.CurrentDirectory;
    }
}
