using System.Text.Json.Nodes;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Tasks;
using Microsoft.Extensions.Options;
using Quartz;

namespace Agensium.Scheduler.Jobs;

/// <summary>
/// The seed's queue.tasks.cleanup_expired_tasks (every 15 min): CREATED/UPLOADING tasks older than the expiry
/// become EXPIRED and lose their S3 prefix (UPLOAD_FAILED ones too: the seed left them for ever, listed as stuck, their
/// files kept). Each task's expiry records its prefix in s3_removals in the same statement, so the removal survives an
/// S3 failure or this node's death; s3_cleaned is set once it is done. PROCESSING tasks older than the stale limit
/// become FAILED/STALE_TASK (the backend's cleanup_stale_tasks, which it never scheduled), their RUNNING attempt with them
/// (a run still alive then stops and uploads nothing: <see cref="TaskStore.FailStaleAsync"/>). Then the run takes every due
/// S3 removal of the cluster (<see cref="StorageRemover"/>: expired tasks' prefixes whose removal failed before, failed
/// uploads' objects, deleted tasks' prefixes), each failing one waiting its own backoff without holding back the others;
/// job_history rows older than the retention are deleted.
/// </summary>
[DisallowConcurrentExecution]
public sealed class CleanupExpiredTasksJob(
    TaskStore store,
    TaskEvents events,
    IObjectStore objects,
    StorageRemovals removals,
    StorageRemover remover,
    JobHistoryRetention retention,
    IOptions<SchedulerOptions> options,
    TimeProvider time,
    ILogger<CleanupExpiredTasksJob> logger) : IJob
{
    public static readonly JobKey Key = new("cleanup-expired-tasks", "maintenance");
    public static readonly TriggerKey TriggerKey = new("cleanup-expired-tasks-cron", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        using var scope = JobLogScope.Begin(logger, context, JobRunInfo.From(context));
        var now = time.GetUtcNow().UtcDateTime;
        var o = options.Value;

        // Batch after batch until nothing is left (the API lets a key create 600 tasks a minute, far more than one
        // batch per 15-min run), each task its own short statement, until the time budget is spent.
        var deadline = time.GetUtcNow() + o.CleanupTimeBudget;
        bool TimeLeft() => !cancellationToken.IsCancellationRequested && time.GetUtcNow() < deadline;

        var expired = 0;
        var cleaned = 0;
        var batches = 0;
        var s3Failed = false;
        while (TimeLeft())
        {
            var batch = await store.FindCreatedBeforeAsync(TaskStatuses.Expirable, now - o.TaskExpiry, o.CleanupBatchSize, cancellationToken);
            batches++;
            var expiredInBatch = 0;
            foreach (var task in batch)
            {
                if (!TimeLeft())
                {
                    break;
                }

                var prefix = TaskPaths.TaskPrefix(task.UserId, task.TaskId);
                if (!await store.ExpireAsync(task.TaskId, prefix, cancellationToken))
                {
                    continue; // moved on meanwhile (e.g. queued)
                }
                expired++;
                expiredInBatch++;
                // The files go now unless S3 already failed in this run: the removal is on record either way, and the
                // pass below (or any node's loop) takes what is left, each task on its own backoff.
                if (!s3Failed)
                {
                    try
                    {
                        await objects.DeletePrefixAsync(prefix, cancellationToken);
                        await removals.DoneAsync(prefix, cancellationToken);
                        cleaned++;
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        logger.CleanupS3Failed(e, task.TaskId);
                        s3Failed = true;
                    }
                }
                await events.PublishCurrentAsync(task.TaskId, cancellationToken);
            }
            if (batch.Count < o.CleanupBatchSize || expiredInBatch == 0)
            {
                break; // the last batch, or none of it could be expired (each moved on): the next one would be the same
            }
        }

        var stale = 0;
        while (TimeLeft())
        {
            var staleBefore = now - o.StaleProcessingAfter;
            var batch = await store.FindProcessingSinceBeforeAsync(staleBefore, o.CleanupBatchSize, cancellationToken);
            var failedInBatch = 0;
            foreach (var task in batch)
            {
                if (!TimeLeft())
                {
                    break;
                }

                var message = $"Task was PROCESSING for more than {o.StaleProcessingAfter.TotalHours:0.##} h";
                if (await store.FailStaleAsync(task.TaskId, ErrorCodes.StaleTask, message, ProcessAnalysisJob.Key.Name, staleBefore, cancellationToken))
                {
                    stale++;
                    failedInBatch++;
                    await events.PublishCurrentAsync(task.TaskId, cancellationToken);
                }
            }
            if (batch.Count < o.CleanupBatchSize || failedInBatch == 0)
            {
                break;
            }
        }

        // Every due S3 removal, after the stale sweep so that a backlog of them cannot spend the time budget before
        // PROCESSING tasks are judged. EXPIRED tasks with s3_cleaned false that have no record (expired by a node from
        // before sql/015) get one first.
        await removals.RecordUncleanedExpiredAsync(cancellationToken);
        var pass = await remover.RunDueAsync(TimeLeft, cancellationToken);
        cleaned += pass.ExpiredTasksCleaned;

        var orphansClosed = await retention.CloseOrphanedAsync(cancellationToken);
        var historyDeleted = await retention.DeleteOlderThanAsync(now - o.HistoryRetention, cancellationToken);

        logger.CleanupDone(expired, stale, historyDeleted);
        context.Result = JobOutcome.Completed(new JsonObject
        {
            ["cleaned"] = expired,
            ["s3_cleaned"] = cleaned,
            ["s3_cleaned_retried"] = pass.ExpiredTasksCleaned,
            ["s3_removed"] = pass.Removed,
            ["s3_removals_failed"] = pass.Failed,
            ["expiry_batches"] = batches,
            ["stale"] = stale,
            ["history_deleted"] = historyDeleted,
            ["orphaned_attempts_closed"] = orphansClosed,
        });
    }
}
