using Agensium.Scheduler.Logging;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Storage;

/// <summary>
/// Each node's share of the S3 removals (<see cref="StorageRemover"/>): it takes whatever is due, then sleeps until the
/// next row falls due (at most S3:RemovalPollInterval, so rows other nodes record are seen), or until <see cref="Wake"/>
/// (an upload on this node has just given up its object). The list is the s3_removals table, so nothing is lost when
/// a node stops or dies: another node takes its rows.
/// </summary>
public sealed class StorageRemovalLoop(StorageRemover remover, StorageRemovals removals, IOptions<S3Options> s3,
    ILogger<StorageRemovalLoop> logger) : BackgroundService
{
    private static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(100);
    private const int ReportEvery = 30;

    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Runs the next pass now rather than at the next poll.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = s3.Value.RemovalPollInterval;
                try
                {
                    await remover.RunDueAsync(() => !stoppingToken.IsCancellationRequested, stoppingToken);
                    if (await removals.NextDueInAsync(stoppingToken) is { } next && next < wait)
                    {
                        wait = next < MinWait ? MinWait : next;
                    }
                    failures = 0;
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    if (failures++ % ReportEvery == 0)
                    {
                        logger.RemovalPassFailed(e);
                    }
                }
                await _wake.WaitAsync(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
