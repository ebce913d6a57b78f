using System.Threading.RateLimiting;
using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Messaging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Agensium.Scheduler.Api;

/// <summary>
/// The per-API-key submit limit (<see cref="ApiOptions.SubmitPermitsPerMinute"/>) for the whole cluster: one token
/// bucket per key in Redis, refilled continuously, taken from atomically by a script on Redis's own clock, so N nodes
/// behind a balancer admit what one would. While Redis cannot be reached the node falls back to a bucket of its own
/// (the limit then holds per node) rather than refusing or admitting everything.
/// </summary>
public sealed class SubmitQuota(IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, IOptions<ApiOptions> api,
    ILogger<SubmitQuota> logger) : IDisposable
{
    // KEYS[1] bucket; ARGV[1] capacity, ARGV[2] tokens per millisecond. Returns {1, 0} when a token was taken, or
    // {0, milliseconds until one is back}. The bucket expires once it would be full again.
    private const string TakeScript = """
        local capacity = tonumber(ARGV[1])
        local rate = tonumber(ARGV[2])
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1])
        local at = tonumber(state[2])
        if tokens == nil or at == nil then
          tokens = capacity
          at = now
        end
        tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
        local taken = 0
        local wait = 0
        if tokens >= 1 then
          tokens = tokens - 1
          taken = 1
        else
          wait = math.ceil((1 - tokens) / rate)
        end
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
        redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate) + 1000)
        return {taken, wait}
        """;

    private static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _local = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = api.Value.SubmitPermitsPerMinute,
            TokensPerPeriod = api.Value.SubmitPermitsPerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private readonly WarningThrottle _warnings = new(WarnEvery);

    public bool Enabled => api.Value.SubmitPermitsPerMinute > 0;

    /// <summary>Takes one submission from the key's bucket: null when admitted, else how long until the next one is.</summary>
    public async Task<TimeSpan?> TryTakeAsync(string quotaId)
    {
        var permits = api.Value.SubmitPermitsPerMinute;
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(TakeScript,
                [(RedisKey)$"{redisOptions.Value.Prefix}:quota:submit:{quotaId}"],
                [permits, permits / 60_000.0]))!;
            return (long)result[0] == 1 ? null : TimeSpan.FromMilliseconds(Math.Max(1, (long)result[1]));
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException or TimeoutException)
        {
            WarnNowAndThen(e);
            using var lease = _local.AttemptAcquire(quotaId);
            if (lease.IsAcquired)
            {
                return null;
            }
            return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        }
    }

    private void WarnNowAndThen(Exception e)
    {
        if (_warnings.Due())
        {
            logger.SubmitQuotaLocal(e.Message);
        }
    }

    public void Dispose() => _local.Dispose();
}
