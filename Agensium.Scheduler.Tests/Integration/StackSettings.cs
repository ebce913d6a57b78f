using Npgsql;

namespace Agensium.Scheduler.Tests.Integration;

/// <summary>Where the local stack of scripts/stack.sh listens (same env vars and loopback defaults).</summary>
public static class StackSettings
{
    public static string PgPort => Env("AGENSIUM_PG_PORT", "55432");
    public static string RedisPort => Env("AGENSIUM_REDIS_PORT", "56379");
    public static string S3Port => Env("AGENSIUM_S3_PORT", "54569");
    public static string Bucket => Env("AGENSIUM_S3_BUCKET", "agensium-files");

    /// <summary>Added to every service node port of the tests (AGENSIUM_TEST_PORT_OFFSET, default 0).</summary>
    public static int TestPortOffset => int.Parse(Env("AGENSIUM_TEST_PORT_OFFSET", "0"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The scratch database of the integration tests, recreated at the start of every run.</summary>
    public const string TestDatabase = "agensium_test";

    public static string AdminConnectionString => Connection("postgres");
    public static string TestConnectionString => Connection(TestDatabase);
    public static string RedisConfiguration => $"127.0.0.1:{RedisPort}";
    public static string S3Url => $"http://127.0.0.1:{S3Port}";

    public static string ConnectionTo(string database) => Connection(database);

    private static string Connection(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = int.Parse(PgPort, System.Globalization.CultureInfo.InvariantCulture),
        Database = database,
        Username = "agensium",
        Password = "agensium",
        Pooling = true,
    }.ConnectionString;

    private static string Env(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;
}
