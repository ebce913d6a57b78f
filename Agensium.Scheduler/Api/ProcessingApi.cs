using System.Text.Json.Nodes;
using Agensium.Analysis.Input;
using Agensium.Scheduler.Data;
using Agensium.Scheduler.Jobs;
using Agensium.Scheduler.Logging;
using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Tasks;
using Microsoft.Extensions.Options;
using Agensium.Scheduler.Worker;

namespace Agensium.Scheduler.Api;

/// <summary>POST /api/tasks/{task_id}/process: checks the inputs, flips the task to QUEUED once, schedules its job.</summary>
public static class ProcessingApi
{
    public static IEndpointRouteBuilder MapProcessingApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tasks/{taskId}/process", ProcessAsync).RequireSubmitQuota();
        return app;
    }

    private static async Task<IResult> ProcessAsync(string taskId, HttpRequest request, TaskStore store, TaskEvents events,
        TaskSubmitter submitter, IObjectStore objects, TaskInputSlots slots, IOptions<ApiOptions> api, IOptions<QueueOptions> queues,
        ILoggerFactory loggers, IOptions<Jobs.SchedulerOptions> scheduler, TimeProvider time, CancellationToken ct)
    {
        if (!InputValidation.TryParseTaskId(taskId, out var id))
        {
            return ApiError.BadRequest("INVALID_TASK_ID", "task_id must be a UUID.");
        }
        var (body, error) = await JsonBody.ReadObjectAsync(request, api.Value.MaxJsonBytes, required: false, ["queue"], ct);
        if (error is not null)
        {
            return error;
        }
        string? queue = null;
        if (body!["queue"] is JsonNode queueNode)
        {
            if (queueNode is not JsonValue v || !v.TryGetValue<string>(out var q) || !QueueOptions.Names.Contains(q))
            {
                return ApiError.BadRequest("UNKNOWN_QUEUE", $"queue must be one of {string.Join(", ", QueueOptions.Names)}.");
            }
            queue = q;
        }

        var task = await store.FindAsync(id, ct);
        if (task is null)
        {
            return ApiError.NotFound("TASK_NOT_FOUND", "No task with that id.");
        }
        if (task.Status is TaskStatuses.Queued or TaskStatuses.Processing)
        {
            return ApiError.Conflict("TASK_ALREADY_QUEUED", $"Task is already {task.Status}; it is not queued again.");
        }
        if (TaskStatuses.Terminal.Contains(task.Status))
        {
            return ApiError.Conflict("INVALID_TASK_STATE", task.Status == TaskStatuses.Failed
                ? $"Task is FAILED; /process runs a task once. Run it again with POST /api/tasks/{id}/retry (upload a fixed file under the same name first to replace it)."
                : $"Task is {task.Status}; a finished task is not run again. Create a new task (POST /api/tasks).");
        }
        if (TaskLookup.ExpiredByAge(task, scheduler.Value, time) is { } expired)
        {
            return expired;
        }
        if (ToolRegistry.RequiresInputs(task.ToolId))
        {
            if (task.Status == TaskStatuses.Created)
            {
                // A delete racing this request may have removed the task since it was read: that is 404, as for any unknown task.
                return await store.FindAsync(id, ct) is null
                    ? ApiError.NotFound("TASK_NOT_FOUND", "No task with that id (it was deleted).")
                    : ApiError.BadRequest("FILES_NOT_FOUND", "No input file has been uploaded for this task.");
            }
            // The committed inputs that are stored: an object a failed upload left under the prefix does not count.
            var registered = await slots.RegisteredAsync(id, ct);
            var inputs = (await objects.ListAsync(TaskPaths.InputsPrefix(task.UserId, id), ct))
                .Where(o => registered.ContainsKey(o.Key)).Select(o => registered[o.Key]);
            // The job needs a primary data file: parameters.json or a baseline alone is not enough.
            if (!inputs.Any(InputFileSet.IsPrimaryName))
            {
                if (await store.MarkUploadFailedAsync(id, "Required input file missing: upload a data file (not only parameters.json or a baseline) before processing.", ct))
                {
                    await events.PublishCurrentAsync(id, CancellationToken.None); // subscribers see UPLOAD_FAILED, as the row says
                }
                else if (await store.FindAsync(id, ct) is null)
                {
                    // Deleted by a request racing this one (the transition found no row): 404, not FILES_NOT_FOUND.
                    return ApiError.NotFound("TASK_NOT_FOUND", "No task with that id (it was deleted).");
                }
                return ApiError.BadRequest("FILES_NOT_FOUND", "No primary data file has been uploaded for this task (parameters.json or a baseline alone is not enough).");
            }
        }

        queue ??= queues.Value.QueueFor(task.ToolId);
        if (await store.TryQueueAsync(id, queue, ct) is not { } queued)
        {
            var now = await store.FindAsync(id, ct);
            return now is null
                ? ApiError.NotFound("TASK_NOT_FOUND", "No task with that id (it was deleted).")
                : ApiError.Conflict("TASK_ALREADY_QUEUED", $"Task is {now.Status}; it is not queued again.");
        }
        // QUEUED goes out before the trigger exists, so no subscriber sees it after the job's own PROCESSING event.
        await events.PublishAsync(queued, CancellationToken.None);
        // The task is QUEUED (committed) from here on, and stays so: a concurrent request for it has already answered
        // 409 TASK_ALREADY_QUEUED. Undoing the QUEUED commit when the trigger insert failed (the earlier behaviour) made
        // that answer false and lost the task (found by the chaos runner: PostgreSQL paused 20 s during submissions).
        // If the insert fails, or the client goes away meanwhile, QueuedTaskRepair schedules the trigger instead.
        var logger = loggers.CreateLogger(typeof(ProcessingApi));
        try
        {
            await submitter.ScheduleAsync(id, task.UserId, task.ToolId, queue, attempt: 1, notBefore: null, CancellationToken.None);
        }
        catch (Quartz.ObjectAlreadyExistsException)
        {
            // This request stalled after the task became QUEUED and QueuedTaskRepair scheduled its trigger meanwhile.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.TriggerDeferred(e, id);
        }
        logger.TaskQueued(id, queue);
        return Results.Accepted($"/api/tasks/{id}", new { task_id = id, status = TaskStatuses.Queued, queue });
    }
}
