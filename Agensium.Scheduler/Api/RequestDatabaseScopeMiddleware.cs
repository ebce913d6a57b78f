using Agensium.Scheduler.Data;

namespace Agensium.Scheduler.Api;

/// <summary>
/// Marks everything a request runs as a request's (<see cref="RequestDatabaseScope"/>), so that its database calls take
/// the requests' pool with Database:RequestConnectTimeout and RequestCommandTimeout: when PostgreSQL hangs, the client is
/// answered 503 DEPENDENCY_UNAVAILABLE (<see cref="ErrorHandlingMiddleware"/>) within seconds instead of after Npgsql's
/// 15 s connect and 30 s command timeouts, which the jobs keep for their own writes.
/// </summary>
public sealed class RequestDatabaseScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using (RequestDatabaseScope.Begin())
        {
            await next(context);
        }
    }
}
