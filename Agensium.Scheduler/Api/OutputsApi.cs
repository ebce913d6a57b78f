using Agensium.Scheduler.Storage;
using Agensium.Scheduler.Tasks;

namespace Agensium.Scheduler.Api;

/// <summary>List and download a task's outputs/.</summary>
public static class OutputsApi
{
    public static IEndpointRouteBuilder MapOutputsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tasks/{taskId}/outputs", ListAsync);
        app.MapGet("/api/tasks/{taskId}/outputs/{fileName}", DownloadAsync);
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
        var prefix = TaskPaths.OutputsPrefix(task.UserId, id);
        var files = (await objects.ListAsync(prefix, ct))
            .Select(o => new { file_name = o.Key[prefix.Length..], size_bytes = o.Size, last_modified = o.LastModifiedUtc, key = o.Key })
            .ToList();
        return Results.Ok(new { task_id = id, status = task.Status, files });
    }

    public static async Task<IResult> DownloadAsync(string taskId, string fileName, TaskStore store, IObjectStore objects, CancellationToken ct)
    {
        var (task, error) = await TaskLookup.FindAsync(store, taskId, fileName, ct);
        if (task is null)
        {
            return error!;
        }
        var id = task.TaskId;
        var opened = await objects.OpenReadAsync(TaskPaths.Output(task.UserId, id, fileName), ct);
        return opened is { } o
            ? Results.Stream(o.Content, o.ContentType, fileName)
            : ApiError.NotFound("OUTPUT_NOT_FOUND", "The task has no output with that name.");
    }
}
