using Agensium.Scheduler.Data;
using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Tasks;
using Microsoft.Extensions.Options;

namespace Agensium.Scheduler.Api;

/// <summary>
/// DELETE /api/tasks/{task_id}/inputs/{file_name}: takes an uploaded file out of a task that is not queued or running
/// (a wrong file uploaded under another name than the right one's would stay beside it), in the states an upload is
/// taken in. The task_inputs row goes and the object is put on record for removal in one transaction
/// (<see cref="TaskInputRemoval"/>); the object is then deleted at once, or by any node's removal pass if S3 fails.
/// 200 {task_id, file_name, status}; 404 INPUT_NOT_FOUND for a name the task does not hold.
/// </summary>
public static class InputRemovalApi
{
    public static IEndpointRouteBuilder MapInputRemovalApi(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/tasks/{taskId}/inputs/{fileName}", RemoveAsync);
        return app;
    }

    private static async Task<IResult> RemoveAsync(string taskId, string fileName, TaskStore store, TaskInputRemoval removal,
        IObjectStore objects, StorageRemovals removals, StorageRemovalLoop removalLoop, IOptions<Jobs.SchedulerOptions> scheduler,
        TimeProvider time, CancellationToken ct)
    {
        // The name's form only (an upload's checks of what a name may be are for new names: one stored before them can go).
        var (task, error) = await TaskLookup.FindAsync(store, taskId, fileName, ct);
        if (task is null)
        {
            return error!;
        }
        var id = task.TaskId;
        if (TaskLookup.ExpiredByAge(task, scheduler.Value, time) is { } expired)
        {
            return expired;
        }

        var result = await removal.RemoveAsync(id, fileName, scheduler.Value.TaskExpiry, ct);
        switch (result.Outcome)
        {
            case TaskInputRemoval.Outcome.TaskGone:
                return ApiError.NotFound("TASK_NOT_FOUND", "No task with that id.");
            case TaskInputRemoval.Outcome.NotAccepting:
                return ApiError.Conflict("INVALID_TASK_STATE", result.Status is TaskStatuses.Queued or TaskStatuses.Processing
                    ? $"Task is {result.Status}: its files cannot change while it is queued or running. If it fails, its files can be removed or replaced before a retry."
                    : $"Task is {result.Status}: its files can no longer change (files can be removed while a task is CREATED, UPLOADING or UPLOAD_FAILED, and once it has FAILED, before a retry).");
            case TaskInputRemoval.Outcome.Expired:
                return TaskLookup.ExpiredByAge(task, scheduler.Value, time)
                    ?? ApiError.Conflict("INVALID_TASK_STATE", "Task expired; create a new task.");
            case TaskInputRemoval.Outcome.NotFound:
                var hint = result.Arriving ? " (an upload of that name is still arriving; remove it once it is stored)"
                    : result.LookAlike is { } other ? $"; it holds '{other}' (letter case counts)" : "";
                return ApiError.NotFound("INPUT_NOT_FOUND", $"The task holds no file named '{fileName}'{hint}.");
        }

        // Fast path: the object goes now. Its record is due already, so if S3 fails (or this node dies) any node removes it.
        try
        {
            await objects.DeleteAsync(result.ObjectKey!, CancellationToken.None);
            await removals.DoneAsync(result.ObjectKey!, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            removalLoop.Wake();
        }
        return Results.Ok(new { task_id = id, file_name = result.FileName, status = result.Status });
    }
}
