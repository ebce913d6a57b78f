using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Api;

/// <summary>
/// Every path but /health* needs a configured key in X-Api-Key. Keys are compared as SHA-256 digests with a
/// fixed-time comparison, so neither the length nor the content of a key leaks through timing.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public const string Header = "X-Api-Key";

    private readonly byte[][] _keyDigests = options.Value.Keys.Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k))).ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health") || IsValid(context.Request.Headers[Header].ToString()))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(
            new ApiError("UNAUTHORIZED", $"A valid API key is required in the {Header} header.")), context.RequestAborted);
    }

    private bool IsValid(string presented)
    {
        if (presented.Length == 0)
        {
            return false;
        }
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var key in _keyDigests)
        {
            match |= CryptographicOperations.FixedTimeEquals(digest, key);
        }
        return match;
    }
}
