using System.Globalization;

namespace Agensium.Scheduler.Api;

/// <summary>Puts a route (task creation, processing) under the key's <see cref="SubmitQuota"/>: 429 RATE_LIMITED with Retry-After when it is used up.</summary>
public static class SubmitQuotaFilter
{
    public static RouteHandlerBuilder RequireSubmitQuota(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var quota = http.RequestServices.GetRequiredService<SubmitQuota>();
            if (!quota.Enabled || http.Items[ApiKeyMiddleware.KeyIndexItem] is not int index
                || http.RequestServices.GetRequiredService<ApiKeys>().QuotaId(index) is not { } quotaId)
            {
                return await next(context);
            }
            if (await quota.TryTakeAsync(quotaId) is { } wait)
            {
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ApiError.Result(StatusCodes.Status429TooManyRequests, "RATE_LIMITED",
                    "Too many submissions for this API key across the cluster; retry later.");
            }
            return await next(context);
        });
}
