using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Api;

/// <summary>
/// Every path but /health* (and /metrics when Metrics:Open) needs a configured key in X-Api-Key. Keys are compared as SHA-256 digests with a
/// fixed-time comparison, so neither the length nor the content of a key leaks through timing.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ApiOptions> options, IOptions<Metrics.MetricsOptions> metrics)
{
    public const string Header = "X-Api-Key";

    private readonly byte[][] _keyDigests = options.Value.Keys.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k))).ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health")
            || (metrics.Value.Open && context.Request.Path.StartsWithSegments(metrics.Value.Path)))
        {
            await next(context);
            return;
        }
        if (KeyIndex(context.Request.Headers[Header].ToString()) is { } index)
        {
            // Rate limits partition by key; only the key's position in the configuration is kept, never the key.
            context.Items[KeyIdItem] = "key-" + index;
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(
            new ApiError("UNAUTHORIZED", $"A valid API key is required in the {Header} header.")), context.RequestAborted);
    }

    public const string KeyIdItem = "agensium.api-key-id";

    /// <summary>Which configured key was presented; every key is compared, in fixed time, whatever matches.</summary>
    private int? KeyIndex(string presented)
    {
        if (presented.Length == 0)
        {
            return null;
        }
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        int? found = null;
        for (var i = 0; i < _keyDigests.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, _keyDigests[i]))
            {
                found ??= i;
            }
        }
        return found;
    }
}
