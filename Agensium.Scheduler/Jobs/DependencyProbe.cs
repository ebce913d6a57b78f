using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Storage;
using Npgsql;
using StackExchange.Redis;

namespace Agensium.Scheduler.Jobs;

/// <summary>Checks Postgres, S3 and Redis; shared by the health-check job and GET /health/ready.</summary>
public sealed class DependencyProbe(NpgsqlDataSource db, IObjectStore objects, IConnectionMultiplexer redis, ILogger<DependencyProbe> logger)
{
    public sealed record Report(string Database, string S3, string Redis)
    {
        public bool AllOk => Database == "ok" && S3 == "ok" && Redis == "ok";
    }

    public async Task<Report> ProbeAsync(CancellationToken ct)
    {
        var database = Check("database", async () =>
        {
            await using var cmd = db.CreateCommand("SELECT 1");
            await cmd.ExecuteScalarAsync(ct);
        });
        var s3 = Check("s3", () => objects.ListAsync(TaskPaths.HealthProbePrefix, ct));
        var cache = Check("redis", () => redis.GetDatabase().PingAsync());
        await Task.WhenAll(database, s3, cache);
        return new Report(database.Result, s3.Result, cache.Result);
    }

    private async Task<string> Check(string component, Func<Task> probe)
    {
        try
        {
            await probe().WaitAsync(TimeSpan.FromSeconds(5));
            return "ok";
        }
        catch (Exception e)
        {
            logger.HealthCheckFailed(e, component);
            return "error";
        }
    }
}
