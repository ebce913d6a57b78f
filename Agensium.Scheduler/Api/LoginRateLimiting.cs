using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Agensium.Scheduler.Api;

/// <summary>
/// A per-address window on dashboard logins (per node); refusals are 429 RATE_LIMITED with Retry-After. Task
/// creation and processing are limited per API key across the cluster by <see cref="SubmitQuota"/>.
/// </summary>
public static class LoginRateLimiting
{
    /// <summary>Dashboard logins: per client address, so a key cannot be guessed at speed.</summary>
    public const string LoginPolicy = "login";
    private const int LoginsPerMinute = 20;

    public static IServiceCollection AddLoginRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
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
                await context.HttpContext.Response.WriteAsync(JsonSerializer.Serialize(
                    new ApiError("RATE_LIMITED", "Too many login attempts from this address; retry later.")), ct);
            };
        });
        return services;
    }
}
