using Agensium.Scheduler.Api;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Jobs;
using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Tasks;
using Npgsql;
using Quartz;

namespace Agensium.Scheduler.Operations;

/// <summary>
/// What an operator can do to the cluster, from the API or the dashboard: cancel a task, retry a failed one, run a
/// cron job now, pause or resume a cron trigger or a whole queue. Every call, refused or not, is written to the audit log.
/// All state lives in PostgreSQL (task rows, Quartz's store), so an action taken on one node holds on every node.
/// </summary>
public sealed class OperatorActions(TaskStore store, TaskEvents events, TaskSubmitter submitter, IObjectStore objects,
    Tasks.TaskInputSlots slots, StorageRemovals removals, StorageRemovalLoop removalLoop, ISchedulerFactory schedulers, MaintenanceScheduler maintenance, Data.Database db, AuditLog audit)
{
    /// <summary>The cron jobs of the cluster, by the name operators see, with their trigger (in the maintenance scheduler).</summary>
    public static readonly IReadOnlyDictionary<string, (JobKey Job, TriggerKey Trigger)> CronJobs =
        new Dictionary<string, (JobKey, TriggerKey)>(StringComparer.Ordinal)
        {
            [CleanupExpiredTasksJob.Key.Name] = (CleanupExpiredTasksJob.Key, CleanupExpiredTasksJob.TriggerKey),
            [HealthCheckJob.Key.Name] = (HealthCheckJob.Key, HealthCheckJob.TriggerKey),
        };

    /// <summary>Celery's revoke(terminate=True): a queued task never starts; a running one is stopped on its node.</summary>
    public Task<ActionResult> CancelTaskAsync(Actor actor, string rawTaskId, CancellationToken ct) =>
        AuditedAsync(actor, "cancel", rawTaskId, async () =>
        {
            var (task, missing) = await FindTaskAsync(rawTaskId, ct);
            if (task is null)
            {
                return missing!;
            }
            var id = task.TaskId;
            if (!await store.CancelAsync(id, ct))
            {
                var now = await store.FindAsync(id, ct);
                return ActionResult.Error(StatusCodes.Status409Conflict, "TASK_NOT_CANCELLABLE",
                    $"Task is {now?.Status ?? "gone"}; only QUEUED or PROCESSING tasks can be cancelled.");
            }
            await submitter.UnscheduleAsync(id, task.Attempt, CancellationToken.None);
            if (task.Status == TaskStatuses.Queued)
            {
                // Nothing runs: whatever an earlier attempt may have left goes, on record (s3_removals) rather than by an
                // S3 call here: the cancel is committed, so S3 failing or hanging now must not answer it with an error
                // (it did, and left the outputs with nothing to remove them).
                await removals.RecordPrefixAsync(TaskPaths.OutputsPrefix(task.UserId, id), id, StorageRemovals.CancelledOutputs, CancellationToken.None);
                removalLoop.Wake();
            }
            await events.PublishCurrentAsync(id, CancellationToken.None);
            var cancelled = await store.FindAsync(id, CancellationToken.None);
            return ActionResult.Done($"Task {id} cancelled.",
                new { task_id = id, status = TaskStatuses.Cancelled, cancelled_at = cancelled?.CancelledAt });
        });

    /// <summary>
    /// AGENSIUM's DELETE /{id}: the task row and its S3 prefix (inputs and outputs) are removed; job_history keeps its
    /// attempts. A QUEUED or PROCESSING task is refused (409 TASK_ACTIVE): it is cancelled first, so that no job
    /// writes outputs for a task that no longer exists.
    /// </summary>
    public Task<ActionResult> DeleteTaskAsync(Actor actor, string rawTaskId, CancellationToken ct) =>
        AuditedAsync(actor, "delete", rawTaskId, async () =>
        {
            if (!InputValidation.TryParseTaskId(rawTaskId, out var id))
            {
                return ActionResult.Error(StatusCodes.Status400BadRequest, "INVALID_TASK_ID", "task_id must be a UUID.");
            }
            // The whole prefix goes, whatever is registered: an upload that failed after S3 took its object (a timeout
            // whose PUT landed later) leaves one even under a CREATED task. A CREATED task holds no committed file (an
            // upload commits its file and moves the task to UPLOADING under the row lock this delete holds), so its row
            // is deleted without calling S3 under the lock (S3 may be slow or unreachable), its prefix recorded in
            // s3_removals by the same transaction and removed right after; if S3 fails then, or this node dies first,
            // any node removes it later. An upload still arriving then finds no task at its commit and gives up its own
            // object. Other tasks' files go under the lock, and the row is kept if they cannot be removed.
            var (task, deleted, files) = await store.DeleteAsync(id, t => t.Status == TaskStatuses.Created,
                (t, c) => objects.DeletePrefixAsync(TaskPaths.TaskPrefix(t.UserId, t.TaskId), c), ct);
            if (deleted && task!.Status == TaskStatuses.Created)
            {
                var prefix = TaskPaths.TaskPrefix(task.UserId, task.TaskId);
                try
                {
                    files = await objects.DeletePrefixAsync(prefix, ct);
                    await removals.DoneAsync(prefix, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                }
            }
            if (task is null)
            {
                return ActionResult.Error(StatusCodes.Status404NotFound, "TASK_NOT_FOUND", "No task with that id.");
            }
            if (!deleted)
            {
                return ActionResult.Error(StatusCodes.Status409Conflict, "TASK_ACTIVE",
                    $"Task is {task.Status}; cancel it first (POST /api/tasks/{id}/cancel), then delete it.");
            }
            await events.PublishDeletedAsync(task, CancellationToken.None);
            return ActionResult.Done($"Task {id} deleted with {files} file(s).", new { task_id = id, status = TaskEvents.DeletedStatus, files_deleted = files });
        });

    /// <summary>
    /// Runs a FAILED task again as a new attempt in its queue, if its inputs are still kept. Automatic retries
    /// (transient errors) need no operator; this is for failures fixed outside, e.g. a bad dependency.
    /// </summary>
    public Task<ActionResult> RetryTaskAsync(Actor actor, string rawTaskId, CancellationToken ct) =>
        AuditedAsync(actor, "retry", rawTaskId, async () =>
        {
            var (task, missing) = await FindTaskAsync(rawTaskId, ct);
            if (task is null)
            {
                return missing!;
            }
            var id = task.TaskId;
            if (task.Status != TaskStatuses.Failed)
            {
                return ActionResult.Error(StatusCodes.Status409Conflict, "TASK_NOT_RETRYABLE", $"Task is {task.Status}; only FAILED tasks can be retried.");
            }
            if (task.S3Cleaned || (Worker.ToolRegistry.RequiresInputs(task.ToolId)
                && !await HasRegisteredInputAsync(task, ct)))
            {
                return ActionResult.Error(StatusCodes.Status409Conflict, "INPUTS_GONE", "The task's input files have been removed; submit it again.");
            }
            var queue = task.Queue ?? QueueOptions.Default;
            // Only the failure this request saw (its attempt and its failed_at): a retry racing this one may have run
            // the task, and it may have failed again, meanwhile (the inputs check above lists S3 and can take seconds);
            // requeueing that new failure ran the task twice for two clicks on one failure, and answered an attempt
            // number that was not the run's. A run that failed before its start was recorded moved no attempt: only
            // failed_at tells its failure from the one read.
            if (!await store.RequeueFailedAsync(id, queue, task.Attempt, task.FailedAt, ct))
            {
                var now = await store.FindAsync(id, ct);
                return ActionResult.Error(StatusCodes.Status409Conflict, "TASK_NOT_RETRYABLE", now switch
                {
                    { Status: TaskStatuses.Failed } when now.Attempt != task.Attempt =>
                        $"Task was retried meanwhile (attempt {now.Attempt} has run since); look at its new result before retrying again.",
                    { Status: TaskStatuses.Failed } =>
                        $"Task was retried meanwhile and failed again before its run started ({now.ErrorCode}); look at its new result before retrying again.",
                    _ => $"Task is {now?.Status ?? "gone"}; only FAILED tasks can be retried.",
                });
            }
            await events.PublishCurrentAsync(id, CancellationToken.None);
            var attempt = task.Attempt + 1;
            // QUEUED is committed from here on, as for POST /process: if the trigger cannot be written now,
            // QueuedTaskRepair writes it (the attempt it schedules is this same one: tasks.attempt + 1).
            var deferred = false;
            try
            {
                await submitter.ScheduleAsync(id, task.UserId, task.ToolId, queue, attempt, notBefore: null, CancellationToken.None);
            }
            catch (Quartz.ObjectAlreadyExistsException)
            {
                // The repair got there first.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                deferred = true;
            }
            return ActionResult.Done(
                deferred ? $"Task {id} queued again (attempt {attempt}); its start will be scheduled as soon as the store answers."
                         : $"Task {id} queued again (attempt {attempt}).",
                new { task_id = id, status = TaskStatuses.Queued, queue, attempt });
        });

    /// <summary>The task an action is about, or the 400/404 that refuses it (as the task routes of the API answer).</summary>
    private async Task<(AnalysisTask? Task, ActionResult? Error)> FindTaskAsync(string rawTaskId, CancellationToken ct)
    {
        if (!InputValidation.TryParseTaskId(rawTaskId, out var id))
        {
            return (null, ActionResult.Error(StatusCodes.Status400BadRequest, "INVALID_TASK_ID", "task_id must be a UUID."));
        }
        var task = await store.FindAsync(id, ct);
        return task is null ? (null, ActionResult.Error(StatusCodes.Status404NotFound, "TASK_NOT_FOUND", "No task with that id.")) : (task, null);
    }

    /// <summary>Fires a cron job once, now, on whichever node claims it.</summary>
    public Task<ActionResult> TriggerJobAsync(Actor actor, string jobName, CancellationToken ct) =>
        AuditedAsync(actor, "trigger-job", jobName, async () =>
        {
            if (!CronJobs.TryGetValue(jobName, out var cron))
            {
                return UnknownCronJob();
            }
            var scheduler = await maintenance.GetAsync(ct);
            await scheduler.TriggerJob(cron.Job, cancellationToken: ct);
            await WakeNodesAsync(ct);
            return ActionResult.Done($"{jobName} triggered.", new { job = jobName, triggered_at = DateTime.UtcNow });
        });

    /// <summary>Pauses (or resumes) a cron job's trigger for the whole cluster; a resumed trigger skips what it missed.</summary>
    public Task<ActionResult> SetCronPausedAsync(Actor actor, string jobName, bool paused, CancellationToken ct) =>
        AuditedAsync(actor, paused ? "pause-cron" : "resume-cron", jobName, async () =>
        {
            if (!CronJobs.TryGetValue(jobName, out var cron))
            {
                return UnknownCronJob();
            }
            var scheduler = await maintenance.GetAsync(ct);
            if (paused)
            {
                await scheduler.PauseTrigger(cron.Trigger, ct);
            }
            else
            {
                await scheduler.ResumeTrigger(cron.Trigger, ct);
                await WakeNodesAsync(ct);
            }
            var state = await scheduler.GetTriggerState(cron.Trigger, ct);
            return ActionResult.Done($"{jobName} {(paused ? "paused" : "resumed")}.", new { job = jobName, state = state.ToString().ToUpperInvariant() });
        });

    /// <summary>
    /// Pauses (or resumes) a queue for the whole cluster: its waiting tasks stay QUEUED and are not started, tasks
    /// submitted to it meanwhile wait too; running tasks go on. Resuming starts them again in their order.
    /// </summary>
    public Task<ActionResult> SetQueuePausedAsync(Actor actor, string queue, bool paused, CancellationToken ct) =>
        AuditedAsync(actor, paused ? "pause-queue" : "resume-queue", queue, async () =>
        {
            if (!QueueOptions.Names.Contains(queue))
            {
                return ActionResult.Error(StatusCodes.Status404NotFound, "UNKNOWN_QUEUE", $"queue must be one of {string.Join(", ", QueueOptions.Names)}.");
            }
            var scheduler = await schedulers.GetScheduler(ct);
            var group = GroupMatcher<TriggerKey>.GroupEquals(queue);
            if (paused)
            {
                await scheduler.PauseTriggerGroups(group, ct);
            }
            else
            {
                await scheduler.ResumeTriggerGroups(group, ct);
                await WakeNodesAsync(ct);
            }
            return ActionResult.Done($"Queue {queue} {(paused ? "paused" : "resumed")}.", new { queue, paused });
        });

    private static ActionResult UnknownCronJob() =>
        ActionResult.Error(StatusCodes.Status404NotFound, "JOB_NOT_FOUND", $"No such job; the jobs are: {string.Join(", ", CronJobs.Keys)}.");

    /// <summary>Resumed triggers are not inserts, so the insert trigger of sql/005 does not wake idle nodes: do it here.</summary>
    private async Task WakeNodesAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT pg_notify('{WakeListener.Channel}', '{WakeListener.WakeBoth}')");
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<ActionResult> AuditedAsync(Actor actor, string action, string target, Func<Task<ActionResult>> act)
    {
        ActionResult result;
        try
        {
            result = await act();
        }
        catch (Exception e)
        {
            await audit.WriteAsync(actor, action, target, "ERROR", e.GetType().Name, CancellationToken.None);
            throw;
        }
        await audit.WriteAsync(actor, action, target, result.Outcome, result.Message, CancellationToken.None);
        return result;
    }

    /// <summary>Whether a registered input of the task is still stored (an unregistered leftover of a failed upload is not one).</summary>
    private async Task<bool> HasRegisteredInputAsync(Data.AnalysisTask task, CancellationToken ct)
    {
        var registered = await slots.RegisteredAsync(task.TaskId, ct);
        return (await objects.ListAsync(TaskPaths.InputsPrefix(task.UserId, task.TaskId), ct)).Any(o => registered.ContainsKey(o.Key));
    }
}
