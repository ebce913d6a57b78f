using Agensium.Scheduler.Api;
using Agensium.Scheduler.Operations;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Dashboard;

/// <summary>
/// Routes of the dashboard. Pages are rendered on the server; actions are plain form posts (303 back to the page with a
/// notice) that go through <see cref="OperatorActions"/>, so they are audited like the API's. A post must come from the
/// dashboard's own origin (Origin / Sec-Fetch-Site) or carry an API key: with the SameSite=Strict cookie this stops
/// cross-site request forgery.
/// </summary>
public static class DashboardRoutes
{
    public const string Root = "/dashboard";

    /// <summary>Paths anyone may load: the login form and the static assets.</summary>
    public static bool IsOpen(PathString path) =>
        path.Equals("/dashboard/login", StringComparison.Ordinal) || path.StartsWithSegments("/dashboard/assets");

    public static string LoginUrl(HttpRequest request) =>
        "/dashboard/login?next=" + Uri.EscapeDataString(request.Path + request.QueryString);

    public static WebApplication MapDashboard(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.Enabled)
        {
            return app;
        }
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(Root))
            {
                var h = http.Response.Headers;
                h.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
                h.XFrameOptions = "DENY";
                h.XContentTypeOptions = "nosniff";
                h["Referrer-Policy"] = "same-origin";
                h.CacheControl = http.Request.Path.StartsWithSegments("/dashboard/assets") ? "public, max-age=300" : "no-store";
            }
            await next(http);
        });

        app.MapGetAndHead("/dashboard", OverviewPage.RenderAsync);
        app.MapGetAndHead("/dashboard/tasks", TasksPage.RenderAsync);
        app.MapGetAndHead("/dashboard/tasks/{taskId}", TaskDetailPage.RenderAsync);
        app.MapGetAndHead("/dashboard/tasks/{taskId}/outputs/{fileName}", OutputsApi.DownloadAsync);
        app.MapGetAndHead("/dashboard/history", HistoryPage.RenderAsync);
        app.MapGetAndHead("/dashboard/audit", AuditPage.RenderAsync);
        app.MapGetAndHead("/dashboard/find", (HttpContext http) =>
        {
            var raw = http.Request.Query["task"].ToString().Trim();
            return InputValidation.TryParseTaskId(raw, out var id)
                ? Results.Redirect($"/dashboard/tasks/{id}")
                : Results.Redirect("/dashboard/history?error=" + Uri.EscapeDataString("That is not a task id (a UUID)."));
        });
        app.MapGet("/dashboard/events", DashboardEvents.StreamAsync); // an event stream: GET only
        app.MapGetAndHead("/dashboard/assets/{name}", DashboardAssets.Serve);
        app.MapGetAndHead("/dashboard/login", (HttpContext http) => LoginPage.Form(http));
        app.MapPost("/dashboard/login", LoginPage.SubmitAsync).RequireLoginQuota();
        app.MapPost("/dashboard/logout", (HttpContext http, DashboardSession sessions, DashboardSessionRevocations revocations, AuditLog audit, CancellationToken ct) =>
            SameOrigin(http) ? LoginPage.LogoutAsync(http, sessions, revocations, audit, ct) : Task.FromResult(Forbidden()));

        app.MapPost("/dashboard/actions/tasks/{taskId}/{verb}", (string taskId, string verb, HttpContext http, OperatorActions actions,
            CancellationToken ct) => ActAsync(http, verb switch
            {
                "cancel" => () => actions.CancelTaskAsync(Actor.From(http), taskId, ct),
                "retry" => () => actions.RetryTaskAsync(Actor.From(http), taskId, ct),
                _ => null,
            }));
        app.MapPost("/dashboard/actions/jobs/{job}/{verb}", (string job, string verb, HttpContext http, OperatorActions actions,
            CancellationToken ct) => ActAsync(http, verb switch
            {
                "trigger" => () => actions.TriggerJobAsync(Actor.From(http), job, ct),
                "pause" => () => actions.SetCronPausedAsync(Actor.From(http), job, paused: true, ct),
                "resume" => () => actions.SetCronPausedAsync(Actor.From(http), job, paused: false, ct),
                _ => null,
            }));
        app.MapPost("/dashboard/actions/queues/{queue}/{verb}", (string queue, string verb, HttpContext http, OperatorActions actions,
            CancellationToken ct) => ActAsync(http, verb switch
            {
                "pause" => () => actions.SetQueuePausedAsync(Actor.From(http), queue, paused: true, ct),
                "resume" => () => actions.SetQueuePausedAsync(Actor.From(http), queue, paused: false, ct),
                _ => null,
            }));
        return app;
    }

    private static async Task<IResult> ActAsync(HttpContext http, Func<Task<ActionResult>>? act)
    {
        if (act is null)
        {
            return ApiError.NotFound("UNKNOWN_ACTION", "No such dashboard action.");
        }
        if (!SameOrigin(http))
        {
            return Forbidden();
        }
        // The form is read before the action: a malformed one is refused with nothing done (it was read after, so the
        // action ran and was audited OK while the client saw a 500).
        var (form, malformed) = await DashboardForm.ReadAsync(http.Request, http.RequestAborted);
        if (malformed is not null)
        {
            return malformed;
        }
        var result = await act();
        var back = form["return"].ToString();
        return Results.Redirect(WithNotice(LoginPage.SafeNext(back), result.Ok ? "notice" : "error", result.Message), permanent: false,
            preserveMethod: false);
    }

    /// <summary>
    /// A post from the dashboard's own pages, or from a client that presented an API key. Browsers say where a request
    /// comes from in Sec-Fetch-Site; older ones only in Origin, whose host must then be this one (the scheme is not
    /// compared, so a TLS-terminating proxy in front of the node does not break the dashboard).
    /// </summary>
    private static bool SameOrigin(HttpContext http)
    {
        var request = http.Request;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is "same-origin" or "none";
        }
        var origin = request.Headers.Origin.ToString();
        // "null" is what a browser sends when it will not tell.
        if (origin.Length > 0 && origin != "null")
        {
            return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
        }
        return request.Headers.ContainsKey(ApiKeyMiddleware.Header);
    }

    /// <summary>
    /// True when the browser says the request comes from another site (Sec-Fetch-Site cross-site or same-site, or an
    /// Origin of another host). A client that sends neither header is no browser acting for another site.
    /// </summary>
    public static bool ComesFromAnotherSite(HttpContext http)
    {
        var request = http.Request;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is not ("same-origin" or "none");
        }
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && origin != "null"
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static IResult Forbidden() =>
        ApiError.Result(StatusCodes.Status403Forbidden, "CROSS_SITE_REQUEST", "Dashboard actions must come from the dashboard itself.");

    private static string WithNotice(string url, string key, string message)
    {
        var q = url.IndexOf('?');
        var path = q < 0 ? url : url[..q];
        var query = q < 0 ? [] : url[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("notice=", StringComparison.Ordinal) && !p.StartsWith("error=", StringComparison.Ordinal));
        return path + "?" + string.Join("&", query.Append($"{key}={Uri.EscapeDataString(message)}"));
    }
}
