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
        if (!InputValidation.TryParseTaskId(taskId, out var id))
        {
            return ApiError.BadRequest("INVALID_TASK_ID", "task_id must be a UUID.");
        }
        var task = await store.FindAsync(id, ct);
        if (task is null)
        {
            return ApiError.NotFound("TASK_NOT_FOUND", "No task with that id.");
        }
        var prefix = TaskPaths.OutputsPrefix(task.UserId, id);
        var files = (await objects.ListAsync(prefix, ct))
            .Select(o => new { file_name = o.Key[prefix.Length..], size_bytes = o.Size, last_modified = o.LastModifiedUtc, key = o.Key })
            .ToList();
        return Results.Ok(new { task_id = id, status = task.Status, files });
    }

    private static async Task<IResult> DownloadAsync(string taskId, string fileName, TaskStore store, IObjectStore objects, CancellationToken ct)
    {
        if (!InputValidation.TryParseTaskId(taskId, out var id))
        {
            return ApiError.BadRequest("INVALID_TASK_ID", "task_id must be a UUID.");
        }
        if (InputValidation.FileNameProblem(fileName) is { } problem)
        {
            return ApiError.BadRequest("INVALID_FILE_NAME", problem);
        }
        var task = await store.FindAsync(id, ct);
        if (task is null)
        {
            return ApiError.NotFound("TASK_NOT_FOUND", "No task with that id.");
        }
        var opened = await objects.OpenReadAsync(TaskPaths.Output(task.UserId, id, fileName), ct);
        return opened is { } o
            ? Results.Stream(o.Content, o.ContentType, fileName)
            : ApiError.NotFound("OUTPUT_NOT_FOUND", "The task has no output with that name.");
    }
}
