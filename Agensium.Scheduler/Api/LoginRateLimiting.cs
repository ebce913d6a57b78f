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
                const string Message = "Too many login attempts from this address; retry later.";
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                if (http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
                {
                    // A browser posting the login form sees the form again with the reason, not a JSON document.
                    var page = Dashboard.LoginPage.Form(http, Message);
                    http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                    await page.ExecuteAsync(http);
                    return;
                }
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(JsonSerializer.Serialize(new ApiError("RATE_LIMITED", Message)), ct);
            };
        });
        return services;
    }
}
