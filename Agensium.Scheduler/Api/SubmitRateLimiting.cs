using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Api;

/// <summary>
/// Per-API-key token bucket on task creation and processing, and a per-address window on dashboard logins; refusals
/// are 429 RATE_LIMITED with Retry-After.
/// </summary>
public static class SubmitRateLimiting
{
    public const string Policy = "submit";

    /// <summary>Dashboard logins: per client address, so a key cannot be guessed at speed.</summary>
    public const string LoginPolicy = "login";
    private const int LoginsPerMinute = 20;

    public static IServiceCollection AddSubmitRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context =>
            {
                var permits = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.SubmitPermitsPerMinute;
                var key = context.Items[ApiKeyMiddleware.KeyIdItem] as string ?? "anonymous";
                return permits <= 0
                    ? RateLimitPartition.GetNoLimiter(key)
                    : RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = permits,
                        TokensPerPeriod = permits,
                        ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            limiter.AddPolicy(LoginPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = LoginsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.ContentType = "application/json";
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                var message = context.HttpContext.Request.Path.StartsWithSegments("/dashboard")
                    ? "Too many login attempts from this address; retry later."
                    : "Too many submissions for this API key; retry later.";
                await context.HttpContext.Response.WriteAsync(JsonSerializer.Serialize(new ApiError("RATE_LIMITED", message)), ct);
            };
        });
        return services;
    }
}
