namespace Agensium.Scheduler.Api;

/// <summary>
/// GET routes that also answer HEAD, as uptime monitors, link checkers and proxies send it: the same status and
/// headers, no body (Kestrel drops the body of a HEAD response). The event streams stay GET only.
/// </summary>
internal static class HeadRequests
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>Maps <paramref name="pattern"/> for GET and HEAD.</summary>
    public static RouteHandlerBuilder MapGetAndHead(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapMethods(pattern, GetAndHead, handler);

    /// <summary>
    /// Limits an endpoint mapped for every method (the Prometheus scrape) to GET and HEAD: POST /metrics answered the
    /// metrics, 200, where every other route answers a method it does not serve with 405 METHOD_NOT_ALLOWED.
    /// </summary>
    public static TBuilder OnlyGetAndHead<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(new HttpMethodMetadata(GetAndHead));
}
