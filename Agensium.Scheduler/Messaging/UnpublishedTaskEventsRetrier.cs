namespace Agensium.Scheduler.Messaging;

/// <summary>
/// Publishes the events kept by <see cref="UnpublishedTaskEvents"/> once Redis answers again: tries when an event is
/// kept, then every 1 s doubling to 30 s while Redis fails.
/// </summary>
public sealed class UnpublishedTaskEventsRetrier(UnpublishedTaskEvents events) : BackgroundService
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = First;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await events.WaitForEventsAsync(events.Count == 0 ? Longest : wait, stoppingToken);
                if (events.Count == 0)
                {
                    continue;
                }

                wait = await events.TryPublishAllAsync(stoppingToken) ? First : TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, Longest.Ticks));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
