using System.Text.Json;
using Agensium.Scheduler.Dashboard;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Api;

/// <summary>
/// Every path but /health* and /favicon.ico (and /metrics when Metrics:Open) needs a configured key in X-Api-Key. The dashboard also
/// accepts its signed login cookie; its login form and static assets are open, and a browser without a session is
/// sent to the login form. Who is calling (key position, dashboard operator) is kept for rate limits and the audit log.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeys keys, DashboardSession sessions, DashboardSessionRevocations revocations,
    IOptions<Metrics.MetricsOptions> metrics, ApiKeyGuessLimit guesses)
{
    public const string Header = "X-Api-Key";
    public const string KeyIdItem = "agensium.api-key-id";
    public const string KeyIndexItem = "agensium.api-key-index";
    public const string ActorItem = "agensium.actor";

    /// <summary>The icon path browsers ask for on their own: answered 204 to anyone (see HostingExtensions).</summary>
    public const string FaviconPath = "/favicon.ico";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/health")
            || (metrics.Value.Open && path.StartsWithSegments(metrics.Value.Path))
            || DashboardRoutes.IsOpen(path)
            || path.Equals(FaviconPath, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        var presented = context.Request.Headers[Header].ToString();
        if (keys.Match(presented) is { } index)
        {
            if (await guesses.AdmitRightKeyAsync(LoginClientKey.For(context.Connection.RemoteIpAddress), index) is { } limited)
            {
                await RefuseAsync(context, limited);
                return;
            }
            // Rate limits partition by key; only the key's position in the configuration is kept, never the key.
            context.Items[KeyIdItem] = ApiKeys.IdOf(index);
            context.Items[KeyIndexItem] = index;
            context.Items[ActorItem] = ApiKeys.IdOf(index);
            await next(context);
            return;
        }
        if (path.StartsWithSegments(DashboardRoutes.Root))
        {
            // A logged-out session is refused on every node (one indexed lookup per dashboard request).
            if (sessions.Validate(context.Request.Cookies[DashboardSession.CookieName]) is { } op
                && !await revocations.IsRevokedAsync(op.SessionId, context.RequestAborted))
            {
                context.Items[KeyIdItem] = ApiKeys.IdOf(op.KeyIndex);
                context.Items[KeyIndexItem] = op.KeyIndex;
                context.Items[ActorItem] = op.Actor;
                await next(context);
                return;
            }
        }
        // A wrong key is a guess, counted per client address (no key at all is not), whatever the path: a dashboard page
        // asked for HTML with a wrong key was sent to the login form uncounted, so guesses went there (review).
        if (presented.Length > 0 && await guesses.CountWrongKeyAsync(LoginClientKey.For(context.Connection.RemoteIpAddress)) is { } wait)
        {
            await RefuseAsync(context, wait);
            return;
        }
        if (path.StartsWithSegments(DashboardRoutes.Root) && HttpMethods.IsGet(context.Request.Method)
            && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
        {
            context.Response.Redirect(DashboardRoutes.LoginUrl(context.Request));
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(
            new ApiError("UNAUTHORIZED", $"A valid API key is required in the {Header} header.")), context.RequestAborted);
    }

    private static async Task RefuseAsync(HttpContext context, TimeSpan wait)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(
            new ApiError("RATE_LIMITED", "Too many wrong API keys from this address; retry later.")), context.RequestAborted);
    }
}
