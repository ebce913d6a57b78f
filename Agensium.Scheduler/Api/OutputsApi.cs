using Agensium.Scheduler.Data;
using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Tasks;

namespace Agensium.Scheduler.Api;

/// <summary>List and download a task's outputs/.</summary>
public static class OutputsApi
{
    public static IEndpointRouteBuilder MapOutputsApi(this IEndpointRouteBuilder app)
    {
        app.MapGetAndHead("/api/tasks/{taskId}/outputs", ListAsync);
        app.MapGetAndHead("/api/tasks/{taskId}/outputs/{fileName}", DownloadCompletedAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(string taskId, TaskStore store, IObjectStore objects, CancellationToken ct)
    {
        var (task, error) = await TaskLookup.FindAsync(store, taskId, ct);
        if (task is null)
        {
            return error!;
        }
        var id = task.TaskId;
        if (task.Status != TaskStatuses.Completed)
        {
            // Only a COMPLETED attempt's outputs are the task's: a failed or running one may have left partial files.
            return Results.Ok(new { task_id = id, status = task.Status, files = Array.Empty<object>() });
        }

        var prefix = TaskPaths.OutputsPrefix(task.UserId, id);
        var files = (await objects.ListAsync(prefix, ct))
            .Select(o => new { file_name = o.Key[prefix.Length..], size_bytes = o.Size, last_modified = o.LastModifiedUtc, key = o.Key })
            .ToList();
        return Results.Ok(new { task_id = id, status = task.Status, files });
    }

    // The API serves a task's outputs once it is COMPLETED (downloads_available); the dashboard lets an operator see
    // whatever a failed attempt left (DownloadAsync).
    private static Task<IResult> DownloadCompletedAsync(string taskId, string fileName, TaskStore store, IObjectStore objects, CancellationToken ct) =>
        DownloadAsync(taskId, fileName, store, objects, completedOnly: true, ct);

    public static Task<IResult> DownloadAsync(string taskId, string fileName, TaskStore store, IObjectStore objects, CancellationToken ct) =>
        DownloadAsync(taskId, fileName, store, objects, completedOnly: false, ct);

    private static async Task<IResult> DownloadAsync(string taskId, string fileName, TaskStore store, IObjectStore objects, bool completedOnly, CancellationToken ct)
    {
        var (task, error) = await TaskLookup.FindAsync(store, taskId, fileName, ct, InputValidation.MaxStoredNameBytes);
        if (task is null)
        {
            return error!;
        }

        if (completedOnly && task.Status != TaskStatuses.Completed)
        {
            return ApiError.NotFound("OUTPUT_NOT_FOUND", $"The task is {task.Status}: outputs are served once it is COMPLETED.");
        }

        var opened = await objects.OpenReadAsync(TaskPaths.Output(task.UserId, task.TaskId, fileName), ct);
        return opened is { } o
            ? Results.Stream(o.Content, o.ContentType, fileName)
            : ApiError.NotFound("OUTPUT_NOT_FOUND", "The task has no output with that name.");
    }
}
