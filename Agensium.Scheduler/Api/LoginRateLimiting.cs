using System.Globalization;
using System.Threading.RateLimiting;
using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Messaging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Agensium.Scheduler.Api;

/// <summary>
/// Dashboard logins, limited per client address across the cluster: 20 attempts in a fixed one-minute window counted in
/// Redis (the window starts at the address's first attempt), so a key cannot be guessed at speed, nor N times as fast
/// through N nodes behind a balancer (each node had a window of its own). While Redis cannot be reached the node counts
/// on its own (the limit then holds per node) rather than refusing or admitting everything. The client address is the
/// connection's, or behind a proxy listed in TrustedProxies the one it forwards (<see cref="Hosting.TrustedProxies"/>),
/// counted as <see cref="LoginClientKey"/> says: an IPv6 client by its /64, an IPv4-mapped one as its IPv4 address.
/// Wrong API keys in X-Api-Key are the same guessing by another door: they are counted the same way in a window of their
/// own (<see cref="ApiKeyScope"/>, see <see cref="ApiKeyGuessLimit"/>), so API clients and dashboard users behind one
/// address do not use up each other's attempts.
/// </summary>
public sealed class LoginQuota(IConnectionMultiplexer redis, IOptions<RedisOptions> redisOptions, ILogger<LoginQuota> logger) : IDisposable
{
    /// <summary>Attempts a client address may make in a window.</summary>
    public const int LoginsPerMinute = 20;

    /// <summary>The window of dashboard login attempts.</summary>
    public const string LoginScope = "login";

    /// <summary>The window of requests carrying a wrong X-Api-Key.</summary>
    public const string ApiKeyScope = "api-key";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);

    // KEYS[1] the address's window; ARGV[1] limit, ARGV[2] window in ms. Returns -1 when admitted, else the milliseconds
    // until the window ends.
    private const string TakeScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        if n <= tonumber(ARGV[1]) then return -1 end
        local left = redis.call('PTTL', KEYS[1])
        if left < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); left = tonumber(ARGV[2]) end
        return left
        """;

    // KEYS[1] the address's window; ARGV[1] limit. Returns -1 when the window has attempts left (or none is open), else
    // the milliseconds until it ends. Counts nothing.
    private const string PeekScript = """
        local n = tonumber(redis.call('GET', KEYS[1]) or '0')
        if n < tonumber(ARGV[1]) then return -1 end
        local left = redis.call('PTTL', KEYS[1])
        if left < 0 then return -1 end
        return left
        """;

    private readonly PartitionedRateLimiter<string> _local = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = LoginsPerMinute,
            Window = Window,
            QueueLimit = 0,
        }));

    private readonly WarningThrottle _warnings = new(WarnEvery);

    /// <summary>Counts one attempt of the address: null when admitted, else how long until its window ends.</summary>
    public async Task<TimeSpan?> TryTakeAsync(string clientAddress, string scope = LoginScope)
    {
        try
        {
            var left = (long)(await redis.GetDatabase().ScriptEvaluateAsync(TakeScript,
                [WindowKey(clientAddress, scope)],
                [LoginsPerMinute, (long)Window.TotalMilliseconds]));
            return left < 0 ? null : TimeSpan.FromMilliseconds(Math.Max(1, left));
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException or TimeoutException)
        {
            WarnNowAndThen(e);
            using var lease = _local.AttemptAcquire(scope + "\n" + clientAddress);
            if (lease.IsAcquired)
            {
                return null;
            }
            return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        }
    }

    /// <summary>
    /// Whether the address has used up its window, without counting an attempt: null when it has attempts left, else
    /// how long until its window ends.
    /// </summary>
    public async Task<TimeSpan?> ExhaustedAsync(string clientAddress, string scope)
    {
        try
        {
            var left = (long)(await redis.GetDatabase().ScriptEvaluateAsync(PeekScript, [WindowKey(clientAddress, scope)], [LoginsPerMinute]));
            return left < 0 ? null : TimeSpan.FromMilliseconds(Math.Max(1, left));
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException or TimeoutException)
        {
            WarnNowAndThen(e);
            // Without Redis the node's own window, which counts the wrong keys meanwhile, says: a right key let in while
            // wrong ones are refused would tell a guesser the hit (review).
            return _local.GetStatistics(scope + "\n" + clientAddress) is { CurrentAvailablePermits: <= 0 } ? Window : null;
        }
    }

    private RedisKey WindowKey(string clientAddress, string scope) => $"{redisOptions.Value.Prefix}:quota:{scope}:{clientAddress}";

    private void WarnNowAndThen(Exception e)
    {
        if (_warnings.Due())
        {
            logger.LoginQuotaLocal(e.Message);
        }
    }

    public void Dispose() => _local.Dispose();
}

/// <summary>Puts the login route under <see cref="LoginQuota"/>.</summary>
public static class LoginRateLimiting
{
    private const string Message = "Too many login attempts from this address; retry later.";

    public static RouteHandlerBuilder RequireLoginQuota(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var address = LoginClientKey.For(http.Connection.RemoteIpAddress);
            if (await http.RequestServices.GetRequiredService<LoginQuota>().TryTakeAsync(address) is not { } wait)
            {
                return await next(context);
            }
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            if (http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
            {
                // A browser posting the login form sees the form again with the reason, not a JSON document.
                var form = Dashboard.LoginPage.Form(http, Message);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests; // the form's own status for a refusal is 401
                return form;
            }
            return ApiError.Result(StatusCodes.Status429TooManyRequests, "RATE_LIMITED", Message);
        });
}
