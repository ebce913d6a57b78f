namespace Agensium.Scheduler.Logging;

/// <summary>
/// Lets a repeated warning through at most once per <paramref name="every"/> (the first time at once), across threads:
/// a dependency that stays down is said once a minute, not at every call.
/// </summary>
public sealed class WarningThrottle(TimeSpan every)
{
    private long _lastTicks;

    /// <summary>True when the warning is due now (and takes the turn).</summary>
    public bool Due()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastTicks);
        return (last == 0 || now - last >= (long)every.TotalMilliseconds) && Interlocked.CompareExchange(ref _lastTicks, now, last) == last;
    }
}
