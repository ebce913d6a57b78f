using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Tasks;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Storage;

/// <summary>
/// Removes what <see cref="StorageRemovals"/> lists as due: a single unused input object (a failed or refused upload's,
/// a replaced version's) or a task's whole prefix (a deleted CREATED task's, an expired task's). Any node may run it
/// (its own <see cref="StorageRemovalLoop"/>, the cleanup job); rows are leased, so no two nodes remove the same one.
/// A single key is never removed while a task_inputs row commits it (<see cref="TaskInputSlots.IsCommittedAsync"/>):
/// an upload's key can only be committed by its upload, which needs the row the lease took from it. A failed row waits
/// its own backoff and the pass goes on with the next, so one that always fails holds back nothing else; a row not
/// tried because this node holds back its S3 calls after a timeout (another row's) counts no attempt and is due again
/// when the pause is over.
/// </summary>
public sealed class StorageRemover(StorageRemovals removals, TaskInputSlots slots, IObjectStore objects, ObjectStoreCircuit circuit,
    IOptions<S3Options> s3, IOptions<Jobs.SchedulerOptions> scheduler, ILogger<StorageRemover> logger)
{
    private const int Batch = 20;

    /// <summary>Failures of one row are logged on the first and then every 10th attempt.</summary>
    private const int ReportEvery = 10;

    /// <summary>
    /// How long a taken row is this node's: longer than one removal can take (a list and a delete, each tried up to 3
    /// times for S3:Timeout), and at least S3:RemovalMinimumLease. A node that dies meanwhile leaves the row to another
    /// once this is over.
    /// </summary>
    public TimeSpan Lease => Max(s3.Value.RemovalMinimumLease, s3.Value.Timeout * 6);

    /// <summary>
    /// How long an upload may take from its reservation to its commit before its key is treated as abandoned (its node
    /// died): well over a PUT tried 3 times for S3:Timeout, and never shorter than Scheduler:TaskExpiry, past which the
    /// commit is refused anyway (409, the task expired), so a raised expiry lets slow uploads finish.
    /// </summary>
    public TimeSpan UploadWindow => Max(Max(TimeSpan.FromMinutes(15), s3.Value.Timeout * 4), scheduler.Value.TaskExpiry);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public readonly record struct Pass(int Removed, int Failed, int ExpiredTasksCleaned);

    /// <summary>Takes due rows batch after batch while <paramref name="timeLeft"/> holds and any are due.</summary>
    public async Task<Pass> RunDueAsync(Func<bool> timeLeft, CancellationToken ct)
    {
        int removed = 0, failed = 0, expired = 0;
        while (timeLeft())
        {
            var batch = await removals.TakeDueAsync(Batch, Lease, ct);
            foreach (var item in batch)
            {
                if (await RemoveAsync(item, ct))
                {
                    removed++;
                    expired += item.Reason == StorageRemovals.ExpiredTask ? 1 : 0;
                }
                else
                {
                    failed++;
                }
            }
            if (batch.Count < Batch)
            {
                break;
            }
        }
        return new Pass(removed, failed, expired);
    }

    private async Task<bool> RemoveAsync(StorageRemovals.Item item, CancellationToken ct)
    {
        try
        {
            if (item.IsPrefix)
            {
                var count = await objects.DeletePrefixAsync(item.Key, ct);
                await removals.DoneAsync(item, ct);
                logger.PrefixRemoved(count, item.Key, item.Reason);
                return true;
            }
            if (await slots.IsCommittedAsync(item.Key, ct))
            {
                await removals.DoneAsync(item, ct); // a task's input after all (its upload's commit went through): never removed
                return true;
            }
            if ((await objects.ListAsync(item.Key, ct)).Any(o => o.Key == item.Key))
            {
                await objects.DeleteAsync(item.Key, ct);
                logger.UnusedInputRemoved(item.Key);
            }
            if (item.RechecksLeft > 0)
            {
                await removals.RecheckLaterAsync(item, ct);
            }
            else
            {
                await removals.DoneAsync(item, ct);
            }
            return true;
        }
        catch (ObjectStoreUnavailableException e) when (e.InnerException is null && circuit.OpenFor > TimeSpan.Zero && !ct.IsCancellationRequested)
        {
            // Not tried (no inner error: the circuit refused the call): a timeout, maybe another row's, made this node
            // hold back S3 calls for a moment.
            try
            {
                await removals.DeferAsync(item, circuit.OpenFor + TimeSpan.FromMilliseconds(Random.Shared.Next(100, 1000)), ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // The database failed too: the row is taken again once its lease is over.
            }
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (item.Attempts % ReportEvery == 0)
            {
                logger.RemovalFailed(e, item.Key, item.Reason, item.Attempts + 1);
            }
            try
            {
                await removals.FailedAsync(item, e.Message, ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // The database failed too: the row is taken again once its lease is over.
            }
            return false;
        }
    }
}
