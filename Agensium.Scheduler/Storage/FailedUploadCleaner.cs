using System.Threading.Channels;
using Agensium.Scheduler.Tasks;

namespace Agensium.Scheduler.Storage;

/// <summary>
/// Removes the object of an upload that failed (S3 timed out, the client went away, an unexpected error) and gave its
/// task_inputs row back: S3 may still have taken the PUT, or take it once it resumes (a frozen store answers the
/// requests it holds when it wakes up). Best effort, in the background, with retries: each object is deleted once S3
/// answers, then looked for again a few times (a PUT held by a frozen store may land after the first delete). Each
/// deletion runs under the task row's lock and only while the name is not registered again
/// (<see cref="TaskInputSlots.RemoveIfUnregisteredAsync"/>), so it never removes a later upload's file. An object this
/// misses (the node stopped meanwhile) is never used — jobs, /process and the dashboard only see registered inputs — and
/// goes with the task's prefix when it is deleted or expires.
/// </summary>
public sealed class FailedUploadCleaner(TaskInputSlots slots, IObjectStore objects, ILogger<FailedUploadCleaner> logger) : BackgroundService
{
    /// <summary>How long to keep trying to reach S3 for one object before leaving it to the task's deletion or expiry.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(15);

    /// <summary>After a successful delete, the object is looked for again after each of these delays.</summary>
    private static readonly TimeSpan[] Rechecks = [TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60)];

    private readonly Channel<(string TaskId, string FileName, string Key)> _queue =
        Channel.CreateBounded<(string, string, string)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Enqueue(string taskId, string fileName, string key) => _queue.Writer.TryWrite((taskId, fileName, key));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                _ = Task.Run(() => CleanAsync(item.TaskId, item.FileName, item.Key, stoppingToken), stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task CleanAsync(string taskId, string fileName, string key, CancellationToken stop)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        var delay = TimeSpan.FromSeconds(1);
        var recheck = 0;
        try
        {
            while (true)
            {
                try
                {
                    var removed = await slots.RemoveIfUnregisteredAsync(taskId, fileName, async ct =>
                    {
                        if ((await objects.ListAsync(key, ct)).Any(o => o.Key == key))
                        {
                            await objects.DeleteAsync(key, ct);
                            logger.LogInformation("Removed the object {Key} of a failed upload", key);
                        }
                    }, stop);
                    if (!removed || recheck >= Rechecks.Length)
                    {
                        return; // registered again (a later upload owns the name), or looked for long enough
                    }
                    delay = Rechecks[recheck++];
                }
                catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        logger.LogWarning("Gave up removing the object {Key} of a failed upload (it is never used, and goes with its task): {Reason}", key, e.Message);
                        return;
                    }
                    delay = TimeSpan.FromSeconds(Math.Min(30, Math.Max(1, delay.TotalSeconds * 2)));
                }
                await Task.Delay(delay, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
