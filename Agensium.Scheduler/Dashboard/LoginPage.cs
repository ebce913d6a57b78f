using Agensium.Scheduler.Api;
using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Operations;
using Microsoft.Extensions.Options;
using static Agensium.Scheduler.Dashboard.Html;

namespace Agensium.Scheduler.Dashboard;

/// <summary>
/// The login form: an API key (checked like the X-Api-Key header) and a name for the audit log. Success sets the signed
/// session cookie: HttpOnly, SameSite=Strict (no other site can make the browser use it), Secure over HTTPS, path /dashboard.
/// </summary>
public static class LoginPage
{
    public static IResult Form(HttpContext http, string? error = null)
    {
        var next = SafeNext(http.Request.Query["next"].ToString());
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Log in · Agensium Scheduler</title><link rel="stylesheet" href="/dashboard/assets/dashboard.css"></head>
            <body class="login"><main>
            <h1>Agensium Scheduler</h1>
            {(error is null ? "" : $"<p class=\"notice error\" role=\"alert\" id=\"login-error\">{E(error)}</p>")}
            <form method="post" action="/dashboard/login" id="login-form">
              <input type="hidden" name="next" value="{E(next)}">
              <label>Your name <small>(shown in the audit log)</small><input name="name" maxlength="{DashboardSession.MaxNameLength}" autocomplete="username"></label>
              <label>API key<input name="key" type="password" required autocomplete="current-password"></label>
              <button type="submit">Log in</button>
            </form>
            </main></body></html>
            """;
        if (error is not null)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        return Results.Content(html, "text/html; charset=utf-8");
    }

    public static async Task<IResult> SubmitAsync(HttpContext http, ApiKeys keys, DashboardSession sessions, AuditLog audit,
        IOptions<DashboardOptions> options, ILogger<DashboardSession> logger, CancellationToken ct)
    {
        if (DashboardRoutes.ComesFromAnotherSite(http))
        {
            // Login CSRF: another site could log a browser into the dashboard under a key of its choosing.
            return ApiError.Result(StatusCodes.Status403Forbidden, "CROSS_SITE_REQUEST", "The login form must be posted from the dashboard itself.");
        }
        if (!http.Request.HasFormContentType)
        {
            return ApiError.BadRequest("INVALID_FORM", "The login expects a form post.");
        }
        var (form, malformed) = await DashboardForm.ReadAsync(http.Request, ct);
        if (malformed is not null)
        {
            return malformed;
        }
        var name = DashboardSession.CleanName(form["name"]);
        if (keys.Match(form["key"].ToString()) is not { } index)
        {
            logger.DashboardLoginRefused(http.Connection.RemoteIpAddress?.ToString());
            return Form(http, "That API key is not valid.");
        }
        var lifetime = options.Value.SessionLifetime;
        http.Response.Cookies.Append(DashboardSession.CookieName, sessions.Issue(index, name, lifetime), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = DashboardRoutes.Root,
            MaxAge = lifetime,
            IsEssential = true,
        });
        await audit.WriteAsync(new Actor(DashboardSession.ActorOf(index, name), http.Connection.RemoteIpAddress?.ToString()), "login", "dashboard", "OK", null, ct);
        return Results.Redirect(SafeNext(form["next"].ToString()));
    }

    /// <summary>
    /// Ends the session on every node (its id is recorded until the cookie would have expired) and deletes the cookie;
    /// a copy of the cookie kept elsewhere no longer opens the dashboard.
    /// </summary>
    public static async Task<IResult> LogoutAsync(HttpContext http, DashboardSession sessions, DashboardSessionRevocations revocations,
        AuditLog audit, CancellationToken ct)
    {
        if (sessions.Validate(http.Request.Cookies[DashboardSession.CookieName]) is { } op)
        {
            await revocations.RevokeAsync(op.SessionId, op.ExpiresAt, ct);
            await audit.WriteAsync(new Actor(op.Actor, http.Connection.RemoteIpAddress?.ToString()), "logout", "dashboard", "OK", null, ct);
        }
        http.Response.Cookies.Delete(DashboardSession.CookieName, new CookieOptions { Path = DashboardRoutes.Root });
        return Results.Redirect("/dashboard/login");
    }

    /// <summary>Only a path inside the dashboard: never an open redirect to another site.</summary>
    public static string SafeNext(string? next) =>
        next is { Length: > 0 and < 2048 } n && n.StartsWith("/dashboard", StringComparison.Ordinal) && !n.StartsWith("//", StringComparison.Ordinal)
            && !n.Contains('\\') && !n.StartsWith("/dashboard/login", StringComparison.Ordinal) && !n.Any(char.IsControl)
            ? n : "/dashboard";
}
