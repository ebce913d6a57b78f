namespace Agensium.Scheduler.Data;

/// <summary>
/// Marks the code that serves an HTTP request (the API, the dashboard, the readiness and metrics endpoints), so that its
/// database calls go to the pool with the short request timeouts (<see cref="Database"/>,
/// <see cref="DatabaseOptions.RequestCommandTimeout"/>): a client is answered 503 within seconds when PostgreSQL hangs,
/// while the jobs, the listener and the node's loops keep the connection string's longer timeouts for their own writes.
/// <para>
/// The mark flows with the request's async calls (an <see cref="AsyncLocal{T}"/>) and is closed when the request ends:
/// work the request started that outlives it (a removal it woke, a timer created on its thread) is no longer a
/// request's and gets the background timeouts.
/// </para>
/// </summary>
public static class RequestDatabaseScope
{
    private static readonly AsyncLocal<Mark?> Current = new();

    /// <summary>True while the calling code serves an HTTP request that has not ended.</summary>
    public static bool IsActive => Current.Value is { Open: true };

    /// <summary>Marks the rest of the calling async flow as serving a request, until the returned scope is disposed.</summary>
    public static IDisposable Begin()
    {
        var mark = new Mark();
        Current.Value = mark;
        return mark;
    }

    private sealed class Mark : IDisposable
    {
        private volatile bool _open = true;

        public bool Open => _open;

        public void Dispose() => _open = false;
    }
}
