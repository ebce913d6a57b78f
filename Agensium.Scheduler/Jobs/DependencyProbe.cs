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

    /// <summary>How long each dependency may take to answer before it counts as down.</summary>
    public TimeSpan Limit { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Probes the three at once. Throws <see cref="OperationCanceledException"/> when <paramref name="ct"/> is cancelled
    /// (the node stops, a readiness caller hung up): no dependency failed then, so nothing is logged as one.
    /// </summary>
    public async Task<Report> ProbeAsync(CancellationToken ct)
    {
        var database = Check("database", async token =>
        {
            await using var cmd = db.CreateCommand("SELECT 1");
            await cmd.ExecuteScalarAsync(token);
        }, ct);
        var s3 = Check("s3", token => objects.ListAsync(TaskPaths.HealthProbePrefix, token), ct);
        var cache = Check("redis", _ => redis.GetDatabase().PingAsync(), ct);
        await Task.WhenAll(database, s3, cache);
        ct.ThrowIfCancellationRequested();
        return new Report(database.Result, s3.Result, cache.Result);
    }

    private async Task<string> Check(string component, Func<CancellationToken, Task> probe, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Limit);
        try
        {
            // The probe is cancelled at the limit too (a query left running would hold a pooled connection), and waited
            // for no longer than that even if it does not look at its token (Redis' PING).
            await probe(limit.Token).WaitAsync(limit.Token);
            return "ok";
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return "cancelled";
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            // Its trace would be the client's frames of the cancel: the line says what happened.
            logger.HealthCheckTimedOut(component, Limit.TotalSeconds);
            return "error";
        }
        catch (Exception e)
        {
            logger.HealthCheckFailed(e, component);
            return "error";
        }
    }
}
