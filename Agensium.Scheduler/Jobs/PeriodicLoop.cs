namespace Agensium.Scheduler.Jobs;

/// <summary>
/// The loop of a node's helper services (queued-task repair, recovery promotion, clock sync): one tick per interval
/// until stopped. A failing tick (database unreachable, a timeout) never ends the loop: it is reported on the first
/// failure and then every 30th in a row, not every tick, and the next tick tries again.
/// </summary>
public static class PeriodicLoop
{
    private const int ReportEvery = 30;

    public static async Task RunAsync(TimeSpan interval, Func<CancellationToken, Task> tick, Action<Exception> reportFailure, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        var failures = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await tick(stop);
                    failures = 0;
                }
                catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    if (failures++ % ReportEvery == 0)
                    {
                        reportFailure(e);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
