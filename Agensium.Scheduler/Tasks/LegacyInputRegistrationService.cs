using Agensium.Scheduler.Logging;

namespace Agensium.Scheduler.Tasks;

/// <summary>
/// Runs <see cref="LegacyInputRegistration"/> at start, after the migrations and before the scheduler (registered
/// between them), so a pre-007 task queued across the upgrade finds its inputs. While S3 or the database fails, the
/// node starts anyway and tries again every 30 s until it succeeds once.
/// </summary>
public sealed class LegacyInputRegistrationService(LegacyInputRegistration registration, ILogger<LegacyInputRegistrationService> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(30);

    // A frozen S3 holds each call up to its timeout: the node does not wait for it longer than this to start.
    private static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(20);
    private bool _done;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _done = await TryAsync(StartBudget, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!_done)
            {
                await Task.Delay(RetryEvery, stoppingToken);
                _done = await TryAsync(Timeout.InfiniteTimeSpan, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> TryAsync(TimeSpan budget, CancellationToken ct)
    {
        using var limited = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limited.CancelAfter(budget);
        try
        {
            await registration.RegisterAsync(limited.Token);
            return true;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LegacyInputsNotRegistered(e, RetryEvery);
            return false;
        }
    }
}
